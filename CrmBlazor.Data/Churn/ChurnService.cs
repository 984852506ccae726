using CrmBlazor.Data.Audit;
using System.Linq.Expressions;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Events;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Churn;

/// <summary>
/// Churn management (客户流失管理), PRODUCT.md §4: the warnings the lifecycle engine raised — an
/// account manager's own customers', a sales manager's team's, everyone's for admins and executives
/// (the customer query filters decide) — and what the customer's owner does about one: postpone
/// (暂缓流失, measures taken; more can be added) or confirm (确定流失, a reason from the dictionary;
/// the case closes and the customer becomes Lost). Each action is checked against the version the
/// caller saw, committed, then published as <see cref="ChurnWarningChanged"/>.
/// </summary>
public sealed class ChurnService(CrmDbFactory dbFactory, CrmEventHub events, Lifecycle.LifecycleEvaluator lifecycle, TimeProvider clock)
{
    private sealed record Joined(ChurnCase Case, Customer Customer);

    /// <summary>A case with its customer, as a shape EF Core can still filter and sort on before the rows are built.</summary>
    private sealed class CaseOfCustomer
    {
        public required ChurnCase Case { get; init; }
        public required Customer Customer { get; init; }
    }

    private static readonly Dictionary<string, Expression<Func<CaseOfCustomer, object?>>> Sorts = new()
    {
        ["CustomerName"] = r => r.Customer.Name,
        ["Trigger"] = r => r.Case.Trigger,
        ["RaisedAt"] = r => r.Case.RaisedAt,
        ["LastOrderDate"] = r => r.Case.LastOrderDate,
        ["Status"] = r => r.Case.Status,
    };

    public async Task<PagedResult<ChurnRow>> ListAsync(ChurnQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        RequireView(db.Scope);
        return await PageAsync(db, q, ct);
    }

