using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Value;

namespace CrmBlazor.Tests.Domain.Value;

public sealed class RfmTests
{
    [Fact]
    public void Score_HundredDistinctCustomers_GivesTwentyPerQuintile_BestScoresHighest()
    {
        var customers = Enumerable.Range(1, 100).Select(i => new RfmInput(i, RecencyDays: i, Frequency: i, Monetary: i * 10m)).ToArray();
        var scores = Rfm.Score(customers);
        foreach (var score in Enumerable.Range(1, 5))
        {
            Assert.Equal(20, scores.Count(s => s.R == score));
            Assert.Equal(20, scores.Count(s => s.F == score));
            Assert.Equal(20, scores.Count(s => s.M == score));
        }
        Assert.Equal((5, 1, 1), (scores[0].R, scores[0].F, scores[0].M));   // most recent, fewest orders, least spend
        Assert.Equal((1, 5, 5), (scores[99].R, scores[99].F, scores[99].M));
        Assert.Equal(RfmSegment.NewCustomers, scores[0].Segment);
        Assert.Equal(RfmSegment.CannotLoseThem, scores[99].Segment);
    }

    [Fact]
    public void Score_TiesShareAScore_AndOrderDoesNotMatter()
    {
        var customers = Enumerable.Range(1, 50).Select(i => new RfmInput(i, i % 5, i <= 30 ? 1 : 2 + i % 3, i % 7)).ToArray();
        var forward = Rfm.Score(customers).ToDictionary(s => s.CustomerId);
        var backward = Rfm.Score(customers.Reverse().ToArray()).ToDictionary(s => s.CustomerId);
        Assert.Equal(forward.OrderBy(kv => kv.Key), backward.OrderBy(kv => kv.Key));
        Assert.Single(customers.Where(c => c.Frequency == 1).Select(c => forward[c.CustomerId].F).Distinct());
    }

    [Fact]
    public void Score_OneCustomer_OrEveryoneEqual_ScoresTheMiddle()
    {
        Assert.Equal(new RfmScore(1, 3, 3, 3, RfmSegment.NeedAttention), Rfm.Score([new RfmInput(1, 10, 2, 100m)]).Single());
        Assert.All(Rfm.Score(Enumerable.Range(1, 9).Select(i => new RfmInput(i, 0, 0, 0m)).ToArray()), s => Assert.Equal((3, 3, 3), (s.R, s.F, s.M)));
        Assert.Empty(Rfm.Score([]));
    }

    [Theory]
    [InlineData(5, 5, 4, RfmSegment.Champions)]
    [InlineData(4, 4, 5, RfmSegment.Loyal)]
    [InlineData(5, 2, 3, RfmSegment.PotentialLoyalists)]
    [InlineData(5, 1, 1, RfmSegment.NewCustomers)]
    [InlineData(4, 1, 1, RfmSegment.Promising)]
    [InlineData(3, 3, 3, RfmSegment.NeedAttention)]
    [InlineData(3, 2, 1, RfmSegment.AboutToSleep)]
    [InlineData(2, 3, 4, RfmSegment.AtRisk)]
    [InlineData(1, 5, 5, RfmSegment.CannotLoseThem)]
    [InlineData(2, 1, 2, RfmSegment.Hibernating)]
    [InlineData(1, 1, 2, RfmSegment.Lost)]
    public void SegmentOf_NamesTheGridCell(int r, int f, int m, RfmSegment segment) => Assert.Equal(segment, Rfm.SegmentOf(r, f, m));

    [Fact]
    public void SegmentOf_EveryCellHasASegment_AndEverySegmentIsReachable()
    {
        var cells = from r in Enumerable.Range(1, 5) from f in Enumerable.Range(1, 5) from m in Enumerable.Range(1, 5) select Rfm.SegmentOf(r, f, m);
        Assert.Equal(Enum.GetValues<RfmSegment>().Order(), cells.Distinct().Order());
    }

    [Fact]
    public void Score_NegativeSpend_IsRefused() =>
        Assert.Equal("Value.InvalidRfmInput", Assert.Throws<DomainException>(() => Rfm.Score([new RfmInput(4, 1, 1, -5m)])).Code);
}
