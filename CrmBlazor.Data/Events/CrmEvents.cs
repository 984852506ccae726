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
    public override bool Concerns(string userId) => userId == Row?.AssignedToId || userId == PreviousAssigneeId;
}
