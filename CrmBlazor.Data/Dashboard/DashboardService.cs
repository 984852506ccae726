using CrmBlazor.Data.Access;
using CrmBlazor.Data.Churn;
using CrmBlazor.Data.FollowUps;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Dashboard;

public sealed record StageCount(LifecycleStage Stage, int Count);
public sealed record PipelineBar(OpportunityStatus Status, int Count, decimal ExpectedAmount, decimal WeightedAmount);
public sealed record TicketCount(TicketStatus Status, int Count);
public sealed record MonthRevenue(int Year, int Month, decimal Amount, int Orders);
public sealed record AssignmentRow(int OpportunityId, string CustomerName, string Summary, int Probability, DateTime AssignedAt, string? AssignedById);
public sealed record WaitingRow(int OpportunityId, string CustomerName, string Summary, int Probability, DateTime CreatedAt, string CreatedById, bool InPool);

/// <summary>The caller's open follow-ups: counts of the three groups and the first rows of each.</summary>
public sealed record FollowUpSection(int DueToday, int Overdue, int Upcoming,
    IReadOnlyList<FollowUpRow> TodayTasks, IReadOnlyList<FollowUpRow> OverdueTasks, IReadOnlyList<FollowUpRow> UpcomingTasks);

/// <summary>The open churn warnings the caller sees (own, the team's, or all), newest first.</summary>
public sealed record ChurnSection(int Open, IReadOnlyList<ChurnRow> Warnings, int NoOrderMonths);

public sealed record DashboardSummary(
    int Customers, int ActiveChurnWarnings, int TasksDueToday, int TasksOverdue,
    IReadOnlyList<StageCount> Stages, IReadOnlyList<PipelineBar> Pipeline, IReadOnlyList<TicketCount> Tickets,
    IReadOnlyList<MonthRevenue> Revenue, IReadOnlyList<AssignmentRow> RecentAssignments,
    IReadOnlyList<FollowUpRow> TodayTasks, IReadOnlyList<FollowUpRow> OverdueTasks, IReadOnlyList<FollowUpRow> UpcomingTasks, int TasksUpcoming,
    IReadOnlyList<WaitingRow> AwaitingAssignment, int AwaitingAssignmentCount, ChurnSection? Churn);

/// <summary>
/// The dashboard of whoever is signed in. The same queries serve every role: the scoped context
/// narrows them to own records (account manager), the team (sales manager) or everything
/// (executive, admin). "My pipeline" and "my tickets" mean assigned to me for those who work them;
/// follow-ups are one's own, or the team's for a sales manager.
/// </summary>
public sealed class DashboardService(CrmDbFactory dbFactory, TimeProvider clock)
{
    public async Task<DashboardSummary> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var scope = db.Scope;
        scope.Require(Capability.ViewDashboard);
        var me = scope.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var stages = await StagesAsync(db, ct);
        var customers = stages.Sum(s => s.Count);

        var pipeline = await PipelineAsync(db, ct);
        var assignments = new List<AssignmentRow>();
        if (scope.Can(Capability.ViewOpportunities) && me is not null)
        {
            var since = now.AddDays(-14);
            assignments = await db.Opportunities.AsNoTracking()
                .Where(o => o.AssignedToId == me && o.AssignedAt >= since && o.Status == OpportunityStatus.Assigned)
                .OrderByDescending(o => o.AssignedAt).Take(10)
                .Select(o => new AssignmentRow(o.Id, o.CustomerName, o.Summary, o.Probability, o.AssignedAt!.Value, o.AssignedById))
                .ToListAsync(ct);
        }
        var (waiting, waitingCount) = await AwaitingAssignmentAsync(db, ct);

        var tickets = await TicketsAsync(db, ct);

        var revenue = new List<MonthRevenue>();
        if (scope.Can(Capability.ViewCustomers))
        {
            var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
            revenue = await db.Orders.AsNoTracking().Where(o => o.OrderDate >= from)
                .GroupBy(o => new { o.OrderDate.Year, o.OrderDate.Month })
                .Select(g => new MonthRevenue(g.Key.Year, g.Key.Month, g.Sum(o => o.Amount), g.Count()))
                .ToListAsync(ct);
            revenue = revenue.OrderBy(r => r.Year).ThenBy(r => r.Month).ToList();
        }

        var tasks = await FollowUpsAsync(db, today, ct);
        var churn = await ChurnAsync(db, ct);

