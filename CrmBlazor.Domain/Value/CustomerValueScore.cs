namespace CrmBlazor.Domain.Value;

/// <summary>
/// One customer's value as of the last nightly scoring (客户价值): RFM scores and segment, the
/// 80/20 tiers, the BG/NBD + Gamma-Gamma predictions and the churn risk. Only customers with at
/// least one order are scored. Written in bulk by the scorer, read by pages and reports.
/// </summary>
public sealed class CustomerValueScore
{
    private CustomerValueScore() { }

    public int CustomerId { get; private set; }
    public DateOnly AsOf { get; private set; }
    public int RecencyDays { get; private set; }
    public int OrderCount { get; private set; }
    public decimal TotalSpend { get; private set; }
    /// <summary>Revenue of the 12 months up to <see cref="AsOf"/>: what the 80/20 tiers rank.</summary>
    public decimal Revenue12Months { get; private set; }
    public int RfmR { get; private set; }
    public int RfmF { get; private set; }
    public int RfmM { get; private set; }
    public RfmSegment RfmSegment { get; private set; }
    public AbcTier AbcTier { get; private set; }
    public ValueTier ValueTier { get; private set; }
    /// <summary>Purchases after the first, counted by day (the BG/NBD frequency).</summary>
    public int RepeatPurchases { get; private set; }
    /// <summary>Expected purchases over the model run's horizon; null when the model could not be fitted.</summary>
    public double? ExpectedPurchases { get; private set; }
    public double? ProbabilityAlive { get; private set; }
    public decimal? ExpectedAverageSpend { get; private set; }
    /// <summary>Discounted value of the expected purchases over the horizon (NPV).</summary>
    public decimal? Clv { get; private set; }
    public double ChurnRiskScore { get; private set; }
    public ChurnRiskLevel ChurnRisk { get; private set; }
}
