using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Value;

namespace CrmBlazor.Tests.Domain.Value;

public sealed class ParetoTests
{
    [Fact]
    public void Rank_TenCustomers_SharesTiersAndCurve()
    {
        // revenue 50, 30, 8, 4, 3, 2, 1, 1, 1, 0 (total 100)
        decimal[] revenue = [1, 50, 0, 3, 30, 1, 8, 2, 4, 1];
        var result = Pareto.Rank([.. revenue.Select((r, i) => (CustomerId: i + 1, Revenue: r))]);

        Assert.Equal(100m, result.TotalRevenue);
        Assert.Equal(0.80, result.TopTwentyShare, 12);
        Assert.Equal([2, 5, 7, 9, 4, 8, 1, 6, 10, 3], result.Customers.Select(c => c.CustomerId));
        Assert.Equal(Enumerable.Range(1, 10), result.Customers.Select(c => c.Rank));
        Assert.Equal([AbcTier.A, AbcTier.A, AbcTier.B, AbcTier.B, AbcTier.B, AbcTier.C, AbcTier.C, AbcTier.C, AbcTier.C, AbcTier.C],
            result.Customers.Select(c => c.Tier));
        Assert.Equal([ValueTier.High, ValueTier.High, ValueTier.Medium, ValueTier.Medium, ValueTier.Medium, ValueTier.Low, ValueTier.Low, ValueTier.Low, ValueTier.Low, ValueTier.Low],
            result.Customers.Select(c => c.ValueTier));
        Assert.Equal(0.88, result.Customers[2].CumulativeShare, 12);
        Assert.Equal(1.0, result.Customers[^1].CumulativeShare, 12);
        Assert.Equal(new ParetoPoint(0, 0), result.Curve[0]);
        Assert.Equal(new ParetoPoint(1, 1), result.Curve[^1]);
        Assert.Equal(11, result.Curve.Count);
        Assert.Equal(new ParetoPoint(0.2, 0.8), result.Curve[2]);
    }

    [Fact]
    public void Rank_ManyCustomers_CurveHasTheRequestedPoints_AndRises()
    {
        var result = Pareto.Rank([.. Enumerable.Range(1, 10_000).Select(i => (i, (decimal)(1_000_000.0 / i)))]);
        Assert.Equal(101, result.Curve.Count);
        Assert.True(result.Curve.Zip(result.Curve.Skip(1)).All(p => p.Second.RevenueShare >= p.First.RevenueShare));
        Assert.InRange(result.TopTwentyShare, 0.8, 0.9); // Zipf's law is about 80/20
    }

    [Fact]
    public void Rank_NoRevenue_OrNoCustomers_IsDefined()
    {
        var none = Pareto.Rank([(1, 0m), (2, 0m)]);
        Assert.Equal(0, none.TopTwentyShare);
        Assert.All(none.Customers, c => Assert.Equal((AbcTier.C, ValueTier.Low), (c.Tier, c.ValueTier)));
        var empty = Pareto.Rank([]);
        Assert.Empty(empty.Customers);
        Assert.Empty(empty.Curve);
    }

    [Fact]
    public void Rank_NegativeRevenue_IsRefused() =>
        Assert.Equal("Value.NegativeRevenue", Assert.Throws<DomainException>(() => Pareto.Rank([(1, -1m)])).Code);
}
