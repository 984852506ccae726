namespace CrmBlazor.Domain.Value;

/// <summary>What the models predict for one customer over a horizon.</summary>
/// <param name="ExpectedPurchases">Expected purchases in the next <c>horizon</c> time units.</param>
/// <param name="ExpectedAverageSpend">Expected value per purchase; null without a spend model.</param>
/// <param name="Value">Discounted value of those purchases (NPV); null without a spend model.</param>
public readonly record struct ClvPrediction(double ExpectedPurchases, double ProbabilityAlive, double? ExpectedAverageSpend, double? Value);

/// <summary>
/// Customer lifetime value as lifetimes' <c>customer_lifetime_value</c> computes it, in discrete
/// periods: Σ_{i=1..H} (E[X(i·L)] − E[X((i−1)·L)]) · E[Z] / (1 + d)^i, where L is the period
/// length in the data's time unit and d the discount rate per period.
/// </summary>
public static class Clv
{
    public static double Compute(BgNbdParameters bgNbd, GammaGammaParameters gammaGamma, RepeatSummary customer, int periods, double discountRatePerPeriod, double periodLength = 1) =>
        throw new NotImplementedException();

    /// <summary>CLV with a known expected spend per purchase (e.g. from <see cref="GammaGamma.ExpectedAverageValue"/>).</summary>
    public static double Compute(BgNbdParameters bgNbd, RepeatSummary customer, double expectedAverageSpend, int periods, double discountRatePerPeriod, double periodLength = 1) =>
        throw new NotImplementedException();

    /// <summary>Expected purchases, P(alive), expected spend and CLV of one customer over <paramref name="periods"/> periods of length <paramref name="periodLength"/>.</summary>
    public static ClvPrediction Predict(BgNbdParameters bgNbd, GammaGammaParameters? gammaGamma, RepeatSummary customer, int periods, double discountRatePerPeriod, double periodLength = 1) =>
        throw new NotImplementedException();

    /// <summary><see cref="Predict"/> for many customers, in parallel; identical summaries are computed once. Result i belongs to customer i.</summary>
    public static ClvPrediction[] PredictMany(BgNbdParameters bgNbd, GammaGammaParameters? gammaGamma, ReadOnlySpan<RepeatSummary> customers, int periods, double discountRatePerPeriod, double periodLength = 1) =>
        throw new NotImplementedException();
}
