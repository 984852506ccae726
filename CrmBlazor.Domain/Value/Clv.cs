using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Value;

/// <summary>What the models predict for one customer over a horizon.</summary>
/// <param name="ExpectedPurchases">Expected purchases over the horizon (periods × period length time units).</param>
/// <param name="ExpectedAverageSpend">Expected value per purchase; null without a spend model.</param>
/// <param name="Value">Discounted value of those purchases (NPV); null without a spend model.</param>
public readonly record struct ClvPrediction(double ExpectedPurchases, double ProbabilityAlive, double? ExpectedAverageSpend, double? Value);

/// <summary>
/// Customer lifetime value as lifetimes' <c>customer_lifetime_value</c> computes it, in discrete
/// periods: Σ_{i=1..H} (E[X(i·L)] − E[X((i−1)·L)]) · E[Z] / (1 + d)^i, where L is the period
/// length in the data's time unit and d the discount rate per period (each period's purchases are
/// discounted as if paid at its end).
/// </summary>
public static class Clv
{
    public static double Compute(BgNbdParameters bgNbd, GammaGammaParameters gammaGamma, RepeatSummary customer, int periods, double discountRatePerPeriod, double periodLength = 1) =>
        Compute(bgNbd, customer, GammaGamma.ExpectedAverageValue(gammaGamma, customer.Frequency, customer.MonetaryValue), periods, discountRatePerPeriod, periodLength);

    /// <summary>CLV with a known expected spend per purchase (e.g. from <see cref="GammaGamma.ExpectedAverageValue"/>).</summary>
    public static double Compute(BgNbdParameters bgNbd, RepeatSummary customer, double expectedAverageSpend, int periods, double discountRatePerPeriod, double periodLength = 1)
    {
        CheckHorizon(periods, discountRatePerPeriod, periodLength);
        if (!(expectedAverageSpend >= 0) || double.IsPositiveInfinity(expectedAverageSpend))
            throw new ArgumentOutOfRangeException(nameof(expectedAverageSpend), expectedAverageSpend, "Expected spend must be a finite amount ≥ 0.");
        var (x, tx, T) = (customer.Frequency, customer.Recency, customer.T);
        double value = 0, previous = 0, discount = 1;
        for (var i = 1; i <= periods; i++)
        {
            var cumulative = BgNbd.ExpectedPurchases(bgNbd, i * periodLength, x, tx, T);
            discount /= 1 + discountRatePerPeriod;
            value += (cumulative - previous) * discount;
            previous = cumulative;
        }
        return value * expectedAverageSpend;
    }

    /// <summary>Expected purchases, P(alive), expected spend and CLV of one customer over <paramref name="periods"/> periods of length <paramref name="periodLength"/>.</summary>
    public static ClvPrediction Predict(BgNbdParameters bgNbd, GammaGammaParameters? gammaGamma, RepeatSummary customer, int periods, double discountRatePerPeriod, double periodLength = 1)
    {
        ArgumentNullException.ThrowIfNull(bgNbd);
        CheckHorizon(periods, discountRatePerPeriod, periodLength);
        var (x, tx, T) = (customer.Frequency, customer.Recency, customer.T);
        var purchases = BgNbd.ExpectedPurchases(bgNbd, periods * periodLength, x, tx, T);
        var alive = BgNbd.ProbabilityAlive(bgNbd, x, tx, T);
        if (gammaGamma is null) return new ClvPrediction(purchases, alive, null, null);
        var spend = GammaGamma.ExpectedAverageValue(gammaGamma, x, customer.MonetaryValue);
        return new ClvPrediction(purchases, alive, spend, Compute(bgNbd, customer, spend, periods, discountRatePerPeriod, periodLength));
    }

    /// <summary><see cref="Predict"/> for many customers, in parallel; identical summaries are computed once. Result i belongs to customer i.</summary>
    public static ClvPrediction[] PredictMany(BgNbdParameters bgNbd, GammaGammaParameters? gammaGamma, ReadOnlySpan<RepeatSummary> customers, int periods, double discountRatePerPeriod, double periodLength = 1)
    {
        ArgumentNullException.ThrowIfNull(bgNbd);
        CheckHorizon(periods, discountRatePerPeriod, periodLength);
        var distinct = new Dictionary<RepeatSummary, int>();
        var index = new int[customers.Length];
        for (var i = 0; i < customers.Length; i++)
        {
            if (!distinct.TryGetValue(customers[i], out var k)) distinct[customers[i]] = k = distinct.Count;
            index[i] = k;
        }
        var keys = new RepeatSummary[distinct.Count];
        foreach (var (summary, k) in distinct) keys[k] = summary;
        var predictions = new ClvPrediction[keys.Length];
        Parallel.For(0, keys.Length, k => predictions[k] = Predict(bgNbd, gammaGamma, keys[k], periods, discountRatePerPeriod, periodLength));
        var result = new ClvPrediction[customers.Length];
        for (var i = 0; i < result.Length; i++) result[i] = predictions[index[i]];
        return result;
    }

    private static void CheckHorizon(int periods, double discountRatePerPeriod, double periodLength)
    {
        if (periods < 1)
            throw new DomainException("Value.InvalidHorizon", $"The horizon must be at least one period; got {periods}.", periods);
        if (!(discountRatePerPeriod >= 0 && discountRatePerPeriod < 10))
            throw new DomainException("Value.InvalidDiscountRate", "The discount rate per period must be between 0 and 10 (1000 %).", discountRatePerPeriod);
        if (!(periodLength > 0) || double.IsPositiveInfinity(periodLength))
            throw new DomainException("Value.InvalidPeriodLength", "A period must last a positive, finite time.", periodLength);
    }
}
