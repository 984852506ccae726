using CrmBlazor.Domain.Behaviour;

namespace CrmBlazor.Domain.Lifecycle;

public readonly record struct OrderFact(DateOnly Date, decimal Amount);

public readonly record struct EventFact(DateTime At, BehaviourEventType Type, decimal Value, string? Detail);

/// <summary>
/// Builds <see cref="CustomerSignals"/> from one customer's orders and events as of a date —
/// the in-memory path used for a single customer (incremental evaluation, demo history). The
/// batch path computes the same figures set-based in SQL; tests hold the two equal.
/// </summary>
public static class SignalCalculator
{
    /// <summary>Usage and service trends compare the last 30 days with the 30 before.</summary>
    public const int TrendWindowDays = SignalWindows.TrendWindowDays;

    public static CustomerSignals Build(DateOnly asOf, IEnumerable<OrderFact> orders, IEnumerable<EventFact> events,
        int? satisfaction, StageThresholds t, double? arpuTopPercent, int serviceTicketsCurrent = 0, int serviceTicketsPrevious = 0)
    {
        var w = new SignalWindows(asOf, t);
        var o = new OrderAggregate();
        foreach (var x in orders.OrderBy(x => x.Date)) o.Add(x.Date, x.Amount, w);
        var e = new EventAggregate();
        foreach (var x in events) e.Add(x.At, x.Type, x.Value, x.Detail, w);
        var end = w.End;
        for (var i = 0; i < serviceTicketsCurrent; i++) e.AddTicket(end, w);
        for (var i = 0; i < serviceTicketsPrevious; i++) e.AddTicket(w.CurrentFrom, w);
        return From(o, e, satisfaction, arpuTopPercent, w);
    }

    /// <summary>The signals of one customer from its folded orders and events — the one place both evaluation paths meet.</summary>
    public static CustomerSignals From(in OrderAggregate o, EventAggregate? e, int? satisfaction, double? arpuTopPercent, SignalWindows w) => new()
    {
        AsOf = w.AsOf,
        FirstOrderDate = o.FirstDate,
        LastOrderDate = o.LastDate,
        OrderCount = o.Count,
        TotalSpend = o.Total,
        FirstOrderAmount = o.Count == 0 ? null : o.FirstAmount,
        RepeatOrdersInWindow = o.RepeatOrdersInWindow(w),
        ConsecutiveActiveMonths = o.ConsecutiveMonths(),
        ArpuTopPercent = o.Count == 0 ? null : arpuTopPercent,
        Referrals = e?.Referrals ?? 0,
        SiteVisits = e?.SiteVisits ?? 0,
        FilledLeadForm = e?.FilledLeadForm ?? false,
        JoinedEvent = e?.JoinedEvent ?? false,
        CoreFeaturesUsed = e?.CoreFeaturesUsed ?? 0,
        UsageCurrent = e?.UsageCurrent ?? 0,
        UsagePrevious = e?.UsagePrevious ?? 0,
        ServiceContactsCurrent = e?.ServiceContactsCurrent ?? 0,
        ServiceContactsPrevious = e?.ServiceContactsPrevious ?? 0,
        Unsubscribed = e?.Unsubscribed ?? false,
        AccountClosed = e?.AccountClosed ?? false,
        Satisfaction = satisfaction,
    };

    /// <summary>
    /// Consecutive calendar months with an order, counted back from the as-of month — or from
    /// the month before when the as-of month has no order yet (it may simply not be over).
    /// </summary>
    public static int ConsecutiveMonths(IEnumerable<DateOnly> orderDates, DateOnly asOf)
    {
        var w = new SignalWindows(asOf, new StageThresholds());
        var o = new OrderAggregate();
        foreach (var d in orderDates) o.Add(d, 0, w);
        return o.ConsecutiveMonths();
    }

    /// <summary>Average monthly revenue over the last 12 months (or the months since the first order, if fewer).</summary>
    public static decimal Arpu(IEnumerable<OrderFact> orders, DateOnly asOf)
    {
        var w = new SignalWindows(asOf, new StageThresholds());
        var o = new OrderAggregate();
        foreach (var x in orders) o.Add(x.Date, x.Amount, w);
        return o.Arpu(w);
    }
}
