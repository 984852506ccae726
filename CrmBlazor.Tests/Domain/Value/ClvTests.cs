using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Value;
using CrmBlazor.Tests.TestSupport;

namespace CrmBlazor.Tests.Domain.Value;

public sealed class ClvTests
{
    private static readonly BgNbdParameters Bg = new(0.242593, 4.413532, 0.792886, 2.425752, 0);
    private static readonly GammaGammaParameters Gg = new(6.248802, 3.744588, 15.447748, 0);
    private static readonly RepeatSummary Customer1 = new(2, 30.43, 38.86, 22.35);

    [Fact]
    public void Compute_WithoutDiscount_IsExpectedPurchasesTimesExpectedSpend()
    {
        var clv = Clv.Compute(Bg, Gg, Customer1, periods: 39, discountRatePerPeriod: 0);
        var expected = BgNbd.ExpectedPurchases(Bg, 39, 2, 30.43, 38.86) * GammaGamma.ExpectedAverageValue(Gg, 2, 22.35);
        Assert.Equal(expected, clv, 9);
    }

    [Fact]
    public void Compute_DiscountsEachPeriodAtItsEnd()
    {
        // by hand: three monthly periods of 4.35 weeks at 1 % a month
        double previous = 0, value = 0;
        for (var i = 1; i <= 3; i++)
        {
            var cumulative = BgNbd.ExpectedPurchases(Bg, i * 4.35, 2, 30.43, 38.86);
            value += (cumulative - previous) / Math.Pow(1.01, i);
            previous = cumulative;
        }
        var spend = GammaGamma.ExpectedAverageValue(Gg, 2, 22.35);
        Assert.Equal(value * spend, Clv.Compute(Bg, Gg, Customer1, 3, 0.01, periodLength: 4.35), 9);
        Assert.True(Clv.Compute(Bg, Gg, Customer1, 3, 0.10, 4.35) < Clv.Compute(Bg, Gg, Customer1, 3, 0, 4.35));
    }

    [Fact]
    public void PredictMany_EqualsPredictPerCustomer_OnCdnow()
    {
        var customers = Cdnow.Summaries(Cdnow.SummaryWithSpendFile);
        var many = Clv.PredictMany(Bg, Gg, customers, 52, 0.01);
        Assert.Equal(customers.Length, many.Length);
        foreach (var i in new[] { 0, 1, 2, 500, 2356 })
            Assert.Equal(Clv.Predict(Bg, Gg, customers[i], 52, 0.01), many[i]);
        Assert.All(many, p => Assert.True(double.IsFinite(p.Value!.Value) && p.Value >= 0 && p.ProbabilityAlive is >= 0 and <= 1));
    }

    [Fact]
    public void Predict_WithoutSpendModel_LeavesSpendAndValueEmpty()
    {
        var p = Clv.Predict(Bg, null, Customer1, 39, 0);
        Assert.Null(p.ExpectedAverageSpend);
        Assert.Null(p.Value);
        Assert.Equal(1.226, p.ExpectedPurchases, 3);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(12, -0.1)]
    [InlineData(12, double.NaN)]
    public void Compute_BadHorizonOrRate_IsRefused(int periods, double rate) =>
        Assert.StartsWith("Value.Invalid", Assert.Throws<DomainException>(() => Clv.Compute(Bg, Gg, Customer1, periods, rate)).Code);
}

public sealed class ChurnRiskTests
{
    [Theory]
    [InlineData(0.95, LifecycleStage.Mature, false, ChurnRiskLevel.Low)]
    [InlineData(0.95, LifecycleStage.Declining, false, ChurnRiskLevel.Medium)]
    [InlineData(0.95, LifecycleStage.Declining, true, ChurnRiskLevel.Medium)]
    [InlineData(0.50, LifecycleStage.Declining, true, ChurnRiskLevel.High)]
    [InlineData(0.99, LifecycleStage.Churned, false, ChurnRiskLevel.High)]
    [InlineData(0.20, null, false, ChurnRiskLevel.High)]
    [InlineData(0.60, LifecycleStage.Growing, false, ChurnRiskLevel.Medium)]
    public void Assess_CombinesTheModelWithTheLifecycle(double alive, LifecycleStage? stage, bool warning, ChurnRiskLevel level) =>
        Assert.Equal(level, ChurnRisk.Assess(alive, stage, warning).Level);

    [Fact]
    public void Assess_ScoreIsTheNoisyOrOfTheRisks()
    {
        Assert.Equal(1 - 0.8 * 0.65 * 0.7, ChurnRisk.Assess(0.8, LifecycleStage.Declining, true).Score, 12);
        Assert.Equal(1.0, ChurnRisk.Assess(1, LifecycleStage.Churned, false).Score);
        Assert.Equal(0.0, ChurnRisk.Assess(1, LifecycleStage.New, false).Score);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Assess_NotAProbability_IsRefused(double alive) =>
        Assert.Equal("Value.InvalidProbability", Assert.Throws<DomainException>(() => ChurnRisk.Assess(alive, null, false)).Code);
}

public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(0.5, 0.57236494292470008707)]      // ln √π
    [InlineData(10, 12.801827480081469611)]        // ln 9!
    [InlineData(0.001, 6.9071788853838536)]
    [InlineData(171.5, 709.1431630309282)]
    public void LogGamma_KnownValues(double x, double expected) => Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-12 * Math.Max(1, Math.Abs(expected)));

    [Theory]
    [InlineData(1, -0.57721566490153286)]
    [InlineData(0.5, -1.9635100260214235)]
    [InlineData(10, 2.2517525890667211)]
    public void Digamma_KnownValues(double x, double expected) => Assert.Equal(expected, SpecialFunctions.Digamma(x), 1e-13);

    [Fact]
    public void Hypergeometric2F1_ClosedForms()
    {
        // ₂F₁(1, 1; 2; z) = −ln(1−z)/z ; ₂F₁(a, b; b; z) = (1−z)^(−a)
        Assert.Equal(-Math.Log(0.3) / 0.7, SpecialFunctions.Hypergeometric2F1(1, 1, 2, 0.7), 1e-13);
        Assert.Equal(Math.Pow(0.1, -2.5), SpecialFunctions.Hypergeometric2F1(2.5, 3.2, 3.2, 0.9), 1e-9);
    }
}
