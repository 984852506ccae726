using CrmBlazor.Domain.Access;

namespace CrmBlazor.Data.Events;

/// <summary>
/// Which events a subscriber receives — the same rules as the query filters in
/// <c>CrmDbContext.Access.cs</c>, applied to the event's row (tests hold the two equal).
/// </summary>
public static class EventAccess
{
    /// <summary>The event as <paramref name="scope"/> may receive it, or null when it is none of their business.</summary>
    public static CrmEvent? For(AccessScope scope, CrmEvent e) => e switch
    {
        OpportunityChanged o when o.Row is not null && SeesOpportunity(scope, o.Row.CreatedById, o.Row.AssignedToId, o.Row.InPool) => o,
        // someone who could see it before (the previous assignee) learns only that it left their view
        OpportunityChanged o when o.PreviousAssigneeId is not null && SeesOpportunity(scope, null, o.PreviousAssigneeId, false) => o with { Row = null },
        _ => null,
    };

    public static bool SeesOpportunity(AccessScope scope, string? createdById, string? assignedToId, bool inPool) => scope.Profile switch
    {
        AccessProfile.System or AccessProfile.Admin or AccessProfile.Executive => true,
        AccessProfile.SalesManager => assignedToId is null || scope.TeamUserIds.Contains(assignedToId) || createdById is not null && scope.TeamUserIds.Contains(createdById),
        AccessProfile.AccountManager => createdById == scope.UserId || assignedToId == scope.UserId || inPool,
        _ => false,
    };
}
