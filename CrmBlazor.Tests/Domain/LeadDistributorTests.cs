using CrmBlazor.Domain.Opportunities;

namespace CrmBlazor.Tests.Domain;

public sealed class LeadDistributorTests
{
    private static readonly LeadCandidate East1 = new("a", ["east"], ["it"], OpenLoad: 5);
    private static readonly LeadCandidate East2 = new("b", ["east", "north"], ["retail"], OpenLoad: 2);
    private static readonly LeadCandidate South = new("c", ["south"], ["it", "retail"], OpenLoad: 0);
    private static readonly LeadCandidate[] Team = [East1, East2, South];

    private static LeadRuleView Rule(int order, LeadRuleKind kind, string? match = null, string[]? eligible = null, string? last = null) =>
        new(order, order, kind, match, eligible ?? [], last);

    [Fact]
    public void RegionRule_GivesTheLeadToTheLeastLoadedSpecialist()
    {
        var d = LeadDistributor.Decide("east", "it", [Rule(1, LeadRuleKind.Region, "east")], Team);
        Assert.Equal(("b", "Lead.ByRegion"), (d.OwnerId, d.ReasonCode));
    }

    [Fact]
    public void RulesAreTriedInOrder_TheFirstMatchDecides()
    {
        var rules = new[] { Rule(2, LeadRuleKind.Region, "east"), Rule(1, LeadRuleKind.Industry, "it") };
        Assert.Equal("c", LeadDistributor.Decide("east", "it", rules, Team).OwnerId); // industry rule (order 1) first; c has load 0
    }

    [Fact]
    public void RuleWithNamedUsers_OnlyConsidersThem()
    {
        var d = LeadDistributor.Decide("east", null, [Rule(1, LeadRuleKind.Region, "east", eligible: ["a"])], Team);
        Assert.Equal("a", d.OwnerId);
    }

    [Fact]
    public void RoundRobin_TakesTurnsAndWrapsAround()
    {
        Assert.Equal("a", LeadDistributor.Decide(null, null, [Rule(1, LeadRuleKind.RoundRobin)], Team).OwnerId);
        Assert.Equal("b", LeadDistributor.Decide(null, null, [Rule(1, LeadRuleKind.RoundRobin, last: "a")], Team).OwnerId);
        Assert.Equal("a", LeadDistributor.Decide(null, null, [Rule(1, LeadRuleKind.RoundRobin, last: "c")], Team).OwnerId);
    }

    [Fact]
    public void NoMatchingRule_OrPoolRule_OrNobodyEligible_SendsTheLeadToThePool()
    {
        Assert.True(LeadDistributor.Decide("west", "food", [Rule(1, LeadRuleKind.Region, "east")], Team).ToPool);
        Assert.Equal("Lead.NoRule", LeadDistributor.Decide("west", "food", [Rule(1, LeadRuleKind.Region, "east")], Team).ReasonCode);
        Assert.Equal("Lead.PoolRule", LeadDistributor.Decide("east", null, [Rule(1, LeadRuleKind.Pool), Rule(2, LeadRuleKind.Region, "east")], Team).ReasonCode);
        Assert.Equal("Lead.NobodyEligible", LeadDistributor.Decide("overseas", null, [Rule(1, LeadRuleKind.Region, "overseas")], Team).ReasonCode);
        Assert.True(LeadDistributor.Decide(null, null, [Rule(1, LeadRuleKind.RoundRobin)], []).ToPool);
    }
}
