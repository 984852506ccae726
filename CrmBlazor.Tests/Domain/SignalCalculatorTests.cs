using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Tests.Domain;

public sealed class SignalCalculatorTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 22);
    private static readonly StageThresholds T = new();

    private static EventFact E(int daysAgo, BehaviourEventType type, decimal value = 1, string? detail = null) =>
        new(AsOf.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0)), type, value, detail);

    [Fact]
    public void Build_CountsOrdersAndRepeatsInTheWindow()
    {
        var orders = new[] { new OrderFact(AsOf.AddDays(-100), 1000), new OrderFact(AsOf.AddDays(-20), 1500), new OrderFact(AsOf.AddDays(-5), 2000), new OrderFact(AsOf.AddDays(1), 9999) };
        var s = SignalCalculator.Build(AsOf, orders, [], 4, T, 10);
        Assert.Equal(3, s.OrderCount); // the future order is ignored
        Assert.Equal(AsOf.AddDays(-100), s.FirstOrderDate);
        Assert.Equal(AsOf.AddDays(-5), s.LastOrderDate);
        Assert.Equal(1000m, s.FirstOrderAmount);
        Assert.Equal(2, s.RepeatOrdersInWindow);
        Assert.Equal(4500m, s.TotalSpend);
        Assert.Equal(10, s.ArpuTopPercent);
    }

    [Fact]
    public void Build_TrendsCompareTheLast30DaysWithThe30Before()
    {
        var events = new[]
        {
            E(5, BehaviourEventType.UsageMinutes, 40), E(25, BehaviourEventType.UsageMinutes, 20),
            E(35, BehaviourEventType.UsageMinutes, 100), E(59, BehaviourEventType.UsageMinutes, 20), E(61, BehaviourEventType.UsageMinutes, 999),
            E(3, BehaviourEventType.ServiceContact), E(40, BehaviourEventType.ServiceContact), E(45, BehaviourEventType.ServiceContact),
        };
        var s = SignalCalculator.Build(AsOf, [], events, null, T, null, serviceTicketsCurrent: 1);
        Assert.Equal(60m, s.UsageCurrent);
        Assert.Equal(120m, s.UsagePrevious);
        Assert.Equal(-50, s.UsageChangePercent);
        Assert.Equal(2, s.ServiceContactsCurrent);
        Assert.Equal(2, s.ServiceContactsPrevious);
        Assert.Equal(0, s.ServiceContactChangePercent);
    }

    [Fact]
    public void Build_DistinctCoreFeaturesAndProspectSignals()
    {
        var events = new[]
        {
            E(3, BehaviourEventType.FeatureUse, 5, "F-DASH"), E(4, BehaviourEventType.FeatureUse, 5, "f-dash"), E(5, BehaviourEventType.FeatureUse, 5, "F-API"),
            E(40, BehaviourEventType.FeatureUse, 5, "F-RPT"),
            E(10, BehaviourEventType.SiteVisit), E(80, BehaviourEventType.SiteVisit), E(95, BehaviourEventType.SiteVisit),
            E(20, BehaviourEventType.LeadForm), E(100, BehaviourEventType.EventParticipation), E(300, BehaviourEventType.Referral),
        };
        var s = SignalCalculator.Build(AsOf, [], events, null, T, null);
        Assert.Equal(2, s.CoreFeaturesUsed);
        Assert.Equal(2, s.SiteVisits);
        Assert.True(s.FilledLeadForm);
        Assert.False(s.JoinedEvent);
        Assert.Equal(1, s.Referrals);
        Assert.Null(s.ArpuTopPercent);
    }

    [Fact]
    public void ConsecutiveMonths_CountsBackFromThisOrLastMonth()
    {
        DateOnly[] Dates(params (int y, int m)[] ms) => ms.Select(x => new DateOnly(x.y, x.m, 10)).ToArray();
        Assert.Equal(3, SignalCalculator.ConsecutiveMonths(Dates((2026, 11), (2026, 10), (2026, 9), (2026, 7)), AsOf));
        Assert.Equal(2, SignalCalculator.ConsecutiveMonths(Dates((2026, 10), (2026, 9)), AsOf));
        Assert.Equal(0, SignalCalculator.ConsecutiveMonths(Dates((2026, 8)), AsOf));
    }

    [Fact]
    public void Arpu_AveragesTheLast12MonthsOrTheMonthsSinceTheFirstOrder()
    {
        Assert.Equal(600m, SignalCalculator.Arpu([new(new DateOnly(2026, 10, 5), 600), new(new DateOnly(2026, 11, 5), 600)], AsOf));
        Assert.Equal(100m, SignalCalculator.Arpu([new(new DateOnly(2024, 1, 5), 5000), new(new DateOnly(2026, 6, 5), 1200)], AsOf));
        Assert.Equal(0m, SignalCalculator.Arpu([], AsOf));
    }

    [Fact]
    public void ArpuDistribution_RanksDescending_TiesShareTheBetterRank()
    {
        var d = ArpuDistribution.From([10m, 50m, 50m, 20m]);
        Assert.Equal(25, d.TopPercent(50m));
        Assert.Equal(75, d.TopPercent(20m));
        Assert.Equal(100, d.TopPercent(10m));
        Assert.Equal(100, d.TopPercent(5m));
        Assert.Equal(25, d.TopPercent(60m));
        Assert.Null(ArpuDistribution.Empty.TopPercent(10m));
    }

    [Fact]
    public void ArpuDistribution_OfAThousand_PutsTheBest200InTheTop20()
    {
        var values = Enumerable.Range(1, 1000).Select(i => (decimal)i).ToArray();
        var d = ArpuDistribution.From(values);
        Assert.Equal(20, d.TopPercent(801m));
        Assert.Equal(21, d.TopPercent(800m));
        Assert.Equal(1, d.TopPercent(1000m));
    }

    [Fact]
    public void ArpuDistribution_SurvivesItsStoredForm()
    {
        var d = ArpuDistribution.From([1.5m, 2.25m, 900m, 0m, 17m]);
        var back = ArpuDistribution.Parse(d.Serialize())!;
        Assert.Equal(d.Customers, back.Customers);
        foreach (var v in new[] { 0m, 1.5m, 2.25m, 17m, 900m, 1000m })
            Assert.Equal(d.TopPercent(v), back.TopPercent(v));
        Assert.Null(ArpuDistribution.Parse("garbage"));
        Assert.Null(ArpuDistribution.Parse(null));
    }

    [Fact]
    public void OrderAggregate_InAnyOrder_GivesTheSameFigures()
    {
        var w = new SignalWindows(AsOf, T);
        var orders = new[] { (AsOf.AddDays(-3), 70m), (AsOf.AddDays(-200), 30m), (AsOf.AddDays(-200), 20m), (AsOf.AddDays(-40), 10m), (AsOf.AddDays(2), 99m) };
        var a = new OrderAggregate();
        foreach (var (d, m) in orders) a.Add(d, m, w);
        var b = new OrderAggregate();
        foreach (var (d, m) in orders.Reverse()) b.Add(d, m, w);
        Assert.Equal(a, b);
        Assert.Equal(4, a.Count);
        Assert.Equal(20m, a.FirstAmount); // the smaller of the two first-day orders
        Assert.Equal(130m, a.Total);
        Assert.Equal(AsOf.AddDays(-3), a.LastDate);
        Assert.Equal(1, a.RepeatOrdersInWindow(w));
    }
}
