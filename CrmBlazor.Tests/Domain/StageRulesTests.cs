using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Tests.Domain;

/// <summary>Each stage rule of PRODUCT.md §2 just below, at and just above its threshold, the precedence, and the grey zone.</summary>
public sealed class StageRulesTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 22);
    private static readonly StageThresholds T = new();

    /// <summary>A customer with one order <paramref name="daysAgo"/> days ago and nothing else.</summary>
    private static CustomerSignals Ordered(int daysAgo, int count = 1, decimal spend = 1000m, decimal? first = 1000m) => new()
    {
        AsOf = AsOf, FirstOrderDate = AsOf.AddDays(-Math.Max(daysAgo, 200)), LastOrderDate = AsOf.AddDays(-daysAgo),
        OrderCount = count, TotalSpend = spend, FirstOrderAmount = first,
    };

    private static StageClassification Classify(CustomerSignals s) => StageRules.Classify(s, T);

    private static string[] Codes(StageClassification c) => c.Decisive.Select(r => r.Code).ToArray();

    [Theory]
    [InlineData(90, LifecycleStage.Declining)]
    [InlineData(91, LifecycleStage.Churned)]
    public void Churned_MoreThan90DaysWithoutOrder(int days, LifecycleStage expected) =>
        Assert.Equal(expected, Classify(Ordered(days, count: 3, spend: 3000m)).Stage);

    [Fact]
    public void Churned_ExplainsTheDaysAndTheThreshold()
    {
        var c = Classify(Ordered(120, count: 3, spend: 3000m));
        var reason = Assert.Single(c.Decisive);
        Assert.Equal("Churned.NoOrder", reason.Code);
        Assert.Equal(["120", "90"], reason.Args);
    }

    [Fact]
    public void Churned_UnsubscribedOrClosed_WinsOverEverything()
    {
        Assert.Equal(LifecycleStage.Churned, Classify(Ordered(1, count: 5, spend: 5000m) with { Unsubscribed = true }).Stage);
        Assert.Equal(["Churned.AccountClosed"], Codes(Classify(new CustomerSignals { AsOf = AsOf, AccountClosed = true })));
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, false)]
    [InlineData(61, true)]
    public void Declining_MoreThan60DaysWithoutOrder(int days, bool declining) =>
        Assert.Equal(declining, Classify(Ordered(days, count: 3, spend: 3000m)).Stage == LifecycleStage.Declining);

    [Fact]
    public void Declining_Example_63Days_ExplainsItself()
    {
        var c = Classify(Ordered(63, count: 3, spend: 3000m));
        Assert.Equal(LifecycleStage.Declining, c.Stage);
        Assert.Equal(new StageReason("Declining.NoOrder", ["63", "60"]), c.Decisive.Single());
    }

    [Theory]
    [InlineData(100, 51, false)] // down 49 %
    [InlineData(100, 50, true)]  // down 50 %
    [InlineData(100, 10, true)]
    public void Declining_UsageDownHalf_WhenCorroboratedByNoRecentOrder(decimal previous, decimal current, bool declining)
    {
        var s = Ordered(40, count: 3, spend: 3000m) with { UsagePrevious = previous, UsageCurrent = current };
        Assert.Equal(declining, Classify(s).Stage == LifecycleStage.Declining);
    }

    [Theory]
    [InlineData(10, 7, true)]   // down 30 %
    [InlineData(10, 8, false)]  // down 20 %
    public void Declining_ServiceContactsDown30Percent_WhenCorroborated(int previous, int current, bool declining)
    {
        var s = Ordered(45, count: 3, spend: 3000m) with { ServiceContactsPrevious = previous, ServiceContactsCurrent = current };
        Assert.Equal(declining, Classify(s).Stage == LifecycleStage.Declining);
    }

    [Fact]
    public void GreyZone_UsageDipAlone_WithRecentOrderAndHappyCustomer_DoesNotDemote()
    {
        var s = Ordered(10, count: 3, spend: 3000m) with { UsagePrevious = 100, UsageCurrent = 40, Satisfaction = 5 };
        var c = Classify(s);
        Assert.NotEqual(LifecycleStage.Declining, c.Stage);
        var counter = Assert.Single(c.CounterSignals);
        Assert.Equal(new StageReason("Counter.UsageDown", ["60"], Counter: true), counter);
    }

    [Fact]
    public void GreyZone_UsageDipWithLowSatisfaction_Demotes_AndSaysWhy()
    {
        var s = Ordered(10, count: 3, spend: 3000m) with { UsagePrevious = 100, UsageCurrent = 40, Satisfaction = 2 };
        var c = Classify(s);
        Assert.Equal(LifecycleStage.Declining, c.Stage);
        Assert.Equal(["Declining.UsageDrop", "Declining.LowSatisfaction"], Codes(c));
    }

    [Fact]
    public void GreyZone_DecliningCustomer_ShowsWhatPullsTheOtherWay()
    {
        var s = Ordered(63, count: 3, spend: 3000m) with { Satisfaction = 5, UsagePrevious = 100, UsageCurrent = 110 };
        var c = Classify(s);
        Assert.Equal(LifecycleStage.Declining, c.Stage);
        Assert.Equal(["Counter.HighSatisfaction", "Counter.UsageUp"], c.CounterSignals.Select(r => r.Code));
        Assert.Equal(["5"], c.CounterSignals.First().Args);
        Assert.Equal(["10"], c.CounterSignals.Last().Args);
    }

    [Theory]
    [InlineData(2, 20.0, false)]
    [InlineData(3, 20.0, true)]
    [InlineData(3, 20.5, false)]
    public void Mature_ThreeMonthsInARow_AndArpuInTheTop20Percent(int months, double top, bool mature)
    {
        var s = Ordered(5, count: 6, spend: 6000m) with { ConsecutiveActiveMonths = months, ArpuTopPercent = top };
        Assert.Equal(mature, Classify(s).Stage == LifecycleStage.Mature);
    }

    [Fact]
    public void Mature_OneReferral_IsEnough()
    {
        var c = Classify(Ordered(5, count: 2, spend: 2000m) with { Referrals = 1 });
        Assert.Equal(LifecycleStage.Mature, c.Stage);
        Assert.Equal(["Mature.Referrals"], Codes(c));
    }

    [Fact]
    public void Precedence_DeclineBeatsMature()
    {
        var s = Ordered(70, count: 6, spend: 6000m) with { ConsecutiveActiveMonths = 0, Referrals = 3 };
        Assert.Equal(LifecycleStage.Declining, Classify(s).Stage);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void Growing_TwoRepeatOrdersIn30Days(int repeats, bool growing)
    {
        var s = Ordered(3, count: 1 + repeats, spend: 1000m * (1 + repeats)) with { RepeatOrdersInWindow = repeats, FirstOrderDate = AsOf.AddDays(-20) };
        Assert.Equal(growing, Classify(s).Stage == LifecycleStage.Growing);
    }

    [Theory]
    [InlineData(1190, false)] // average 1190 vs first 1000: +19 %
    [InlineData(1200, true)]  // +20 %
    public void Growing_AverageOrder20PercentAboveTheFirst(decimal average, bool growing)
    {
        var s = Ordered(3, count: 2, spend: average * 2, first: 1000m) with { FirstOrderDate = AsOf.AddDays(-20) };
        Assert.Equal(growing, Classify(s).Stage == LifecycleStage.Growing);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void Growing_ThreeCoreFeaturesUsed(int features, bool growing)
    {
        var s = Ordered(3) with { CoreFeaturesUsed = features, FirstOrderDate = AsOf.AddDays(-10) };
        Assert.Equal(growing, Classify(s).Stage == LifecycleStage.Growing);
    }

    [Theory]
    [InlineData(30, "New.FirstOrder")]
    [InlineData(31, "New.SingleOrder")]
    public void New_FirstOrderWithin30Days(int days, string code)
    {
        var s = new CustomerSignals { AsOf = AsOf, FirstOrderDate = AsOf.AddDays(-days), LastOrderDate = AsOf.AddDays(-days), OrderCount = 1, TotalSpend = 500, FirstOrderAmount = 500 };
        var c = Classify(s);
        Assert.Equal(LifecycleStage.New, c.Stage);
        Assert.Equal([code], Codes(c));
    }

    [Fact]
    public void RepeatBuyerPastOnboarding_WithoutSharperSignals_IsGrowing()
    {
        var c = Classify(Ordered(20, count: 4, spend: 4000m));
        Assert.Equal(LifecycleStage.Growing, c.Stage);
        Assert.Equal(["Growing.RepeatBuyer"], Codes(c));
    }

    [Theory]
    [InlineData(2, false, false, "Prospect.NoOrderYet")]
    [InlineData(3, false, false, "Prospect.Visits")]
    [InlineData(0, true, false, "Prospect.LeadForm")]
    [InlineData(0, false, true, "Prospect.Event")]
    public void Prospect_NoTransaction_ExplainsTheInterest(int visits, bool form, bool evt, string code)
    {
        var c = Classify(new CustomerSignals { AsOf = AsOf, SiteVisits = visits, FilledLeadForm = form, JoinedEvent = evt });
        Assert.Equal(LifecycleStage.Prospect, c.Stage);
        Assert.Equal([code], Codes(c));
    }

    [Fact]
    public void TunedThresholds_TakeEffect()
    {
        var strict = new StageThresholds() with { DecliningNoOrderDays = 30, ChurnedNoOrderDays = 45 };
        Assert.Equal(LifecycleStage.Churned, StageRules.Classify(Ordered(50, count: 3, spend: 3000m), strict).Stage);
        Assert.Equal(LifecycleStage.Growing, StageRules.Classify(Ordered(50, count: 3, spend: 3000m), T).Stage);
    }

    [Fact]
    public void Reasons_SurviveSerialization()
    {
        var c = Classify(Ordered(63, count: 3, spend: 3000m) with { Satisfaction = 5 });
        Assert.Equal(c.Reasons, StageReason.Deserialize(c.Serialized));
        Assert.Equal("Reason.Text", Assert.Single(StageReason.Deserialize("not json")).Code);
        Assert.Empty(StageReason.Deserialize(null));
    }
}
