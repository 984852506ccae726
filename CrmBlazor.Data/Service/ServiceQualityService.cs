using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Service;

/// <summary>Which tickets the measures cover: created from/to (dates, both included), of one type, of one handler (<see cref="ServiceQuality.Unassigned"/>: nobody's).</summary>
public sealed record ServiceQualityQuery(DateOnly From, DateOnly To, string? TypeCode = null, string? HandlerId = null);

/// <summary>Tickets per month and type, for the stacked "by month" chart.</summary>
public sealed record MonthTypeCount(string Month, string TypeCode, int Count);

/// <summary>An open ticket that is late or about to be.</summary>
public sealed record DueTicketRow(int Id, string TypeCode, TicketPriority Priority, string Summary, int CustomerId, string CustomerName,
    TicketStatus Status, string? HandlerId, DateTime CreatedAt, TicketDueStatus Due);

/// <summary>The first <c>take</c> late or nearly late tickets, and how many there are in all.</summary>
public sealed record DueTickets(IReadOnlyList<DueTicketRow> Rows, int Overdue, int DueSoon);

public sealed record ServiceQualityResult(ServiceQualityReport Report, IReadOnlyList<MonthTypeCount> ByMonthAndType);

/// <summary>
/// The service analysis (客户服务分析) and quality measures over the tickets the caller may report
/// on: a sales manager their team's (handled or created by the team, or about the team's
/// customers), executives and admins everyone's. The numbers are computed by the domain's
/// <see cref="ServiceQuality"/> over plain ticket records read once per call.
/// </summary>
public sealed class ServiceQualityService(CrmDbFactory dbFactory)
{
    /// <summary>The longest range one report covers: bounds what one call reads into memory.</summary>
    public const int MaxDays = 3 * 366;

    public async Task<ServiceQualityResult> MeasureAsync(ServiceQualityQuery q, CancellationToken ct = default)
    {
        if (q.To < q.From) throw new DomainException("Report.RangeOrder", "The end of the range is before its start.");
        if (q.To.DayNumber - q.From.DayNumber > MaxDays) throw new DomainException("Report.RangeTooLong", $"A report covers at most {MaxDays} days.", MaxDays);
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        var from = q.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var until = q.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var tickets = Reportable(db).AsNoTracking().Where(t => t.CreatedAt >= from && t.CreatedAt < until);
        if (!string.IsNullOrEmpty(q.TypeCode)) tickets = tickets.Where(t => t.TypeCode == q.TypeCode);
        if (q.HandlerId == ServiceQuality.Unassigned) tickets = tickets.Where(t => t.AssignedToId == null);
        else if (q.HandlerId is { } handler) tickets = tickets.Where(t => t.AssignedToId == handler);
        var facts = await tickets.Select(t => new TicketFact(t.Id, t.TypeCode, t.Priority, t.Status, t.AssignedToId, t.CreatedAt,
                db.TicketHistory.Where(h => h.TicketId == t.Id && h.Kind == TicketHistoryKind.Assigned).Min(h => (DateTime?)h.At) ?? t.AssignedAt,
                t.HandledAt,
                t.Status == TicketStatus.FeedbackGiven || t.Status == TicketStatus.Archived ? t.FeedbackAt : null,
                t.Satisfaction, t.RehandleCount))
            .ToListAsync(ct);

        var revisitTasks = db.FollowUpTasks.AsNoTracking()
            .Where(r => r.Kind == FollowUpKind.Revisit && r.Status == FollowUpStatus.Done && r.CompletedAt >= from && r.CompletedAt < until);
        if (q.HandlerId is { Length: > 0 } maker) revisitTasks = revisitTasks.Where(r => r.AssignedToId == maker);
        var revisits = await revisitTasks
            .Select(r => new RevisitFact(r.AssignedToId, r.CompletedAt!.Value,
                db.Tickets.IgnoreQueryFilters().Where(t => t.Id == r.SourceId).Select(t => t.TypeCode).FirstOrDefault()))
            .ToListAsync(ct);
        if (!string.IsNullOrEmpty(q.TypeCode)) revisits = revisits.Where(r => r.TicketTypeCode == q.TypeCode).ToList();
        if (q.HandlerId == ServiceQuality.Unassigned) revisits = [];

        var byMonthAndType = facts.GroupBy(f => (Month: ServiceQuality.MonthKey(f.CreatedAt), f.TypeCode))
            .Select(g => new MonthTypeCount(g.Key.Month, g.Key.TypeCode, g.Count()))
            .OrderBy(m => m.Month, StringComparer.Ordinal).ThenBy(m => m.TypeCode, StringComparer.Ordinal).ToArray();
        return new ServiceQualityResult(ServiceQuality.Measure(facts, revisits), byMonthAndType);
    }

    /// <summary>
    /// Open tickets past their due time or with under a quarter of it left: overdue first, the most
    /// urgent priority first, then by due time; at most <paramref name="take"/> rows, with the totals.
    /// </summary>
    public async Task<DueTickets> DueTicketsAsync(int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        var levels = await ServiceLevelSettingsService.LoadAsync(db, ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var open = await Reportable(db).AsNoTracking().Where(t => t.Status == TicketStatus.Created || t.Status == TicketStatus.Assigned)
            .Select(t => new { t.Id, t.TypeCode, t.Priority, t.Summary, t.CustomerId, t.Status, t.AssignedToId, t.CreatedAt })
            .ToListAsync(ct);
        var all = open.Select(t => (t, d: levels.StatusOf(t.Status, t.TypeCode, t.Priority, t.CreatedAt, now)))
            .Where(x => x.d.State is TicketDueState.Overdue or TicketDueState.DueSoon).ToArray();
        var due = all.OrderByDescending(x => x.d.IsOverdue).ThenByDescending(x => x.t.Priority).ThenBy(x => x.d.DueAt).ThenBy(x => x.t.Id).Take(take).ToArray();
        var ids = due.Select(x => x.t.CustomerId).Distinct().ToArray();
        // the customer's name is not personal data; a handler's ticket can be about a customer outside the team
        var names = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var rows = due.Select(x => new DueTicketRow(x.t.Id, x.t.TypeCode, x.t.Priority, x.t.Summary, x.t.CustomerId, names.GetValueOrDefault(x.t.CustomerId, ""),
            x.t.Status, x.t.AssignedToId, x.t.CreatedAt, x.d)).ToArray();
        return new DueTickets(rows, all.Count(x => x.d.IsOverdue), all.Count(x => !x.d.IsOverdue));
    }

    /// <summary>
    /// The tickets a report may include. The list's filter lets a manager see every unassigned
    /// ticket (to assign it); the team's report counts only the team's work and customers.
    /// </summary>
    private static IQueryable<ServiceTicket> Reportable(CrmDbContext db)
    {
        if (db.Scope.Profile != AccessProfile.SalesManager) return db.Tickets;
        var team = db.Scope.TeamUserIds;
        return db.Tickets.Where(t => (t.AssignedToId != null && team.Contains(t.AssignedToId)) || team.Contains(t.CreatedById)
            || db.Customers.Any(c => c.Id == t.CustomerId && c.OwnerId != null && team.Contains(c.OwnerId)));
    }
}