        return new DashboardSummary(customers, churn?.Open ?? 0, tasks.DueToday, tasks.Overdue, stages.OrderBy(s => s.Stage).ToList(), pipeline, tickets,
            revenue, assignments, tasks.TodayTasks, tasks.OverdueTasks, tasks.UpcomingTasks, tasks.Upcoming, waiting, waitingCount, churn);
    }

    /// <summary>Count, expected and weighted amount by status — assigned to me for those who work opportunities, else all the caller sees.</summary>
    /// <summary>Customers per lifecycle stage, as the caller may see them (empty without customer rights).</summary>
    public async Task<IReadOnlyList<StageCount>> StagesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await StagesAsync(db, ct);
    }

    private static async Task<IReadOnlyList<StageCount>> StagesAsync(CrmDbContext db, CancellationToken ct) =>
        db.Scope.Can(Capability.ViewCustomers)
            ? await db.Customers.AsNoTracking().GroupBy(c => c.Stage).Select(g => new StageCount(g.Key, g.Count())).ToListAsync(ct)
            : [];

    public async Task<IReadOnlyList<PipelineBar>> PipelineAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await PipelineAsync(db, ct);
    }

    /// <summary>Re-read when a follow-up of the caller's changed (completed, planned, cancelled by a stage change).</summary>
    public async Task<FollowUpSection> FollowUpsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewDashboard);
        return await FollowUpsAsync(db, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
    }

    /// <summary>Re-read when a churn warning the caller sees was raised, acted on or resolved; null for those who do not see warnings.</summary>
    public async Task<ChurnSection?> ChurnAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await ChurnAsync(db, ct);
    }

    public async Task<(IReadOnlyList<WaitingRow> Rows, int Count)> AwaitingAssignmentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await AwaitingAssignmentAsync(db, ct);
    }

    /// <summary>Tickets by status — assigned to me for those who handle them, else all the caller sees (re-read when a ticket changes).</summary>
    public async Task<IReadOnlyList<TicketCount>> TicketsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await TicketsAsync(db, ct);
    }

    private static async Task<IReadOnlyList<TicketCount>> TicketsAsync(CrmDbContext db, CancellationToken ct)
    {
        var scope = db.Scope;
        if (!scope.Can(Capability.ViewTickets)) return [];
        var query = db.Tickets.AsNoTracking();
        if (scope.Profile is AccessProfile.AccountManager or AccessProfile.CustomerService) query = query.Where(t => t.AssignedToId == scope.UserId);
        var counts = await query.GroupBy(t => t.Status).Select(g => new TicketCount(g.Key, g.Count())).ToListAsync(ct);
        return counts.OrderBy(t => t.Status).ToList();
    }

    private static async Task<IReadOnlyList<PipelineBar>> PipelineAsync(CrmDbContext db, CancellationToken ct)
    {
        var scope = db.Scope;
        if (!scope.Can(Capability.ViewOpportunities)) return [];
        var opportunities = db.Opportunities.AsNoTracking();
        if (scope.Profile is AccessProfile.AccountManager or AccessProfile.CustomerService) opportunities = opportunities.Where(o => o.AssignedToId == scope.UserId);
        var raw = await opportunities.GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Amount = g.Sum(o => o.ExpectedAmount ?? 0), Weighted = g.Sum(o => (o.ExpectedAmount ?? 0) * o.Probability) })
            .ToListAsync(ct);
        // exact sums (display rounds): a pipeline moved by events (PipelineDelta) stays equal to a re-read one
        return raw.Select(r => new PipelineBar(r.Status, r.Count, r.Amount, r.Weighted / 100m)).OrderBy(p => p.Status).ToList();
    }

    private static async Task<(IReadOnlyList<WaitingRow> Rows, int Count)> AwaitingAssignmentAsync(CrmDbContext db, CancellationToken ct)
    {
        if (!db.Scope.Can(Capability.AssignOpportunities)) return ([], 0);
        var unassigned = db.Opportunities.AsNoTracking().Where(o => o.Status == OpportunityStatus.Unassigned);
        var count = await unassigned.CountAsync(ct);
        var rows = await unassigned.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).Take(8)
            .Select(o => new WaitingRow(o.Id, o.CustomerName, o.Summary, o.Probability, o.CreatedAt, o.CreatedById, o.InPool))
            .ToListAsync(ct);
        return (rows, count);
    }

    private static async Task<FollowUpSection> FollowUpsAsync(CrmDbContext db, DateOnly today, CancellationToken ct)
    {
        // the query filters narrow tasks to one's own (account manager, customer service) or the team's (sales manager)
        var dueToday = await FollowUpService.PageAsync(db, new FollowUpQuery { Bucket = FollowUpBucket.DueToday, Take = 8 }, today, ct);
        var overdue = await FollowUpService.PageAsync(db, new FollowUpQuery { Bucket = FollowUpBucket.Overdue, Take = 8 }, today, ct);
        var upcoming = await FollowUpService.PageAsync(db, new FollowUpQuery { Bucket = FollowUpBucket.Upcoming, UpcomingDays = 7, Take = 5 }, today, ct);
        return new FollowUpSection(dueToday.Total, overdue.Total, upcoming.Total, dueToday.Items, overdue.Items, upcoming.Items);
    }

    private static async Task<ChurnSection?> ChurnAsync(CrmDbContext db, CancellationToken ct)
    {
        if (!ChurnService.CanView(db.Scope)) return null;
        var page = await ChurnService.PageAsync(db, new ChurnQuery { ActiveOnly = true, Take = 6 }, ct);
        return new ChurnSection(page.Total, page.Items, await ChurnService.NoOrderMonthsAsync(db, ct));
    }
}
