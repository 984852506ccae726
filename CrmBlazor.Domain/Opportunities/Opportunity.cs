using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Privacy;

namespace CrmBlazor.Domain.Opportunities;

/// <summary>
/// A sales opportunity (销售机会). Every rule of PRODUCT.md §3 lives here: only Unassigned
/// opportunities are edited or deleted (by their creator); assignment sets status and time;
/// development follows a plan; Won or Lost closes it.
/// </summary>
public sealed class Opportunity : VersionedEntity
{
    private readonly List<DevelopmentPlanStep> _planSteps = [];
    private readonly List<OpportunityHistoryEntry> _history = [];

    private Opportunity() { }

    public string SourceCode { get; private set; } = "";
    public string CustomerName { get; private set; } = "";
    public int Probability { get; private set; }
    public string Summary { get; private set; } = "";
    [Personal(PersonalKind.Name, ShownOnScreens = true)] public string ContactName { get; private set; } = "";
    [Personal(PersonalKind.Phone)] public string? ContactPhone { get; private set; }
    public string? Description { get; private set; }
    public decimal? ExpectedAmount { get; private set; }
    public string? RegionCode { get; private set; }
    public string? IndustryCode { get; private set; }

    public string CreatedById { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string? AssignedToId { get; private set; }
    public string? AssignedById { get; private set; }
    public DateTime? AssignedAt { get; private set; }
    public OpportunityStatus Status { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? LostReason { get; private set; }
    /// <summary>The customer created when the opportunity was won.</summary>
    public int? CustomerId { get; private set; }

    /// <summary>Lead intake channel (form, import, api, …); null for opportunities entered by hand.</summary>
    public string? IntakeChannel { get; private set; }
    /// <summary>In the shared pool (公海): no owner, claimable by any eligible account manager.</summary>
    public bool InPool { get; private set; }
    public DateTime? PooledAt { get; private set; }
    /// <summary>Last time the owner worked the lead (plan step, result, interaction) — drives the return to the pool.</summary>
    public DateTime LastWorkedAt { get; private set; }

    public IReadOnlyList<DevelopmentPlanStep> PlanSteps => _planSteps;
    public IReadOnlyList<OpportunityHistoryEntry> History => _history;

    public bool IsOpen => IsOpenStatus(Status);

    /// <summary>Still in the pipeline: not yet won or lost.</summary>
    public static bool IsOpenStatus(OpportunityStatus status) => status is OpportunityStatus.Unassigned or OpportunityStatus.Assigned or OpportunityStatus.Developing;

    /// <summary>Expected amount weighted by probability (pipeline statistics).</summary>
    public decimal WeightedAmount => (ExpectedAmount ?? 0) * Probability / 100m;

    public static Opportunity Create(OpportunityDetails details, string creatorId, DateTime now, string? intakeChannel = null)
    {
        var opportunity = new Opportunity
        {
            CreatedById = Check.Required(creatorId, "CreatedBy", 450),
            CreatedAt = now,
            Status = OpportunityStatus.Unassigned,
            LastWorkedAt = now,
            IntakeChannel = Check.Optional(intakeChannel, "IntakeChannel", 32),
        };
        opportunity.Apply(details);
        opportunity.Record(OpportunityHistoryKind.Created, creatorId, now, null);
        return opportunity;
    }

    /// <summary>Edits the editable fields; refused unless the opportunity is Unassigned.</summary>
    public void Edit(OpportunityDetails details, string byUserId, DateTime now)
    {
        if (Status != OpportunityStatus.Unassigned)
            throw new DomainException("Opportunity.NotEditable", $"Only unassigned opportunities can be edited; this one is {Status}.", Status);
        Apply(details);
        Record(OpportunityHistoryKind.Edited, byUserId, now, null);
    }

    /// <summary>Refuses deletion unless the opportunity is Unassigned and <paramref name="userId"/> created it.</summary>
    public void EnsureDeletableBy(string userId)
    {
        if (Status != OpportunityStatus.Unassigned)
            throw new DomainException("Opportunity.NotDeletable", $"Only unassigned opportunities can be deleted; this one is {Status}.", Status);
        if (!string.Equals(CreatedById, userId, StringComparison.Ordinal))
            throw new DomainException("Opportunity.NotCreator", "Only the creator of an opportunity can delete it.");
    }

    /// <summary>
    /// Assigns to one account manager (指派). Allowed while Unassigned, or to re-assign while
    /// Assigned; once development has started the assignee is fixed.
    /// </summary>
    public void AssignTo(string assigneeId, string byUserId, DateTime now)
    {
        Check.Required(assigneeId, "AssignedTo", 450);
        if (Status is not (OpportunityStatus.Unassigned or OpportunityStatus.Assigned))
            throw new DomainException("Opportunity.NotAssignable", $"An opportunity that is {Status} cannot be assigned.", Status);
        if (AssignedToId == assigneeId)
            throw new DomainException("Opportunity.AlreadyAssignedToSame", "The opportunity is already assigned to this account manager.");
        var kind = Status == OpportunityStatus.Unassigned ? OpportunityHistoryKind.Assigned : OpportunityHistoryKind.Reassigned;
        var from = AssignedToId;
        AssignedToId = assigneeId;
        AssignedById = byUserId;
        AssignedAt = now;
        Status = OpportunityStatus.Assigned;
        InPool = false;
        PooledAt = null;
        LastWorkedAt = now;
        Record(kind, byUserId, now, from is null ? assigneeId : $"{from}→{assigneeId}");
    }

    /// <summary>Back to Unassigned — refused once development has started.</summary>
    public void Unassign(string byUserId, DateTime now)
    {
        if (Status != OpportunityStatus.Assigned)
            throw new DomainException("Opportunity.NotUnassignable", $"An opportunity that is {Status} cannot go back to unassigned.", Status);
        var from = AssignedToId;
        AssignedToId = null;
        AssignedById = null;
        AssignedAt = null;
        Status = OpportunityStatus.Unassigned;
        Record(OpportunityHistoryKind.Unassigned, byUserId, now, from);
    }

    public DevelopmentPlanStep AddPlanStep(DateOnly plannedDate, string action, string byUserId, DateTime now)
    {
        EnsureAssignee(byUserId);
        if (Status is not (OpportunityStatus.Assigned or OpportunityStatus.Developing))
            throw new DomainException("Opportunity.PlanClosed", $"Plan steps can only be added while the opportunity is assigned or in development; it is {Status}.", Status);
        var step = new DevelopmentPlanStep(_planSteps.Count + 1, plannedDate, Check.Required(action, "Action", 500));
        _planSteps.Add(step);
        LastWorkedAt = now;
        Record(OpportunityHistoryKind.PlanStepAdded, byUserId, now, step.Action);
        return step;
    }

    public void EditPlanStep(int sequence, DateOnly plannedDate, string action, string byUserId, DateTime now)
    {
        EnsureAssignee(byUserId);
        EnsureOpen();
        var step = FindStep(sequence);
        step.Edit(plannedDate, Check.Required(action, "Action", 500));
        LastWorkedAt = now;
        Record(OpportunityHistoryKind.PlanStepEdited, byUserId, now, step.Action);
    }

    /// <summary>Starts development (开发中); needs a plan with at least one step.</summary>
    public void StartDevelopment(string byUserId, DateTime now)
    {
        EnsureAssignee(byUserId);
        if (Status != OpportunityStatus.Assigned)
            throw new DomainException("Opportunity.NotAssigned", $"Only an assigned opportunity can start development; it is {Status}.", Status);
        if (_planSteps.Count == 0)
            throw new DomainException("Opportunity.NoPlan", "Write the development plan (at least one step) before starting development.");
        Status = OpportunityStatus.Developing;
        LastWorkedAt = now;
        Record(OpportunityHistoryKind.DevelopmentStarted, byUserId, now, null);
    }

    public void RecordStepResult(int sequence, string result, string byUserId, DateTime now)
    {
        EnsureAssignee(byUserId);
        if (Status != OpportunityStatus.Developing)
            throw new DomainException("Opportunity.NotDeveloping", $"Step results are recorded during development; the opportunity is {Status}.", Status);
        var step = FindStep(sequence);
        step.RecordResult(Check.Required(result, "Result", 1000), now);
        LastWorkedAt = now;
        Record(OpportunityHistoryKind.StepResultRecorded, byUserId, now, step.Result);
    }

    /// <summary>Marks Won (开发成功); the caller creates the customer in the same transaction and links it.</summary>
    public void MarkWon(int customerId, string byUserId, DateTime now)
    {
        EnsureAssignee(byUserId);
        EnsureDeveloping();
        Status = OpportunityStatus.Won;
        ClosedAt = now;
        CustomerId = customerId;
        Record(OpportunityHistoryKind.Won, byUserId, now, null);
    }

    /// <summary>Marks Lost (开发失败); the plan is kept for the record.</summary>
    public void MarkLost(string reason, string byUserId, DateTime now)
    {
        EnsureAssignee(byUserId);
        EnsureDeveloping();
        var why = Check.Required(reason, "LostReason", 500);
        Status = OpportunityStatus.Lost;
        ClosedAt = now;
        LostReason = why;
        Record(OpportunityHistoryKind.Lost, byUserId, now, LostReason);
    }

    /// <summary>Returns an unworked lead to the shared pool (公海).</summary>
    public void ReturnToPool(DateTime now, string? byUserId = null)
    {
        if (Status is not (OpportunityStatus.Unassigned or OpportunityStatus.Assigned))
            throw new DomainException("Opportunity.NotPoolable", $"An opportunity that is {Status} cannot return to the pool.", Status);
        var from = AssignedToId;
        AssignedToId = null;
        AssignedById = null;
        AssignedAt = null;
        Status = OpportunityStatus.Unassigned;
        InPool = true;
        PooledAt = now;
        Record(OpportunityHistoryKind.ReturnedToPool, byUserId, now, from);
    }

    /// <summary>An account manager claims a pooled lead; one claim wins (the version token decides races).</summary>
    public void Claim(string userId, DateTime now)
    {
        if (!InPool || Status != OpportunityStatus.Unassigned)
            throw new DomainException("Opportunity.NotInPool", "This lead is no longer in the pool.");
        AssignedToId = userId;
        AssignedById = userId;
        AssignedAt = now;
        Status = OpportunityStatus.Assigned;
        InPool = false;
        PooledAt = null;
        LastWorkedAt = now;
        Record(OpportunityHistoryKind.Claimed, userId, now, null);
    }

    public void MarkWorked(DateTime now) => LastWorkedAt = now;

    private void Apply(OpportunityDetails d)
    {
        SourceCode = Check.Required(d.SourceCode, "Source", 32);
        CustomerName = Check.Required(d.CustomerName, "CustomerName", 200);
        Probability = Check.Range(d.Probability, "Probability", 0, 100);
        Summary = Check.Required(d.Summary, "Summary", 200);
        ContactName = Check.Required(d.ContactName, "ContactName", 100);
        ContactPhone = Check.Phone(PersonalDataPolicy.Kept(PersonalKind.Phone, d.ContactPhone, ContactPhone), "ContactPhone"); // a mask sent back unchanged keeps the number
        Description = Check.Optional(d.Description, "Description", 4000);
        ExpectedAmount = Check.NotNegative(d.ExpectedAmount, "ExpectedAmount");
        RegionCode = Check.Optional(d.RegionCode, "Region", 32);
        IndustryCode = Check.Optional(d.IndustryCode, "Industry", 32);
    }

    private void EnsureAssignee(string userId)
    {
        if (!string.Equals(AssignedToId, userId, StringComparison.Ordinal))
            throw new DomainException("Opportunity.NotAssignee", "Only the account manager the opportunity is assigned to can develop it.");
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
            throw new DomainException("Opportunity.Closed", $"The opportunity is closed ({Status}).", Status);
    }

    private void EnsureDeveloping()
    {
        if (Status != OpportunityStatus.Developing)
            throw new DomainException("Opportunity.NotDeveloping", $"Only an opportunity in development can be closed as won or lost; it is {Status}.", Status);
    }

    private DevelopmentPlanStep FindStep(int sequence) =>
        _planSteps.FirstOrDefault(s => s.Sequence == sequence)
        ?? throw new DomainException("Opportunity.StepNotFound", $"Plan step {sequence} does not exist.", sequence);

    private void Record(OpportunityHistoryKind kind, string? byUserId, DateTime at, string? detail) =>
        _history.Add(new OpportunityHistoryEntry(kind, byUserId, at, detail is null ? null : Check.MaxLength(detail.Length > 500 ? detail[..500] : detail, "Detail", 500)));
}
