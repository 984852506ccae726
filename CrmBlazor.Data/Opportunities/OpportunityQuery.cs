using System.Linq.Expressions;
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
    public string? RegionCode { get; init; }
    public string? IndustryCode { get; init; }
    /// <summary>Only Unassigned, Assigned and Developing.</summary>
    public bool OpenOnly { get; init; }
}

public sealed record OpportunityRow(int Id, string CustomerName, string Summary, string SourceCode, int Probability, decimal? ExpectedAmount,
    OpportunityStatus Status, string CreatedById, DateTime CreatedAt, string? AssignedToId, string? AssignedById, DateTime? AssignedAt, bool InPool,
    string? RegionCode, string? IndustryCode, int Version)
{
    public bool IsOpen => Opportunity.IsOpenStatus(Status);

    /// <summary>The one projection of an opportunity into a row: translated to SQL for lists, compiled for events.</summary>
    public static readonly Expression<Func<Opportunity, OpportunityRow>> Projection = o => new OpportunityRow(o.Id, o.CustomerName, o.Summary,
        o.SourceCode, o.Probability, o.ExpectedAmount, o.Status, o.CreatedById, o.CreatedAt, o.AssignedToId, o.AssignedById, o.AssignedAt,
        o.InPool, o.RegionCode, o.IndustryCode, o.Version);

    public static readonly Func<Opportunity, OpportunityRow> Of = Projection.Compile();
}

public sealed record PlanStepRow(int Sequence, DateOnly PlannedDate, string Action, string? Result, DateTime? ResultAt);

public sealed record OpportunityHistoryRow(OpportunityHistoryKind Kind, string? ByUserId, DateTime At, string? Detail);

/// <summary>One opportunity with its plan and history (the contact phone masked), and what the caller may do with it now.</summary>
public sealed record OpportunityDetail(OpportunityRow Row, string ContactName, string? ContactPhone, string? Description, string? LostReason,
    int? CustomerId, string? IntakeChannel, DateTime LastWorkedAt, DateTime? ClosedAt,
    IReadOnlyList<PlanStepRow> Steps, IReadOnlyList<OpportunityHistoryRow> History,
    bool CanEdit, bool CanDelete, bool CanAssign, bool CanDevelop, bool CanClaim)
{
    /// <summary>Whether the caller may reveal <see cref="ContactPhone"/> (masked for everyone until revealed).</summary>
    public bool CanRevealPhone { get; init; }
}
