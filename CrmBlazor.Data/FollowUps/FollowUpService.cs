using CrmBlazor.Data.Audit;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Events;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.FollowUps;

/// <summary>
/// Follow-up tasks (跟进任务), PRODUCT.md §2: the caller's open tasks — own for account managers
/// and customer service, the team's for a sales manager, all for admins and executives (the query
/// filters decide) — grouped due today / overdue / upcoming; completing one with a follow-up
/// record, which plans the customer's next follow-up on its stage's cadence (or on the date the
/// owner planned) in the same transaction, then publishes <see cref="FollowUpTasksChanged"/>.
/// "Today" is the UTC date, as for the domain's "no contact in the future" rule.
/// </summary>
public sealed class FollowUpService(CrmDbFactory dbFactory, CrmEventHub events, TimeProvider clock)
{
    public async Task<PagedResult<FollowUpRow>> ListAsync(FollowUpQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewDashboard);
        return await PageAsync(db, q, Today, ct);
    }

    /// <summary>One page of one bucket of the open tasks the context's caller sees (the dashboard reads through here too).</summary>
    internal static async Task<PagedResult<FollowUpRow>> PageAsync(CrmDbContext db, FollowUpQuery q, DateOnly today, CancellationToken ct)
    {
        var open = db.FollowUpTasks.AsNoTracking().Where(t => t.Status == FollowUpStatus.Open);
        IQueryable<FollowUpTask> bucket = q.Bucket switch
        {
            FollowUpBucket.DueToday => open.Where(t => t.DueDate == today).OrderBy(t => t.Id),
            FollowUpBucket.Overdue => open.Where(t => t.DueDate < today).OrderBy(t => t.DueDate).ThenBy(t => t.Id),
            _ when q.UpcomingDays is { } days => open.Where(t => t.DueDate > today && t.DueDate <= today.AddDays(days)).OrderBy(t => t.DueDate).ThenBy(t => t.Id),
            _ => open.Where(t => t.DueDate > today).OrderBy(t => t.DueDate).ThenBy(t => t.Id),
        };
        var page = await bucket.Select(RowWithoutName).ToPageAsync(q, ct);
        return page with { Items = await WithCustomerNamesAsync(db, page.Items, ct) };
    }

    public async Task<FollowUpCounts> CountsAsync(int upcomingDays = 7, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewDashboard);
        var today = Today;
        var horizon = today.AddDays(upcomingDays);
        var open = db.FollowUpTasks.AsNoTracking().Where(t => t.Status == FollowUpStatus.Open);
        return new FollowUpCounts(
            await open.CountAsync(t => t.DueDate == today, ct),
            await open.CountAsync(t => t.DueDate < today, ct),
            await open.CountAsync(t => t.DueDate > today && t.DueDate <= horizon, ct));
    }

    public async Task<Lookup<FollowUpDetail>> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewDashboard);
        var found = await db.FollowUpTasks.AsNoTracking().Where(t => t.Id == id).Select(RowWithoutName).FirstOrDefaultAsync(ct);
        if (found is null)
            return await db.FollowUpTasks.IgnoreQueryFilters().AnyAsync(t => t.Id == id, ct) ? await db.RefusedAsync<FollowUpDetail>("FollowUpTask", id, ct) : Lookup<FollowUpDetail>.NotFound;
        var row = (await WithCustomerNamesAsync(db, [found], ct))[0];
        var status = await db.FollowUpTasks.AsNoTracking().Where(t => t.Id == id).Select(t => t.Status).FirstAsync(ct);
        var stage = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == row.CustomerId).Select(c => c.Stage).FirstAsync(ct);
        var cadence = await CadenceAsync(db, stage, ct);
        return Lookup<FollowUpDetail>.Found(new FollowUpDetail(row, status, stage, cadence,
            CanComplete: status == FollowUpStatus.Open && row.AssignedToId == db.Scope.UserId));
    }

    /// <summary>
    /// Completes a task with its follow-up record (the domain enforces: assignee only, no contact in
    /// the future, next plan not before the contact) and plans the customer's next follow-up: on the
    /// next plan date when one is given, else on the current stage's cadence from the contact date —
    /// unless an open cadence task is already planned (the lifecycle engine may have made one).
    /// </summary>
    public async Task<FollowUpCompletion> CompleteAsync(int id, int expectedVersion, FollowUpRecord record, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var me = db.Scope.RequireUserId();
        var task = await db.FollowUpTasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null)
        {
            if (await db.FollowUpTasks.IgnoreQueryFilters().AnyAsync(t => t.Id == id, ct))
                throw new AccessDeniedException("FollowUp.Denied", "This follow-up task is not yours to see or complete.");
            throw new DomainException("Record.NotFound", "The follow-up task no longer exists.");
        }
        if (task.Version != expectedVersion)
            throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        if (record.ContactDate is not { } contactDate)
            throw new DomainException("Validation.Required", "ContactDate is required.", "ContactDate");
        var channel = Check.Required(record.ChannelCode, "Channel", 32);
        if (!await db.Dictionary.AnyAsync(d => d.Kind == DictionaryKind.FollowUpChannel && d.Code == channel && d.IsActive, ct))
            throw new DomainException("FollowUp.UnknownChannel", $"'{channel}' is not a contact channel of the data dictionary.", channel);

        task.Complete(contactDate, channel, record.Content ?? "", record.NextPlan, record.NextPlanDate, me, Now);

        var customer = await db.Customers.IgnoreQueryFilters().FirstAsync(c => c.Id == task.CustomerId, ct);
        var planned = await db.FollowUpTasks.IgnoreQueryFilters()
            .Where(t => t.CustomerId == task.CustomerId && t.Id != task.Id && t.Status == FollowUpStatus.Open && t.Kind == FollowUpKind.FollowUp)
            .OrderBy(t => t.DueDate).Select(t => new { t.Id, t.DueDate }).FirstOrDefaultAsync(ct);
        FollowUpTask? next = null;
        if (planned is null && customer.Status != CustomerStatus.Inactive)
        {
            var cadence = await CadenceAsync(db, customer.Stage, ct);
            var due = FollowUpPlanner.NextDue(cadence, contactDate, record.NextPlanDate);
            next = FollowUpTask.Create(customer.Id, customer.OwnerId ?? me, FollowUpKind.FollowUp, customer.Stage, FollowUpPlanner.CadenceTitle(customer.Stage), due, Now);
            db.FollowUpTasks.Add(next);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        }

        await events.PublishAsync(new FollowUpTasksChanged(task.CustomerId, task.AssignedToId, Now));
        if (next is not null && next.AssignedToId != task.AssignedToId)
            await events.PublishAsync(new FollowUpTasksChanged(next.CustomerId, next.AssignedToId, Now));
        return next is not null ? new FollowUpCompletion(next.Id, next.DueDate, false)
            : planned is not null ? new FollowUpCompletion(planned.Id, planned.DueDate, true)
            : new FollowUpCompletion(null, null, false);
    }

    /// <summary>The stage's cadence as the admin set it in its playbook; the product's default when there is no playbook.</summary>
    internal static async Task<CadenceKind> CadenceAsync(CrmDbContext db, LifecycleStage stage, CancellationToken ct) =>
        await db.Playbooks.AsNoTracking().Where(p => p.Stage == stage).Select(p => (CadenceKind?)p.Cadence).FirstOrDefaultAsync(ct)
        ?? FollowUpCadence.Default(stage);

    private static readonly System.Linq.Expressions.Expression<Func<FollowUpTask, FollowUpRow>> RowWithoutName =
        t => new FollowUpRow(t.Id, t.CustomerId, "", t.Kind, t.Stage, t.Title, t.DueDate, t.AssignedToId, t.Version);

    /// <summary>
    /// Fills in the customers' names in a second query: a task the caller may see (a team member's)
    /// can belong to a customer owned outside the team, so the names are read past the customer
    /// filter — for exactly these ids, and never in the task query itself, where IgnoreQueryFilters
    /// would switch off the task filter too.
    /// </summary>
    internal static async Task<IReadOnlyList<FollowUpRow>> WithCustomerNamesAsync(CrmDbContext db, IReadOnlyList<FollowUpRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return rows;
        var ids = rows.Select(r => r.CustomerId).Distinct().ToArray();
        var names = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return rows.Select(r => r with { CustomerName = names.GetValueOrDefault(r.CustomerId, "") }).ToArray();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);
}
