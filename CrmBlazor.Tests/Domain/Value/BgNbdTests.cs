using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Value;
using CrmBlazor.Tests.TestSupport;

namespace CrmBlazor.Tests.Domain.Value;

/// <summary>BG/NBD against the published CDNOW estimates (shared/data/cdnow/reference.md).</summary>
public sealed class BgNbdTests
{
    private static readonly RepeatSummary[] Cdnow = TestSupport.Cdnow.Summaries(TestSupport.Cdnow.SummaryFile);
    private static readonly Lazy<BgNbdParameters> Fitted = new(() => BgNbd.Fit(Cdnow));

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected} ± {tolerance:P4}, got {actual}");

    [Fact]
    public void Fit_Cdnow_ReproducesThePublishedEstimates()
    {
        var p = Fitted.Value;
        AssertRelative(0.242593, p.R, 1e-4);
        AssertRelative(4.413532, p.Alpha, 1e-4);
        AssertRelative(0.792886, p.A, 1e-4);
        AssertRelative(2.425752, p.B, 1e-4);
        AssertRelative(-9582.43, p.LogLikelihood, 1e-4);
        Assert.Equal(-9582.4, Math.Round(p.LogLikelihood, 1));
    }

    [Fact]
    public void Fit_SameAnswer_WhateverTheThreadsAndTheRowOrder()
    {
        var reversed = Cdnow.Reverse().ToArray();
        var single = BgNbd.Fit(reversed, new FitOptions(MaxDegreeOfParallelism: 1));
        Assert.Equal(Fitted.Value.R, single.R, 1e-9);
        Assert.Equal(Fitted.Value.B, single.B, 1e-9);
    }

    [Fact]
    public void LogLikelihood_AtThePaperEstimates_IsThePaperValue()
    {
        // FHL 2005 print −9582.4 at r 0.243, α 4.414, a 0.793, b 2.426
        Assert.Equal(-9582.4, BgNbd.LogLikelihood(0.243, 4.414, 0.793, 2.426, Cdnow), 0.1);
    }

    [Fact]
    public void ExpectedPurchases_MatchThePaperAndLifetimes()
    {
        var p = Fitted.Value;
        // FHL 2005: a customer with x = 2, t_x = 30.43, T = 38.86 is expected to buy 1.226 times in weeks 40–78
        Assert.Equal(1.226, BgNbd.ExpectedPurchases(p, 39, 2, 30.43, 38.86), 3);
        // lifetimes docs (Quickstart): predicted purchases in the next week of customer 509 (x 18, t_x 35.14, T 35.86)
        Assert.Equal(0.424877, BgNbd.ExpectedPurchases(p, 1, 18, 35.14, 35.86), 5);
    }

    [Fact]
    public void ExpectedPurchases_SeriesAgreesWithTheDefiningIntegral_ForEveryCdnowCustomer()
    {
        var p = Fitted.Value;
        foreach (var c in Cdnow.Take(300))
            foreach (var t in new[] { 1.0, 39, 520 })
            {
                var series = BgNbd.ExpectedGivenAlive(p.R + c.Frequency, p.Alpha + c.T, p.A, p.B + c.Frequency, t);
                var integral = BgNbd.ExpectedGivenAliveByQuadrature(p.R + c.Frequency, p.Alpha + c.T, p.A, p.B + c.Frequency, t);
                Assert.True(Math.Abs(series - integral) <= 1e-9 * Math.Max(1, integral), $"x={c.Frequency} T={c.T} t={t}: {series} vs {integral}");
            }
    }

    [Fact]
    public void ExpectedPurchases_NearASingularParameter_StayFiniteAndContinuous()
    {
        // a = 1 makes the closed form 0/0, a + b − 1 ≤ 0 leaves ₂F₁ undefined: both go through the integral
        var near = new BgNbdParameters(0.5, 5, 1 + 1e-7, 2, 0);
        var off = new BgNbdParameters(0.5, 5, 1 + 1e-3, 2, 0);
        Assert.Equal(BgNbd.ExpectedPurchases(off, 10, 3, 20, 30), BgNbd.ExpectedPurchases(near, 10, 3, 20, 30), 3);
        var small = new BgNbdParameters(0.5, 5, 0.3, 0.4, 0);
        var value = BgNbd.ExpectedPurchasesNewCustomer(small, 10);
        Assert.True(double.IsFinite(value) && value > 0);
        Assert.Equal(value, BgNbd.ExpectedPurchasesNewCustomer(small with { B = 0.4 + 1e-6 }, 10), 4);
    }

    [Fact]
    public void ExpectedPurchases_GrowWithTheHorizon_AndAreZeroAtNone()
    {
        var p = Fitted.Value;
        Assert.Equal(0, BgNbd.ExpectedPurchases(p, 0, 2, 30.43, 38.86));
        var previous = 0.0;
        foreach (var t in new[] { 1.0, 5, 39, 100, 1000 })
        {
            var e = BgNbd.ExpectedPurchases(p, t, 2, 30.43, 38.86);
            Assert.True(e > previous);
            previous = e;
        }
    }

    [Fact]
    public void ProbabilityAlive_IsOneWithoutRepeat_AndFallsWithTimeSinceTheLastPurchase()
    {
        var p = Fitted.Value;
        Assert.Equal(1, BgNbd.ProbabilityAlive(p, 0, 0, 38.86));
        var recent = BgNbd.ProbabilityAlive(p, 5, 38, 38.86);
        var lapsed = BgNbd.ProbabilityAlive(p, 5, 5, 38.86);
        Assert.InRange(recent, 0.85, 1); // a/(b+x−1) ≈ 0.12 caps it near 0.89
        Assert.InRange(lapsed, 0, recent);
        // far beyond any double: stays a probability, never NaN
        Assert.Equal(0, BgNbd.ProbabilityAlive(p, 500, 1, 1e6), 12);
    }

    [Fact]
    public void Fit_NoCustomers_IsRefused() =>
        Assert.Equal("Value.NoCustomers", Assert.Throws<DomainException>(() => BgNbd.Fit([])).Code);

    [Fact]
    public void Fit_NoRepeatBuyers_IsRefused_AlsoWhenEveryRecencyIsZero()
    {
        RepeatSummary[] data = [new(0, 0, 30, 0), new(0, 0, 20, 0), new(0, 0, 10, 0)];
        Assert.Equal("Value.NoRepeatBuyers", Assert.Throws<DomainException>(() => BgNbd.Fit(data)).Code);
    }

    [Fact]
    public void Fit_OneCustomer_IsRefusedAsNotIdentified()
    {
        var e = Assert.Throws<DomainException>(() => BgNbd.Fit([new RepeatSummary(3, 20, 30, 0)]));
        Assert.Equal("Value.FitNotIdentified", e.Code);
    }

    [Fact]
    public void Fit_OneCustomer_WithAPenalizer_GivesFiniteParameters()
    {
        var p = BgNbd.Fit([new RepeatSummary(3, 20, 30, 0)], new FitOptions(Penalizer: 0.1));
        Assert.All(new[] { p.R, p.Alpha, p.A, p.B, p.LogLikelihood }, v => Assert.True(double.IsFinite(v)));
        Assert.True(double.IsFinite(BgNbd.ExpectedPurchases(p, 10, 3, 20, 30)));
    }

    [Theory]
    [InlineData(-1, 0, 10)]
    [InlineData(2, 11, 10)]
    [InlineData(1.5, 3, 10)]
    [InlineData(0, 3, 10)]
    [InlineData(1, 0, 0)]
    [InlineData(double.NaN, 1, 10)]
    public void Fit_InvalidRow_IsRefusedNamingIt(double x, double tx, double T)
    {
        var e = Assert.Throws<DomainException>(() => BgNbd.Fit([new RepeatSummary(1, 1, 10, 0), new RepeatSummary(x, tx, T, 0)]));
        Assert.Equal("Value.InvalidSummary", e.Code);
        Assert.Contains("customer 2", e.Message);
    }
}
