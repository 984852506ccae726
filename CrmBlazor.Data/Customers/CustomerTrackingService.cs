using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Customers;

/// <summary>
/// The customer page's tracking sheet (动态跟踪表, PRODUCT.md §2) beyond the master record:
/// recent activity, follow-up log and next plan, the merged timeline, tickets and order lines.
/// Every query runs through the caller's record filters, so another owner's customer yields nothing.
/// </summary>
public sealed class CustomerTrackingService(CrmDbFactory dbFactory, TimeProvider clock)
{
    public const int ActivityWindowDays = 30;

    public async Task<CustomerActivity> ActivityAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var since = clock.GetUtcNow().UtcDateTime.Date.AddDays(-(ActivityWindowDays - 1));
        var recent = db.BehaviourEvents.AsNoTracking().Where(e => e.CustomerId == customerId && e.OccurredAt >= since);
        var activeDays = await recent.Select(e => e.OccurredAt.Date).Distinct().CountAsync(ct);
        var features = await recent.Where(e => e.Type == BehaviourEventType.FeatureUse)
            .GroupBy(e => e.Detail ?? "")
            .Select(g => new { Feature = g.Key, Count = g.Sum(e => e.Value) })
            .ToListAsync(ct);
        return new CustomerActivity(activeDays,
            features.OrderByDescending(f => f.Count).ThenBy(f => f.Feature, StringComparer.Ordinal).Select(f => new FeatureUsage(f.Feature, f.Count)).ToArray());
    }

    /// <summary>Completed follow-ups, newest first.</summary>
    public async Task<IReadOnlyList<FollowUpLogRow>> FollowUpLogAsync(int customerId, int take = 10, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        return await db.FollowUpTasks.AsNoTracking().Where(t => t.CustomerId == customerId && t.Status == FollowUpStatus.Done)
            .OrderByDescending(t => t.ContactDate).ThenByDescending(t => t.Id).Take(Math.Clamp(take, 1, 100))
            .Select(t => new FollowUpLogRow(t.Id, t.ContactDate, t.ChannelCode, t.Content, t.NextPlan, t.NextPlanDate, t.AssignedToId))
            .ToListAsync(ct);
    }

    /// <summary>The next open task (earliest due) and the plan written at the last completed contact.</summary>
    public async Task<NextFollowUp?> NextFollowUpAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var tasks = db.FollowUpTasks.AsNoTracking().Where(t => t.CustomerId == customerId);
        var open = await tasks.Where(t => t.Status == FollowUpStatus.Open).OrderBy(t => t.DueDate).ThenBy(t => t.Id)
            .Select(t => new { t.DueDate, t.Title, t.Kind }).FirstOrDefaultAsync(ct);
        var last = await tasks.Where(t => t.Status == FollowUpStatus.Done && t.NextPlan != null).OrderByDescending(t => t.ContactDate).ThenByDescending(t => t.Id)
            .Select(t => new { t.NextPlan, t.NextPlanDate }).FirstOrDefaultAsync(ct);
        if (open is null && last is null) return null;
        return new NextFollowUp(open?.DueDate, open?.Title, open?.Kind, last?.NextPlan, last?.NextPlanDate);
    }

    public async Task<PagedResult<TicketRow>> ListTicketsAsync(int customerId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        return await db.Tickets.AsNoTracking().Where(t => t.CustomerId == customerId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new TicketRow(t.Id, t.TypeCode, t.Summary, t.Status, t.CreatedAt, t.AssignedToId, t.Satisfaction))
            .ToPageAsync(page, ct);
    }

    public async Task<IReadOnlyList<OrderLineRow>> OrderLinesAsync(int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        return await db.OrderLines.AsNoTracking().Where(l => l.OrderId == orderId).OrderBy(l => l.Id)
            .Select(l => new OrderLineRow(l.ProductCode, l.Quantity, l.UnitPrice)).ToListAsync(ct);
    }

    /// <summary>
    /// Stage changes, orders, interactions, tickets and completed follow-ups merged newest first.
    /// Each source contributes at most <paramref name="take"/> rows (index-backed, newest first), so the
    /// cost does not grow with a customer's years of history.
    /// </summary>
    public async Task<Timeline> TimelineAsync(int customerId, int take = 30, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, 500);
        var probe = take + 1;
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var entries = new List<TimelineEntry>();
        entries.AddRange(await db.StageHistory.AsNoTracking().Where(h => h.CustomerId == customerId)
            .OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Take(probe)
            .Select(h => new TimelineEntry(TimelineKind.StageChange, h.At, h.Id, null, null, h.FromStage, h.ToStage, h.Reasons, null, null, null))
            .ToListAsync(ct));
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.Id).Take(probe)
            .Select(o => new { o.Id, o.OrderNo, o.OrderDate, o.Amount }).ToListAsync(ct);
        entries.AddRange(orders.Select(o => new TimelineEntry(TimelineKind.Order, o.OrderDate.ToDateTime(TimeOnly.MinValue), o.Id, o.OrderNo, null, Amount: o.Amount)));
        var interactions = await db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId)
            .OrderByDescending(i => i.Date).ThenByDescending(i => i.Id).Take(probe)
            .Select(i => new { i.Id, i.Date, i.Summary, i.Place }).ToListAsync(ct);
        entries.AddRange(interactions.Select(i => new TimelineEntry(TimelineKind.Interaction, i.Date.ToDateTime(TimeOnly.MinValue), i.Id, i.Summary, i.Place)));
        entries.AddRange(await db.Tickets.AsNoTracking().Where(t => t.CustomerId == customerId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(probe)
            .Select(t => new TimelineEntry(TimelineKind.Ticket, t.CreatedAt, t.Id, t.Summary, t.TypeCode, null, null, null, null, t.Status, null))
            .ToListAsync(ct));
        var followUps = await db.FollowUpTasks.AsNoTracking().Where(t => t.CustomerId == customerId && t.Status == FollowUpStatus.Done)
            .OrderByDescending(t => t.ContactDate).ThenByDescending(t => t.Id).Take(probe)
            .Select(t => new { t.Id, t.ContactDate, t.CompletedAt, t.Content, t.ChannelCode }).ToListAsync(ct);
        entries.AddRange(followUps.Select(t => new TimelineEntry(TimelineKind.FollowUp,
            t.ContactDate?.ToDateTime(TimeOnly.MinValue) ?? t.CompletedAt ?? DateTime.MinValue, t.Id, t.Content, null, Channel: t.ChannelCode)));
        var ordered = entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Kind).ThenByDescending(e => e.RecordId).ToList();
        return new Timeline(ordered.Take(take).ToArray(), ordered.Count > take);
    }
}
