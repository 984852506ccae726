namespace CrmBlazor.Domain.Value;

/// <summary>
/// One nightly value scoring: the fitted BG/NBD and Gamma-Gamma parameters (or why they could not
/// be fitted), the horizon and discount rate used, and the 80/20 concentration — so every stored
/// score can be traced to the model that produced it.
/// </summary>
public sealed class ValueModelRun
{
    private ValueModelRun() { }

    public ValueModelRun(DateOnly asOf, DateTime computedAt, int horizonWeeks, double annualDiscountRate)
    {
        AsOf = asOf;
        ComputedAt = computedAt;
        HorizonWeeks = horizonWeeks;
        AnnualDiscountRate = annualDiscountRate;
    }

    public int Id { get; private set; }
    public DateOnly AsOf { get; private set; }
    public DateTime ComputedAt { get; private set; }
    public int HorizonWeeks { get; private set; }
    public double AnnualDiscountRate { get; private set; }
    public int Customers { get; set; }
    public int RepeatBuyers { get; set; }
    public double TopTwentyShare { get; set; }
    public double? BgR { get; private set; }
    public double? BgAlpha { get; private set; }
    public double? BgA { get; private set; }
    public double? BgB { get; private set; }
    public double? BgLogLikelihood { get; private set; }
    public double? GgP { get; private set; }
    public double? GgQ { get; private set; }
    public double? GgV { get; private set; }
    public double? GgLogLikelihood { get; private set; }

    public BgNbdParameters? BgNbd
    {
        get => BgR is { } r ? new BgNbdParameters(r, BgAlpha!.Value, BgA!.Value, BgB!.Value, BgLogLikelihood!.Value) : null;
        set => (BgR, BgAlpha, BgA, BgB, BgLogLikelihood) = (value?.R, value?.Alpha, value?.A, value?.B, value?.LogLikelihood);
    }

    public GammaGammaParameters? GammaGamma
    {
        get => GgP is { } p ? new GammaGammaParameters(p, GgQ!.Value, GgV!.Value, GgLogLikelihood!.Value) : null;
        set => (GgP, GgQ, GgV, GgLogLikelihood) = (value?.P, value?.Q, value?.V, value?.LogLikelihood);
    }
    /// <summary>The refusal code when a model could not be fitted (too few customers, no repeat buyers).</summary>
    public string? FitError { get; set; }
    public double Seconds { get; set; }
}
