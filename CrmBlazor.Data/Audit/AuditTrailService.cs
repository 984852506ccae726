using System.Globalization;
using System.Text.Json;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Audit;

/// <summary>The audit page's filter: user, record (type and id), action, and a time range [From, To) in UTC.</summary>
public sealed record AuditQuery : PageRequest
{
    public string? UserId { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public AuditAction? Action { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
}

/// <summary>One changed field, values as written (personal ones masked when they were recorded).</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

public sealed record AuditRow(long Id, DateTime At, string? UserId, string UserName, AuditAction Action, string EntityType, string? EntityId,
    IReadOnlyList<AuditChange> Changes, string? IpAddress);

/// <summary>
/// Reading the audit trail. The whole trail: admins only (the record filters hide it from
/// everyone else as well). One record's own history: admins, and sales managers for a record they
/// may see (their team's customers, opportunities and tickets) — the people who answer for what
/// happened to it; account managers, service staff and executives do not read the trail. There is
/// no method that changes or removes an entry (and the database refuses it, migration 0010).
/// </summary>
public sealed class AuditTrailService(CrmDbFactory dbFactory, IDbContextFactory<CrmDbContext> rawFactory, TimeProvider clock)
{
    /// <summary>At most this many entries go into one CSV export; narrow the filter for more.</summary>
    public const int ExportLimit = 100_000;

    /// <summary>The record types whose page shows their history.</summary>
    public static readonly string[] RecordTypes = ["Customer", "Opportunity", "ServiceTicket"];

    public async Task<PagedResult<AuditRow>> SearchAsync(AuditQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        RequireAdmin(db.Scope);
        var query = Filter(db.AuditEntries.AsNoTracking(), q);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip(q.SafeSkip).Take(q.SafeTake).ToListAsync(ct);
        return new PagedResult<AuditRow>(items.Select(ToRow).ToArray(), total);
    }

    /// <summary>The filtered entries for a CSV file (newest first, at most <see cref="ExportLimit"/>); the export itself is audited.</summary>
    public async Task<IReadOnlyList<AuditRow>> ExportAsync(AuditQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        RequireAdmin(db.Scope);
        var items = await Filter(db.AuditEntries.AsNoTracking(), q).OrderByDescending(a => a.Id).Take(ExportLimit).ToListAsync(ct);
        var filter = new Dictionary<string, string?>
        {
            ["user"] = q.UserId, ["type"] = q.EntityType, ["id"] = q.EntityId, ["action"] = q.Action?.ToString(),
            ["from"] = q.From?.ToString("O", CultureInfo.InvariantCulture), ["to"] = q.To?.ToString("O", CultureInfo.InvariantCulture),
        };
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, db.Scope.UserId, db.Scope.UserName, AuditAction.Export, nameof(AuditEntry), null,
            JsonSerializer.Serialize(new { rows = items.Count, filter = filter.Where(f => f.Value is not null).ToDictionary() }), db.ClientAddress));
        await db.SaveChangesAsync(ct);
        return items.Select(ToRow).ToArray();
    }

    /// <summary>
    /// One record's history, newest first: a customer with its contacts and interactions, an
    /// opportunity, a ticket. <see cref="LookupStatus.Denied"/> for a caller who may not read it.
    /// </summary>
    public async Task<Lookup<PagedResult<AuditRow>>> HistoryAsync(string entityType, int id, int skip = 0, int take = 20, CancellationToken ct = default)
    {
        string[] ids = [id.ToString(CultureInfo.InvariantCulture)];
        await using var db = await dbFactory.CreateAsync(ct);
        if (db.Scope.Profile is not (AccessProfile.Admin or AccessProfile.System or AccessProfile.SalesManager)) return Lookup<PagedResult<AuditRow>>.Denied;
        var visible = entityType switch
        {
            "Customer" => await db.Customers.AnyAsync(c => c.Id == id, ct),
            "Opportunity" => await db.Opportunities.AnyAsync(o => o.Id == id, ct),
            "ServiceTicket" => await db.Tickets.AnyAsync(t => t.Id == id, ct),
            _ => throw new DomainException("Audit.UnknownRecordType", $"{entityType} has no history page.", entityType),
        };
        if (!visible) return Lookup<PagedResult<AuditRow>>.Denied;
        string[] contactIds = [], interactionIds = [];
        if (entityType == "Customer")
        {
            contactIds = (await db.Contacts.Where(c => c.CustomerId == id).Select(c => c.Id).ToListAsync(ct)).Select(Text).ToArray();
            interactionIds = (await db.Interactions.Where(i => i.CustomerId == id).Select(i => i.Id).ToListAsync(ct)).Select(Text).ToArray();
        }
        // the record was checked against the caller's scope above; the trail itself is read company-wide
        await using var system = await rawFactory.CreateSystemContextAsync(ct);
        var query = system.AuditEntries.AsNoTracking().Where(a =>
            a.EntityType == entityType && ids.Contains(a.EntityId!)
            || a.EntityType == "Contact" && contactIds.Contains(a.EntityId!)
            || a.EntityType == "Interaction" && interactionIds.Contains(a.EntityId!));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return Lookup<PagedResult<AuditRow>>.Found(new PagedResult<AuditRow>(items.Select(ToRow).ToArray(), total));
    }

    /// <summary>Whether the caller may read records' histories at all (the page shows the section only then).</summary>
    public async Task<bool> CanReadHistoryAsync(CancellationToken ct = default) =>
        (await dbFactory.GetScopeAsync(ct)).Profile is AccessProfile.Admin or AccessProfile.System or AccessProfile.SalesManager;

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static void RequireAdmin(AccessScope scope)
    {
        if (scope.Profile is not (AccessProfile.Admin or AccessProfile.System))
            throw new AccessDeniedException("Access.Denied", $"{scope.UserName} may not read the audit trail.", "Audit");
    }

    private static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> query, AuditQuery q)
    {
        if (!string.IsNullOrWhiteSpace(q.UserId)) query = query.Where(a => a.UserId == q.UserId);
        if (!string.IsNullOrWhiteSpace(q.EntityType)) query = query.Where(a => a.EntityType == q.EntityType);
        if (!string.IsNullOrWhiteSpace(q.EntityId)) query = query.Where(a => a.EntityId == q.EntityId.Trim());
        if (q.Action is { } action) query = query.Where(a => a.Action == action);
        if (q.From is { } from) query = query.Where(a => a.At >= from);
        if (q.To is { } to) query = query.Where(a => a.At < to);
        return query;
    }

    internal static AuditRow ToRow(AuditEntry a) =>
        new(a.Id, a.At, a.UserId, a.UserName, a.Action, a.EntityType, a.EntityId, Changes(a.Changes), a.IpAddress);

    /// <summary>Reads the stored changes: field → [before, after] from tracked changes, field → value from other entries.</summary>
    public static IReadOnlyList<AuditChange> Changes(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [new AuditChange("", null, json)];
            return doc.RootElement.EnumerateObject().Select(p => p.Value is { ValueKind: JsonValueKind.Array } v && v.GetArrayLength() == 2
                ? new AuditChange(p.Name, Value(v[0]), Value(v[1]))
                : new AuditChange(p.Name, null, Value(p.Value))).ToArray();
        }
        catch (JsonException)
        {
            return [new AuditChange("", null, json)];
        }
    }

    private static string? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => e.GetString(),
        _ => e.GetRawText(),
    };
}
