using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Opportunities;

namespace CrmBlazor.Data.Opportunities;

public sealed record OpportunityQuery : PageRequest
{
    public string? Text { get; init; }
    public OpportunityStatus? Status { get; init; }
    public string? SourceCode { get; init; }
    public string? AssignedToId { get; init; }
    public int? ProbabilityMin { get; init; }
    public int? ProbabilityMax { get; init; }
    public bool? InPool { get; init; }
}

public sealed record OpportunityRow(int Id, string CustomerName, string Summary, string SourceCode, int Probability, decimal? ExpectedAmount,
    OpportunityStatus Status, string CreatedById, DateTime CreatedAt, string? AssignedToId, DateTime? AssignedAt, bool InPool,
    string? RegionCode, string? IndustryCode, int Version);
