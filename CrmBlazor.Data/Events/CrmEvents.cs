using CrmBlazor.Data.Opportunities;

namespace CrmBlazor.Data.Events;

/// <summary>Something that was committed. <see cref="At"/> is the commit time (UTC) — observers measure latency from it.</summary>
public abstract record CrmEvent(DateTime At)
{
    /// <summary>The users for whom this change is news about their own work (the new assignee): served before everyone else.</summary>
    public virtual bool Concerns(string userId) => false;
}

public enum OpportunityChange { Created, Edited, Deleted, Assigned, Reassigned, Unassigned, PlanChanged, DevelopmentStarted, Won, Lost, ReturnedToPool, Claimed }

/// <summary>
/// An opportunity changed. <see cref="Row"/> is the new state, built once per change and shared
/// read-only by every observer, so observers patch their view instead of querying again (for
/// <see cref="OpportunityChange.Deleted"/>, the last state). It is null only in the copy a subscriber
/// receives when that subscriber may no longer see the opportunity (the previous assignee after a
/// re-assignment): "remove it from your view".
/// </summary>
public sealed record OpportunityChanged(int Id, OpportunityChange Change, OpportunityRow? Row, string? PreviousAssigneeId, string? ByUserId, DateTime At)
    : CrmEvent(At)
{
    /// <summary>
    /// The state before the change (null for a new opportunity), so that an aggregate such as a
    /// pipeline chart moves by this one change (take the old state out, put the new one in)
    /// instead of being counted again.
    /// </summary>
    public OpportunityRow? Previous { get; init; }

    public override bool Concerns(string userId) => userId == Row?.AssignedToId || userId == PreviousAssigneeId;
}

public enum CustomerChange { Created, Edited, OwnerChanged, Deactivated, Reactivated, Deleted, ContactsChanged, InteractionsChanged, DataImported }

/// <summary>
/// A customer's record changed (master data, owner, status, contacts, interactions, imported data).
/// <see cref="PreviousOwnerId"/> is set when the owner changed, so the previous owner's views drop it.
/// </summary>
public sealed record CustomerChanged(int CustomerId, string? OwnerId, string? PreviousOwnerId, CustomerChange Change, string? ByUserId, DateTime At)
    : CrmEvent(At)
{
    public override bool Concerns(string userId) => userId == OwnerId;
}

/// <summary>The lifecycle engine moved a customer to another stage; <see cref="Reasons"/> are the stored <c>StageReason</c>s.</summary>
public sealed record CustomerStageChanged(int CustomerId, string CustomerName, string? OwnerId, Domain.Lifecycle.LifecycleStage? From,
    Domain.Lifecycle.LifecycleStage To, string Reasons, DateTime At) : CrmEvent(At)
{
    public override bool Concerns(string userId) => userId == OwnerId;
}

public enum ChurnWarningChange { Raised, Postponed, Confirmed, Resolved }

/// <summary>A churn warning (客户流失预警) was raised, postponed, confirmed or resolved.</summary>
public sealed record ChurnWarningChanged(int CaseId, int CustomerId, string CustomerName, string? OwnerId, ChurnWarningChange Change, DateTime At)
    : CrmEvent(At)
{
    public override bool Concerns(string userId) => userId == OwnerId;
}

/// <summary>Follow-up tasks of one customer for one assignee were created, completed or cancelled.</summary>
public sealed record FollowUpTasksChanged(int CustomerId, string AssignedToId, DateTime At) : CrmEvent(At)
{
    public override bool Concerns(string userId) => userId == AssignedToId;
}

/// <summary>A batch recompute changed too many customers to announce one by one: views showing stages, warnings or tasks re-read.</summary>
public sealed record LifecycleRecomputed(int StageChanges, int WarningsRaised, int TasksCreated, DateTime At) : CrmEvent(At);

public enum TicketChange { Created, Edited, Assigned, Reassigned, Handled, FeedbackGiven, ReturnedForRehandling, Archived }

/// <summary>
/// A service ticket changed. <see cref="Row"/> is the new state, built once per change and shared
/// read-only by every observer (boards move the card, dashboards patch their list). It is null only
/// in the copy a subscriber receives when that subscriber may no longer see the ticket (the previous
/// handler after a re-assignment): "remove it from your view".
/// </summary>
public sealed record TicketChanged(int Id, TicketChange Change, Service.TicketRow? Row, string? PreviousAssigneeId, string? ByUserId, DateTime At)
    : CrmEvent(At)
{
    /// <summary>A new complaint about a customer: news for the customer's owner.</summary>
    public bool IsNewComplaint => Change == TicketChange.Created && Row?.TypeCode == Domain.Service.ServiceTicket.ComplaintType;

    public override bool Concerns(string userId) =>
        userId == Row?.AssignedToId || userId == PreviousAssigneeId || IsNewComplaint && userId == Row?.CustomerOwnerId;
}

/// <summary>The nightly value scoring replaced every customer's value scores (run <see cref="RunId"/>): value views re-read.</summary>
public sealed record CustomerValuesScored(int RunId, int Customers, DateTime At) : CrmEvent(At);

/// <summary>A customer event or its invitations changed (status, registrations, attendance): its measures are news to everyone who sees events.</summary>
public sealed record CustomerEventChanged(int EventId, DateTime At) : CrmEvent(At);
/// <summary>An admin added, renamed, reordered, (de)activated or deleted a data-dictionary entry: open pages re-render their labels.</summary>
public sealed record DictionaryChanged(Domain.BasicData.DictionaryKind Kind, string Code, DateTime At) : CrmEvent(At);
public enum CampaignChange { Planned, Edited, Launched, ResponseRecorded, ConversionDetected }

/// <summary>A campaign was planned, edited or launched, or one of its targets responded: campaign pages re-read their measures.</summary>
public sealed record CampaignChanged(int CampaignId, CampaignChange Change, string? ByUserId, DateTime At) : CrmEvent(At);
