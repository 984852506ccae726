using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Value;
using CrmBlazor.Tests.TestSupport;

namespace CrmBlazor.Tests.Domain.Value;

/// <summary>Gamma-Gamma against the published CDNOW estimates (Fader &amp; Hardie 2013; lifetimes docs).</summary>
public sealed class GammaGammaTests
{
    private static readonly RepeatSummary[] Cdnow = TestSupport.Cdnow.Summaries(TestSupport.Cdnow.SummaryWithSpendFile);
    private static readonly Lazy<GammaGammaParameters> Fitted = new(() => GammaGamma.Fit(Cdnow));

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected} ± {tolerance:P3}, got {actual}");

    [Fact]
    public void Fit_CdnowRepeatBuyers_ReproducesThePublishedEstimates()
    {
        var p = Fitted.Value;
        AssertRelative(6.2488, p.P, 1e-3);
        AssertRelative(3.7446, p.Q, 1e-3);
        AssertRelative(15.4477, p.V, 1e-3);
        Assert.Equal(946, Cdnow.Count(c => c.Frequency > 0));
    }

    [Fact]
    public void ExpectedAverageValue_MatchesLifetimes_AndThePopulationMean()
    {
        var p = Fitted.Value;
        // lifetimes docs: mean conditional expected average profit over all 2,357 customers
        Assert.Equal(35.2529588256, Cdnow.Average(c => GammaGamma.ExpectedAverageValue(p, c.Frequency, c.MonetaryValue)), 5);
        Assert.Equal(p.P * p.V / (p.Q - 1), GammaGamma.ExpectedAverageValue(p, 0, 0), 12);
        // with the published values E(Z) ≈ 35.22
        Assert.Equal(35.22, GammaGamma.ExpectedAverageValue(new GammaGammaParameters(6.25, 3.74, 15.44, 0), 0, 0), 2);
    }

    [Fact]
    public void Fit_NoRepeatSpend_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => GammaGamma.Fit([new RepeatSummary(0, 0, 10, 0), new RepeatSummary(2, 5, 10, 0)]));
        Assert.Equal("Value.NoRepeatSpend", e.Code);
    }

    [Fact]
    public void Fit_EveryoneSpendsTheSame_IsRefusedAsNotIdentified()
    {
        var data = Enumerable.Range(1, 50).Select(i => new RepeatSummary(1 + i % 4, 5, 10, 20)).ToArray();
        Assert.Equal("Value.FitNotIdentified", Assert.Throws<DomainException>(() => GammaGamma.Fit(data)).Code);
    }

    [Fact]
    public void ExpectedAverageValue_WithoutAFiniteMean_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => GammaGamma.ExpectedAverageValue(new GammaGammaParameters(2, 0.8, 10, 0), 0, 0));
        Assert.Equal("Value.InfiniteMeanSpend", e.Code);
    }
}
