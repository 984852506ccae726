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
    public const int TrendWindowDays = 30;

    public static CustomerSignals Build(DateOnly asOf, IEnumerable<OrderFact> orders, IEnumerable<EventFact> events,
        int? satisfaction, StageThresholds t, double? arpuTopPercent, int serviceTicketsCurrent = 0, int serviceTicketsPrevious = 0)
    {
        var o = orders.Where(x => x.Date <= asOf).OrderBy(x => x.Date).ToArray();
        var end = asOf.ToDateTime(TimeOnly.MaxValue);
        var e = events.Where(x => x.At <= end).ToArray();
        var first = o.Length == 0 ? (OrderFact?)null : o[0];

        var repeatFrom = asOf.AddDays(-t.GrowingRepeatWindowDays);
        var signalFrom = asOf.AddDays(-t.ProspectSignalWindowDays).ToDateTime(TimeOnly.MinValue);
        var currentFrom = asOf.AddDays(-TrendWindowDays).ToDateTime(TimeOnly.MinValue);
        var previousFrom = asOf.AddDays(-2 * TrendWindowDays).ToDateTime(TimeOnly.MinValue);

        bool InSignal(EventFact x) => x.At > signalFrom;
        bool InCurrent(EventFact x) => x.At > currentFrom;
        bool InPrevious(EventFact x) => x.At > previousFrom && x.At <= currentFrom;

        return new CustomerSignals
        {
            AsOf = asOf,
            FirstOrderDate = first?.Date,
            LastOrderDate = o.Length == 0 ? null : o[^1].Date,
            OrderCount = o.Length,
            TotalSpend = o.Sum(x => x.Amount),
            FirstOrderAmount = first?.Amount,
            RepeatOrdersInWindow = o.Skip(1).Count(x => x.Date > repeatFrom),
            ConsecutiveActiveMonths = ConsecutiveMonths(o.Select(x => x.Date), asOf),
            ArpuTopPercent = o.Length == 0 ? null : arpuTopPercent,
            Referrals = e.Count(x => x.Type == BehaviourEventType.Referral),
            SiteVisits = e.Count(x => x.Type == BehaviourEventType.SiteVisit && InSignal(x)),
            FilledLeadForm = e.Any(x => x.Type == BehaviourEventType.LeadForm && InSignal(x)),
            JoinedEvent = e.Any(x => x.Type == BehaviourEventType.EventParticipation && InSignal(x)),
            CoreFeaturesUsed = e.Where(x => x.Type == BehaviourEventType.FeatureUse && InCurrent(x))
                .Select(x => x.Detail ?? "").Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            UsageCurrent = e.Where(x => x.Type == BehaviourEventType.UsageMinutes && InCurrent(x)).Sum(x => x.Value),
            UsagePrevious = e.Where(x => x.Type == BehaviourEventType.UsageMinutes && InPrevious(x)).Sum(x => x.Value),
            ServiceContactsCurrent = e.Count(x => x.Type == BehaviourEventType.ServiceContact && InCurrent(x)) + serviceTicketsCurrent,
            ServiceContactsPrevious = e.Count(x => x.Type == BehaviourEventType.ServiceContact && InPrevious(x)) + serviceTicketsPrevious,
            Unsubscribed = e.Any(x => x.Type == BehaviourEventType.Unsubscribe),
            AccountClosed = e.Any(x => x.Type == BehaviourEventType.AccountClosed),
            Satisfaction = satisfaction,
        };
    }

    /// <summary>
    /// Consecutive calendar months with an order, counted back from the as-of month — or from
    /// the month before when the as-of month has no order yet (it may simply not be over).
    /// </summary>
    public static int ConsecutiveMonths(IEnumerable<DateOnly> orderDates, DateOnly asOf)
    {
        var months = orderDates.Where(d => d <= asOf).Select(MonthIndex).ToHashSet();
        var m = MonthIndex(asOf);
        if (!months.Contains(m)) m--;
        var count = 0;
        while (months.Contains(m)) { count++; m--; }
        return count;
    }

    /// <summary>Average monthly revenue over the last 12 months (or the months since the first order, if fewer).</summary>
    public static decimal Arpu(IEnumerable<OrderFact> orders, DateOnly asOf)
    {
        var from = asOf.AddMonths(-12);
        var list = orders.Where(o => o.Date <= asOf).ToArray();
        if (list.Length == 0) return 0;
        var firstDate = list.Min(o => o.Date);
        var months = Math.Clamp(MonthIndex(asOf) - MonthIndex(firstDate) + 1, 1, 12);
        return list.Where(o => o.Date > from).Sum(o => o.Amount) / months;
    }

    /// <summary>
    /// For each value, the share of customers (in percent) at or above it — "top 15 %" is 15.
    /// Ties share the better rank.
    /// </summary>
    public static double[] TopPercent(IReadOnlyList<decimal> values)
    {
        var n = values.Count;
        var result = new double[n];
        if (n == 0) return result;
        var order = Enumerable.Range(0, n).OrderByDescending(i => values[i]).ToArray();
        var rank = 0;
        for (var k = 0; k < n; k++)
        {
            if (k == 0 || values[order[k]] != values[order[k - 1]]) rank = k + 1;
            result[order[k]] = rank * 100.0 / n;
        }
        return result;
    }

    private static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;
}
