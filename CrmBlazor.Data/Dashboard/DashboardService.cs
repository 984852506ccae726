using CrmBlazor.Data.Access;
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
public sealed record TaskRow(int Id, int CustomerId, string CustomerName, string Title, FollowUpKind Kind, DateOnly DueDate, LifecycleStage? Stage, string AssignedToId);

public sealed record DashboardSummary(
    int Customers, int ActiveChurnWarnings, int TasksDueToday, int TasksOverdue,
    IReadOnlyList<StageCount> Stages, IReadOnlyList<PipelineBar> Pipeline, IReadOnlyList<TicketCount> Tickets,
    IReadOnlyList<MonthRevenue> Revenue, IReadOnlyList<AssignmentRow> RecentAssignments,
    IReadOnlyList<TaskRow> TodayTasks, IReadOnlyList<TaskRow> OverdueTasks, IReadOnlyList<TaskRow> UpcomingTasks, int TasksUpcoming,
    IReadOnlyList<WaitingRow> AwaitingAssignment, int AwaitingAssignmentCount);

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
        var personal = scope.Profile is AccessProfile.AccountManager or AccessProfile.CustomerService;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var stages = scope.Can(Capability.ViewCustomers)
            ? await db.Customers.AsNoTracking().GroupBy(c => c.Stage).Select(g => new StageCount(g.Key, g.Count())).ToListAsync(ct)
            : [];
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

        var tickets = new List<TicketCount>();
        if (scope.Can(Capability.ViewTickets))
        {
            var query = db.Tickets.AsNoTracking();
            if (personal) query = query.Where(t => t.AssignedToId == me);
            tickets = await query.GroupBy(t => t.Status).Select(g => new TicketCount(g.Key, g.Count())).ToListAsync(ct);
            tickets = tickets.OrderBy(t => t.Status).ToList();
        }

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

        var openTasks = db.FollowUpTasks.AsNoTracking().Where(t => t.Status == FollowUpStatus.Open);
        if (personal) openTasks = openTasks.Where(t => t.AssignedToId == me);
        var dueToday = await openTasks.CountAsync(t => t.DueDate == today, ct);
        var overdue = await openTasks.CountAsync(t => t.DueDate < today, ct);
        var horizon = today.AddDays(7);
        var upcoming = await openTasks.CountAsync(t => t.DueDate > today && t.DueDate <= horizon, ct);
        var todayList = await TasksAsync(db, openTasks.Where(t => t.DueDate == today).OrderBy(t => t.Id), 8, ct);
        var overdueList = await TasksAsync(db, openTasks.Where(t => t.DueDate < today).OrderBy(t => t.DueDate).ThenBy(t => t.Id), 5, ct);
        var upcomingList = await TasksAsync(db, openTasks.Where(t => t.DueDate > today && t.DueDate <= horizon).OrderBy(t => t.DueDate).ThenBy(t => t.Id), 5, ct);

        var churn = scope.Can(Capability.ViewCustomers)
            ? await db.ChurnCases.AsNoTracking().CountAsync(c => c.Status == ChurnCaseStatus.Open || c.Status == ChurnCaseStatus.Postponed, ct)
            : 0;

        return new DashboardSummary(customers, churn, dueToday, overdue, stages.OrderBy(s => s.Stage).ToList(), pipeline, tickets,
            revenue, assignments, todayList, overdueList, upcomingList, upcoming, waiting, waitingCount);
    }

    /// <summary>Count, expected and weighted amount by status — assigned to me for those who work opportunities, else all the caller sees.</summary>
    public async Task<IReadOnlyList<PipelineBar>> PipelineAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await PipelineAsync(db, ct);
    }

    public async Task<(IReadOnlyList<WaitingRow> Rows, int Count)> AwaitingAssignmentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await AwaitingAssignmentAsync(db, ct);
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
        return raw.Select(r => new PipelineBar(r.Status, r.Count, r.Amount, Math.Round(r.Weighted / 100m, 2))).OrderBy(p => p.Status).ToList();
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

    private static Task<List<TaskRow>> TasksAsync(CrmDbContext db, IQueryable<FollowUpTask> tasks, int take, CancellationToken ct) =>
        tasks.Take(take)
            .Select(t => new TaskRow(t.Id, t.CustomerId, db.Customers.IgnoreQueryFilters().Where(c => c.Id == t.CustomerId).Select(c => c.Name).First(),
                t.Title, t.Kind, t.DueDate, t.Stage, t.AssignedToId))
            .ToListAsync(ct);
}
