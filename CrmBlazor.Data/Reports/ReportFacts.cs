namespace CrmBlazor.Data.Reports;

// The report aggregates of migration 0005. The database's triggers write them (every writer of
// customers, orders and stage history maintains them, bulk ones included); the application only
// reads. Missing dimensions are '' (ratings 0) so they can be part of the keys.

/// <summary>Customers and their spend per owner × stage × level × region × industry × credit × satisfaction.</summary>
public sealed class CustomerCubeFact : IReportStageDimension
{
    public string OwnerId { get; private set; } = "";
    public string Stage { get; private set; } = "";
    public string LevelCode { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string IndustryCode { get; private set; } = "";
    public int Credit { get; private set; }
    public int Satisfaction { get; private set; }
    public int Customers { get; private set; }
    public decimal TotalSpend { get; private set; }
}

/// <summary>One customer's order amount in one calendar year, with the customer's current filter dimensions.</summary>
public sealed class CustomerRevenueFact : IReportStageDimension
{
    public int CustomerId { get; private set; }
    public int Year { get; private set; }
    public decimal Amount { get; private set; }
    /// <summary>⌊ln(<see cref="Amount"/>) × 20⌋, −1000 for nothing (see <see cref="RevenueBins"/>).</summary>
    public int AmountBin { get; private set; }
    public int OrderCount { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string Stage { get; private set; } = "";
    public string LevelCode { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string IndustryCode { get; private set; } = "";
    /// <summary>The customer's name, kept by the database with it (migration 0008): a name filter too short for the trigram index reads it here.</summary>
    public string Name { get; private set; } = "";
}

/// <summary>Stage changes in one month (yyyy-MM, UTC) from → to, by the weeks spent in the stage left (−1: a first classification).</summary>
public sealed class StageFlowFact : IReportDimensions
{
    public string Month { get; private set; } = "";
    public string FromStage { get; private set; } = "";
    public string ToStage { get; private set; } = "";
    public string OwnerId { get; private set; } = "";
    public string LevelCode { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string IndustryCode { get; private set; } = "";
    public int WeeksInFromStage { get; private set; }
    public int Transitions { get; private set; }
}
