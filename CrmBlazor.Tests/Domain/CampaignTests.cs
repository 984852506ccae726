using CrmBlazor.Domain.Campaigns;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Tests.Domain;

/// <summary>Campaign rules without a database: the plan, the attribution window's edges, and the measures on a hand-checked fixture.</summary>
public sealed class CampaignTests
{
    private static readonly DateOnly Launch = new(2026, 11, 1);
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    private static TargetOutcome Target(CampaignResponse? response = null, DateOnly? contacted = null, bool skipped = false,
        AttributedOrder[]? orders = null, AttributedStageMove[]? moves = null) =>
        new(response, contacted, skipped, orders ?? [], moves ?? []);

    private static CampaignPlan Plan(DateOnly? start = null, DateOnly? end = null) => new()
    {
        Theme = "欢迎回来", TargetKind = CampaignTargetKind.Stage, TargetStage = LifecycleStage.Churned, Channel = CampaignChannel.Phone,
        StartDate = start ?? Launch, EndDate = end ?? Launch.AddDays(30), Budget = 1000m, AttributionDays = 30,
    };

    [Theory]
    [InlineData(-1, false)] // the day before the launch: not the campaign's doing
    [InlineData(0, true)]   // the launch day itself counts
    [InlineData(30, true)]  // the last day of a 30-day window counts
    [InlineData(31, false)] // one day later does not
    public void Converted_OrderAroundTheWindowAfterLaunch_CountsOnlyInside(int dayOffset, bool expected)
    {
        var t = Target(orders: [new AttributedOrder(Launch.AddDays(dayOffset), 500m)]);
        Assert.Equal(expected, CampaignAttribution.Converted(t, Launch, 30));
        Assert.Equal(expected ? 500m : 0m, CampaignAttribution.Revenue(t, Launch, 30));
    }

    [Fact]
    public void Converted_WindowStartsAtTheContactWhenTheCustomerWasReached()
    {
        var contacted = Launch.AddDays(10);
        Assert.True(CampaignAttribution.Converted(Target(CampaignResponse.Contacted, contacted, orders: [new(contacted.AddDays(30), 1m)]), Launch, 30));
        Assert.False(CampaignAttribution.Converted(Target(CampaignResponse.Contacted, contacted, orders: [new(contacted.AddDays(31), 1m)]), Launch, 30));
        Assert.False(CampaignAttribution.Converted(Target(CampaignResponse.Contacted, contacted, orders: [new(contacted.AddDays(-1), 1m)]), Launch, 30));
    }

    [Fact]
    public void Converted_StageMoveUpInsideTheWindow_CountsButAMoveDownDoesNot()
    {
        Assert.True(CampaignAttribution.Converted(Target(moves: [new(Launch.AddDays(5), LifecycleStage.Declining, LifecycleStage.Growing)]), Launch, 30));
        Assert.False(CampaignAttribution.Converted(Target(moves: [new(Launch.AddDays(5), LifecycleStage.Declining, LifecycleStage.Churned)]), Launch, 30));
        Assert.False(CampaignAttribution.Converted(Target(moves: [new(Launch.AddDays(31), LifecycleStage.Churned, LifecycleStage.New)]), Launch, 30));
        Assert.False(CampaignAttribution.Converted(Target(skipped: true, orders: [new(Launch, 1m)]), Launch, 30));
    }

    [Fact]
    public void Measures_HandCheckedFixture()
    {
        // five targets and one skipped; budget 1,200
        // A: converted (recorded), order 1,000 on day 3          → conversion, revenue 1,000
        // B: interested, contacted day 2, order 400 on day 40    → outside (2 + 30 = day 32): no conversion; responded
        // C: no answer, order 250 on day 10 (window from launch) → detected conversion, revenue 250
        // D: declined, contacted day 1                           → contacted only
        // E: nothing recorded, moved Declining → Growing day 20  → detected conversion, no revenue
        // S: skipped for consent, order 9,999                    → ignored
        var targets = new[]
        {
            Target(CampaignResponse.Converted, Launch.AddDays(1), orders: [new(Launch.AddDays(3), 1000m)]),
            Target(CampaignResponse.Interested, Launch.AddDays(2), orders: [new(Launch.AddDays(40), 400m)]),
            Target(CampaignResponse.NoAnswer, null, orders: [new(Launch.AddDays(10), 250m)]),
            Target(CampaignResponse.Declined, Launch.AddDays(1)),
            Target(moves: [new(Launch.AddDays(20), LifecycleStage.Declining, LifecycleStage.Growing)]),
            Target(skipped: true, orders: [new(Launch.AddDays(1), 9999m)]),
        };
        var m = CampaignMeasures.Of(targets, Launch, 30, 1200m, new Dictionary<CampaignSkipReason, int> { [CampaignSkipReason.NoConsent] = 1 });
        Assert.Equal(5, m.Targets);
        Assert.Equal(1, m.SkippedNoConsent);
        Assert.Equal(3, m.Contacted);             // A, B, D
        Assert.Equal(3, m.Conversions);           // A, C, E
        Assert.Equal(4, m.Responded);             // A, B (interested), C, E
        Assert.Equal(0.8, m.ResponseRate);
        Assert.Equal(1250m, m.Revenue);
        Assert.Equal(400m, m.CostPerConversion);  // 1,200 / 3
        Assert.Equal(1, m.Responses[CampaignResponse.NoAnswer]);
    }

    [Fact]
    public void Measures_NoTargets_HaveNoRates()
    {
        var m = CampaignMeasures.Of([], null, 30, 500m);
        Assert.Null(m.ResponseRate);
        Assert.Null(m.CostPerConversion);
    }

    [Fact]
    public void Plan_EndBeforeStart_IsRefused_AndALaunchedCampaignCannotChange()
    {
        var bad = Assert.Throws<DomainException>(() => Campaign.Create(Plan(Launch, Launch.AddDays(-1)), "u1", "u1", Now));
        Assert.Equal("Campaign.EndBeforeStart", bad.Code);
        var c = Campaign.Create(Plan(), "u1", "u1", Now);
        c.Launch("u1", Now);
        Assert.Equal("Campaign.AlreadyLaunched", Assert.Throws<DomainException>(() => c.Update(Plan(), "u1")).Code);
        Assert.Equal("Campaign.AlreadyLaunched", Assert.Throws<DomainException>(() => c.Launch("u1", Now)).Code);
        Assert.Equal(CampaignStatus.Running, c.StatusOn(Launch.AddDays(30)));
        Assert.Equal(CampaignStatus.Ended, c.StatusOn(Launch.AddDays(31)));
    }

    [Fact]
    public void Segment_OnlyItsOwnerRenamesIt()
    {
        var s = CustomerSegment.Create("衰退客户", "owner", shared: true, "{}", Now);
        Assert.Equal("Segment.NotOwner", Assert.Throws<DomainException>(() => s.Rename("x", false, "other")).Code);
        Assert.True(s.VisibleTo("other"));
        s.Rename("衰退客户 华东", false, "owner");
        Assert.False(s.VisibleTo("other"));
    }
}
