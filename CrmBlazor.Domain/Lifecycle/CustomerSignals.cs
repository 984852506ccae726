namespace CrmBlazor.Domain.Lifecycle;

/// <summary>
/// What the stage rules read about one customer as of a date: order figures, behaviour in the
/// recent windows, and service signals. Built set-based by the data layer.
/// </summary>
public sealed record CustomerSignals
{
    public required DateOnly AsOf { get; init; }
    public DateOnly? FirstOrderDate { get; init; }
    public DateOnly? LastOrderDate { get; init; }
    public int OrderCount { get; init; }
    public decimal TotalSpend { get; init; }
    public decimal? FirstOrderAmount { get; init; }
    /// <summary>Orders other than the first within the repeat window before <see cref="AsOf"/>.</summary>
    public int RepeatOrdersInWindow { get; init; }
    /// <summary>Consecutive calendar months with at least one order, ending in the as-of month or the one before.</summary>
    public int ConsecutiveActiveMonths { get; init; }
    /// <summary>Where the customer's monthly revenue (ARPU) ranks: 15 means "in the top 15 %". Null without orders.</summary>
    public double? ArpuTopPercent { get; init; }
    public int Referrals { get; init; }
    public int SiteVisits { get; init; }
    public bool FilledLeadForm { get; init; }
    public bool JoinedEvent { get; init; }
    public int CoreFeaturesUsed { get; init; }
    public decimal UsageCurrent { get; init; }
    public decimal UsagePrevious { get; init; }
    public int ServiceContactsCurrent { get; init; }
    public int ServiceContactsPrevious { get; init; }
    public bool Unsubscribed { get; init; }
    public bool AccountClosed { get; init; }
    public int? Satisfaction { get; init; }

    public bool HasOrders => OrderCount > 0 && LastOrderDate is not null;

    public int? DaysSinceLastOrder => LastOrderDate is { } d ? AsOf.DayNumber - d.DayNumber : null;

    public int? DaysSinceFirstOrder => FirstOrderDate is { } d ? AsOf.DayNumber - d.DayNumber : null;

    public decimal? AverageOrderValue => OrderCount == 0 ? null : TotalSpend / OrderCount;

    /// <summary>Change of usage vs the previous period in percent (negative = down); null when there was no previous usage.</summary>
    public int? UsageChangePercent => Change(UsageCurrent, UsagePrevious);

    public int? ServiceContactChangePercent => Change(ServiceContactsCurrent, ServiceContactsPrevious);

    private static int? Change(decimal current, decimal previous) =>
        previous <= 0 ? null : (int)Math.Round((current - previous) * 100m / previous, MidpointRounding.AwayFromZero);
}
