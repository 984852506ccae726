namespace CrmBlazor.Domain.Value;

/// <summary>Gamma-Gamma spend parameters (Fader &amp; Hardie 2013): p, q and the scale γ (lifetimes calls it v), in money.</summary>
public sealed record GammaGammaParameters(double P, double Q, double V, double LogLikelihood);

/// <summary>The Gamma-Gamma model of the average repeat-purchase value, fitted on repeat buyers only.</summary>
public static class GammaGamma
{
    /// <summary>Maximum-likelihood fit on the customers with x &gt; 0 and z̄ &gt; 0 (others are skipped). Refuses data without such customers or that do not determine the parameters.</summary>
    public static GammaGammaParameters Fit(ReadOnlySpan<RepeatSummary> customers, FitOptions? options = null) =>
        throw new NotImplementedException();

    /// <summary>Σ ln f over the repeat buyers in <paramref name="customers"/> (Fader &amp; Hardie 2013 eq. 1a).</summary>
    public static double LogLikelihood(double p, double q, double v, ReadOnlySpan<RepeatSummary> customers) =>
        throw new NotImplementedException();

    /// <summary>E[Z | x, z̄] = p(γ + x z̄)/(px + q − 1); the population mean pγ/(q − 1) when x = 0. Refused when that mean is infinite (q ≤ 1).</summary>
    public static double ExpectedAverageValue(GammaGammaParameters p, double x, double zbar) =>
        throw new NotImplementedException();
}