    internal static async Task<PagedResult<ChurnRow>> PageAsync(CrmDbContext db, ChurnQuery q, CancellationToken ct)
    {
        var rows = Cases(db);
        if (q.Status is { } status) rows = rows.Where(r => r.Case.Status == status);
        else if (q.ActiveOnly) rows = rows.Where(r => r.Case.Status == ChurnCaseStatus.Open || r.Case.Status == ChurnCaseStatus.Postponed);
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim();
            rows = rows.Where(r => r.Customer.Name.Contains(text) || r.Customer.Number == text);
        }
        if (!string.IsNullOrEmpty(q.OwnerId)) rows = rows.Where(r => r.Customer.OwnerId == q.OwnerId);
        var sorted = (IOrderedQueryable<CaseOfCustomer>)rows.SortBy(q.SortBy, q.SortBy is null || q.Descending, Sorts, "RaisedAt");
        return await sorted.ThenByDescending(r => r.Case.Id).Select(ToRow).ToPageAsync(q, ct);
    }

    /// <summary>The configured "no order for N months" period of the warning rule, for the trigger's text.</summary>
    public async Task<int> NoOrderMonthsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await NoOrderMonthsAsync(db, ct);
    }

    internal static async Task<int> NoOrderMonthsAsync(CrmDbContext db, CancellationToken ct)
    {
        var key = StageThresholds.KeyPrefix + nameof(StageThresholds.ChurnWarningNoOrderMonths);
        var stored = await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return StageThresholds.FromSettings(stored is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [key] = stored }).ChurnWarningNoOrderMonths;
    }

    public async Task<Lookup<ChurnDetail>> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        RequireView(db.Scope);
        var row = await Cases(db).Where(r => r.Case.Id == id).Select(ToRow).FirstOrDefaultAsync(ct);
        if (row is null)
            return await db.ChurnCases.IgnoreQueryFilters().AnyAsync(c => c.Id == id, ct) ? await db.RefusedAsync<ChurnDetail>("ChurnCase", id, ct) : Lookup<ChurnDetail>.NotFound;
        var history = await db.ChurnCaseEntries.AsNoTracking().Where(e => e.ChurnCaseId == id).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new ChurnEntryRow(e.Action, e.Text, e.ByUserId, e.At)).ToListAsync(ct);
        return Lookup<ChurnDetail>.Found(new ChurnDetail(row, history, CanAct(db.Scope, row.OwnerId) && row.IsActive));
    }

    /// <summary>暂缓流失: records the measures taken; the owner may add more while the warning is open.</summary>
    public Task PostponeAsync(int id, int expectedVersion, string? measures, CancellationToken ct = default) =>
        ActAsync(id, expectedVersion, (_, j, me) =>
        {
            j.Case.Postpone(measures ?? "", me, Now);
            return Task.FromResult(ChurnWarningChange.Postponed);
        }, ct);

    /// <summary>确定流失: a churn reason from the dictionary (required) and an optional note; the case closes and the customer is marked Lost.</summary>
    public Task ConfirmAsync(int id, int expectedVersion, string? reasonCode, string? note, CancellationToken ct = default) =>
        ActAsync(id, expectedVersion, async (db, j, me) =>
        {
            var reason = Check.Required(reasonCode, "ChurnReason", 32);
            if (!await db.Dictionary.AnyAsync(d => d.Kind == DictionaryKind.ChurnReason && d.Code == reason && d.IsActive, ct))
                throw new DomainException("Churn.UnknownReason", $"'{reason}' is not a churn reason of the data dictionary.", reason);
            j.Case.Confirm(reason, note, me, Now);
            j.Customer.MarkLost();
            return ChurnWarningChange.Confirmed;
        }, ct);

    private async Task ActAsync(int id, int expectedVersion, Func<CrmDbContext, Joined, string, Task<ChurnWarningChange>> act, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var scope = db.Scope;
        scope.Require(Capability.ActOnChurn);
        var me = scope.RequireUserId();
        var churn = await db.ChurnCases.Include(x => x.Entries).FirstOrDefaultAsync(c => c.Id == id, ct);
        var customer = churn is null ? null : await db.Customers.FirstOrDefaultAsync(c => c.Id == churn.CustomerId, ct);
        if (churn is null || customer is null)
        {
            if (await db.ChurnCases.IgnoreQueryFilters().AnyAsync(c => c.Id == id, ct))
                throw new AccessDeniedException("Churn.NotOwner", "Only the customer's account manager can act on this churn warning.");
            throw new DomainException("Record.NotFound", "The churn warning no longer exists.");
        }
        var joined = new Joined(churn, customer);
        if (!CanAct(scope, joined.Customer.OwnerId))
            throw new AccessDeniedException("Churn.NotOwner", "Only the customer's account manager can act on this churn warning.");
        if (joined.Case.Version != expectedVersion)
            throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");

        var change = await act(db, joined, me);
        // a further postponement changes only the history: it still moves the case's version
        var entry = db.Entry(joined.Case);
        if (entry.State == EntityState.Unchanged) entry.Property(x => x.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        }
        await events.PublishAsync(new ChurnWarningChanged(joined.Case.Id, joined.Customer.Id, joined.Customer.Name, joined.Customer.OwnerId, change, Now));
        if (change == ChurnWarningChange.Confirmed)
        {
            await events.PublishAsync(new CustomerChanged(joined.Customer.Id, joined.Customer.OwnerId, null, CustomerChange.Edited, me, Now));
            // a lost customer keeps no open follow-up: the engine cancels it
            await lifecycle.EvaluateAsync([joined.Customer.Id], ct);
        }
    }

    /// <summary>Only the customer's owner acts on its warning (PRODUCT.md §1: account managers act on own customers' warnings).</summary>
    private static bool CanAct(AccessScope scope, string? ownerId) =>
        scope.Can(Capability.ActOnChurn) && scope.UserId is not null && ownerId == scope.UserId;

    /// <summary>Those who act on warnings, and those who read churn reports (executives, read-only).</summary>
    public static bool CanView(AccessScope scope) => scope.Can(Capability.ActOnChurn) || scope.Can(Capability.ViewReports);

    private static void RequireView(AccessScope scope)
    {
        if (!CanView(scope))
            throw new AccessDeniedException("Access.Denied", $"User {scope.UserId ?? scope.UserName} may not view churn warnings.", nameof(Capability.ActOnChurn));
    }

    private static IQueryable<CaseOfCustomer> Cases(CrmDbContext db) =>
        from c in db.ChurnCases.AsNoTracking()
        join cu in db.Customers.AsNoTracking() on c.CustomerId equals cu.Id
        select new CaseOfCustomer { Case = c, Customer = cu };

    private static readonly Expression<Func<CaseOfCustomer, ChurnRow>> ToRow = r => new ChurnRow(r.Case.Id, r.Case.CustomerId, r.Customer.Name,
        r.Customer.OwnerId, r.Case.Trigger, r.Case.RaisedAt, r.Case.LastOrderDate, r.Case.Status, r.Case.ClosedAt, r.Case.ConfirmedReasonCode, r.Case.Version);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
