namespace CrmBlazor.Data.Value;

// The value report's aggregates, rebuilt by every value scoring (CustomerValueScorer) with the
// customers' dimensions at that moment. Missing dimensions are '' so they can be part of the keys.

/// <summary>Scored customers per owner × stage × level × region × industry × RFM cell (R, FM).</summary>
public sealed class ValueSegmentFact : Reports.IReportStageDimension
{
    public string OwnerId { get; private set; } = "";
    public string Stage { get; private set; } = "";
    public string LevelCode { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string IndustryCode { get; private set; } = "";
    public int RfmR { get; private set; }
    /// <summary>⌈(F + M) / 2⌉, the other axis of the RFM segment map.</summary>
    public int RfmFm { get; private set; }
    public int Customers { get; private set; }
    /// <summary>Customers with a CLV (the model could be applied) and the sum of their CLV.</summary>
    public int ClvCustomers { get; private set; }
    public decimal Clv { get; private set; }
    public decimal Revenue12Months { get; private set; }
}

/// <summary>Scored customers per owner × stage × level × region × industry × CLV band (<see cref="ClvBands"/>).</summary>
public sealed class ValueClvFact : Reports.IReportStageDimension
{
    public string OwnerId { get; private set; } = "";
    public string Stage { get; private set; } = "";
    public string LevelCode { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string IndustryCode { get; private set; } = "";
    public int Band { get; private set; }
    public int Customers { get; private set; }
    public decimal Clv { get; private set; }
}

/// <summary>
/// The CLV distribution's bands (in the company's currency), a roughly logarithmic scale that spans
/// consumer and key-account values alike: band i holds [Edges[i], Edges[i+1]).
/// </summary>
public static class ClvBands
{
    public static readonly decimal[] Edges = [0m, 1_000m, 5_000m, 10_000m, 50_000m, 100_000m, 500_000m, 1_000_000m, 5_000_000m];

    public static int Of(decimal clv)
    {
        var band = 0;
        while (band + 1 < Edges.Length && clv >= Edges[band + 1]) band++;
        return band;
    }

    /// <summary>The band's lower edge and its upper edge (exclusive; null for the last band).</summary>
    public static (decimal From, decimal? To) Range(int band) =>
        (Edges[band], band + 1 < Edges.Length ? Edges[band + 1] : null);
}
