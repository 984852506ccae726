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
        // someone who could see it before (the previous assignee; another team's manager while it was unassigned) learns only that it left their view
        OpportunityChanged o when o.Previous is { } p && SeesOpportunity(scope, p.CreatedById, p.AssignedToId, p.InPool) => o with { Row = null },
        CustomerChanged c when SeesCustomer(scope, c.OwnerId) => c,
        CustomerChanged c when c.PreviousOwnerId is not null && SeesCustomer(scope, c.PreviousOwnerId) => c,
        CustomerStageChanged c when SeesCustomer(scope, c.OwnerId) => c,
        ChurnWarningChanged c when SeesCustomer(scope, c.OwnerId) => c,
        FollowUpTasksChanged t when SeesTask(scope, t.AssignedToId) => t,
        TicketChanged t when t.Row is { } row && SeesTicket(scope, row.CreatedById, row.AssignedToId, row.CustomerOwnerId) => t,
        TicketChanged t when t.PreviousAssigneeId is not null && SeesTicket(scope, null, t.PreviousAssigneeId, null) => t with { Row = null },
        // a manager who saw it while it was unassigned, once it goes to another team's handler
        TicketChanged { Change: TicketChange.Assigned, Row: { } row } t when SeesTicket(scope, row.CreatedById, null, row.CustomerOwnerId) => t with { Row = null },
        LifecycleRecomputed r when scope.Profile != AccessProfile.None => r,
        TicketOverdue t when t.VisibleTo(scope) => t,
        CustomerValuesScored v when scope.Profile != AccessProfile.None => v,
        CustomerEventChanged c when scope.Can(Capability.ViewEvents) => c,
        DictionaryChanged d when scope.Profile != AccessProfile.None => d,
        CampaignChanged c when scope.Can(Capability.ViewCampaigns) => c,
        _ => null,
    };

    /// <summary>The customer rule of the query filters: everyone who reads all customers, a manager for the team's and unowned ones, an account manager for own.</summary>
    public static bool SeesCustomer(AccessScope scope, string? ownerId) => scope.Profile switch
    {
        AccessProfile.System or AccessProfile.Admin or AccessProfile.Executive or AccessProfile.CustomerService => true,
        AccessProfile.SalesManager => ownerId is null || scope.TeamUserIds.Contains(ownerId),
        AccessProfile.AccountManager => ownerId is not null && ownerId == scope.UserId,
        _ => false,
    };

    public static bool SeesTask(AccessScope scope, string assignedToId) => scope.Profile switch
    {
        AccessProfile.System or AccessProfile.Admin or AccessProfile.Executive => true,
        AccessProfile.SalesManager => scope.TeamUserIds.Contains(assignedToId),
        AccessProfile.AccountManager or AccessProfile.CustomerService => assignedToId == scope.UserId,
        _ => false,
    };

    public static bool SeesOpportunity(AccessScope scope, string? createdById, string? assignedToId, bool inPool) => scope.Profile switch
    {
        AccessProfile.System or AccessProfile.Admin or AccessProfile.Executive => true,
        AccessProfile.SalesManager => assignedToId is null || scope.TeamUserIds.Contains(assignedToId) || createdById is not null && scope.TeamUserIds.Contains(createdById),
        AccessProfile.AccountManager => createdById == scope.UserId || assignedToId == scope.UserId || inPool,
        _ => false,
    };

    /// <summary>The ticket rule of the query filters: everyone who reads all customers; a manager for unassigned tickets and the team's (handled, created or owned); an account manager for tickets they created, handle, or about their customers.</summary>
    public static bool SeesTicket(AccessScope scope, string? createdById, string? assignedToId, string? customerOwnerId) => scope.Profile switch
    {
        AccessProfile.System or AccessProfile.Admin or AccessProfile.Executive or AccessProfile.CustomerService => true,
        AccessProfile.SalesManager => assignedToId is null || scope.TeamUserIds.Contains(assignedToId)
            || createdById is not null && scope.TeamUserIds.Contains(createdById) || SeesCustomer(scope, customerOwnerId),
        AccessProfile.AccountManager => createdById == scope.UserId || assignedToId == scope.UserId || customerOwnerId is not null && customerOwnerId == scope.UserId,
        _ => false,
    };
}
