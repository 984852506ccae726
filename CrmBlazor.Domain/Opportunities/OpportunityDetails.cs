namespace CrmBlazor.Domain.Opportunities;

/// <summary>The fields of an opportunity that may be edited while it is Unassigned — and nothing else.</summary>
public sealed record OpportunityDetails
{
    public required string SourceCode { get; init; }
    public required string CustomerName { get; init; }
    public int Probability { get; init; }
    public required string Summary { get; init; }
    public required string ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? Description { get; init; }
    public decimal? ExpectedAmount { get; init; }
    public string? RegionCode { get; init; }
    public string? IndustryCode { get; init; }
}
