using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Opportunities;

/// <summary>One ordered step of a development plan (客户开发计划): date, action, and later its result.</summary>
public sealed class DevelopmentPlanStep : VersionedEntity
{
    private DevelopmentPlanStep() { }

    internal DevelopmentPlanStep(int sequence, DateOnly plannedDate, string action)
    {
        Sequence = sequence;
        PlannedDate = plannedDate;
        Action = action;
    }

    public int OpportunityId { get; private set; }
    public int Sequence { get; private set; }
    public DateOnly PlannedDate { get; private set; }
    public string Action { get; private set; } = "";
    public string? Result { get; private set; }
    public DateTime? ResultAt { get; private set; }

    internal void Edit(DateOnly plannedDate, string action)
    {
        if (Result is not null)
            throw new DomainException("Opportunity.StepDone", "A step whose result is recorded cannot be changed.");
        PlannedDate = plannedDate;
        Action = action;
    }

    internal void RecordResult(string result, DateTime at)
    {
        Result = result;
        ResultAt = at;
    }
}

/// <summary>One move in an opportunity's life (created, assigned, claimed, won, …), kept for the record.</summary>
public sealed class OpportunityHistoryEntry : Entity
{
    private OpportunityHistoryEntry() { }

    internal OpportunityHistoryEntry(OpportunityHistoryKind kind, string? byUserId, DateTime at, string? detail)
    {
        Kind = kind;
        ByUserId = byUserId;
        At = at;
        Detail = detail;
    }

    public int OpportunityId { get; private set; }
    public OpportunityHistoryKind Kind { get; private set; }
    public string? ByUserId { get; private set; }
    public DateTime At { get; private set; }
    public string? Detail { get; private set; }
}
