using System.Text.Json;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Service;

/// <summary>The service levels as saved, with a version that grows with every write (handed back when saving).</summary>
public sealed record ServiceLevelSettings(ServiceLevels Values, int Version, DateTime? UpdatedAt, string? UpdatedById);

/// <summary>
/// The admin's due times per ticket type and priority and the care delays (stored settings
/// <c>Service.*</c>, like the stage rules): read by anyone who works with tickets, saved by admins —
/// checked by <see cref="ServiceLevels.With"/> first, refused when someone saved meanwhile, and
/// audited as one entry listing each changed value before → after. Removed per-type rows are deleted.
/// </summary>
public sealed class ServiceLevelSettingsService(CrmDbFactory dbFactory, TimeProvider clock)
{
    public const string AuditEntityType = "ServiceLevels";

    /// <summary>The current levels for anyone signed in (ticket pages use them to mark overdue tickets).</summary>
    public async Task<ServiceLevels> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await LoadAsync(db, ct);
    }

    /// <summary>The levels as stored, in the caller's context (schedulers and jobs read them inside their own transaction).</summary>
    public static async Task<ServiceLevels> LoadAsync(CrmDbContext db, CancellationToken ct) =>
        ServiceLevels.FromSettings(await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith(ServiceLevels.KeyPrefix)).ToDictionaryAsync(s => s.Key, s => s.Value, ct));

    public async Task<ServiceLevelSettings> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ManageSettings);
        return Present(await RowsAsync(db, ct));
    }

    public async Task<ServiceLevelSettings> SaveAsync(ServiceLevels values, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ManageSettings);
        var me = db.Scope.RequireUserId();
        // re-check: a caller may have built the record without the factory's rules
        values = ServiceLevels.With(values.DueHours, values.RevisitAfterTicketDays, values.RevisitAfterFirstPurchaseDays, values.GreetingLeadDays);
        var rows = await RowsAsync(db, ct);
        if (VersionOf(rows) != expectedVersion)
            throw new DomainException("Record.Changed", "Someone else changed the service levels meanwhile.");

        var now = clock.GetUtcNow().UtcDateTime;
        var wanted = values.ToSettings().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var changes = new SortedDictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var (key, value) in wanted)
        {
            var row = rows.FirstOrDefault(r => r.Key == key);
            if (row is null)
            {
                row = new Setting(key, value, now);
                row.Change(value, me, now);
                db.Settings.Add(row);
                changes[key] = [null, value];
            }
            else if (row.Value != value)
            {
                changes[key] = [row.Value, value];
                row.Change(value, me, now);
            }
        }
        foreach (var gone in rows.Where(r => !wanted.ContainsKey(r.Key)))
        {
            changes[gone.Key] = [gone.Value, null];
            db.Settings.Remove(gone);
        }
        if (changes.Count == 0) return Present(rows);

        db.SuppressAudit = true;
        db.AuditEntries.Add(new AuditEntry(now, me, db.Scope.UserName, AuditAction.Update, AuditEntityType, null, JsonSerializer.Serialize(changes), db.ClientAddress));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // a concurrent save changed, removed or inserted one of these keys
            throw new DomainException("Record.Changed", "Someone else changed the service levels meanwhile.");
        }
        await using var fresh = await dbFactory.CreateAsync(ct);
        return Present(await RowsAsync(fresh, ct));
    }

    private static Task<List<Setting>> RowsAsync(CrmDbContext db, CancellationToken ct) =>
        db.Settings.Where(s => s.Key.StartsWith(ServiceLevels.KeyPrefix)).ToListAsync(ct);

    // a removed row lowers the sum; the count keeps two different sets from colliding
    private static int VersionOf(IEnumerable<Setting> rows) => rows.Sum(r => r.Version + 1) * 1000 + rows.Count();

    private static ServiceLevelSettings Present(List<Setting> rows)
    {
        var latest = rows.Where(r => r.UpdatedById is not null).MaxBy(r => r.UpdatedAt);
        return new ServiceLevelSettings(ServiceLevels.FromSettings(rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal)),
            VersionOf(rows), latest?.UpdatedAt, latest?.UpdatedById);
    }
}
