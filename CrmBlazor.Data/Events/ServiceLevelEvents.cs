using CrmBlazor.Domain.Access;

namespace CrmBlazor.Data.Events;

/// <summary>
/// A ticket passed its due time and its handler (or, unassigned, nobody) and their supervisors were
/// reminded: open dashboards and ticket boards mark it overdue at once.
/// </summary>
public sealed record TicketOverdue(int TicketId, int CustomerId, string? HandlerId, IReadOnlyList<string> SupervisorIds, DateTime DueAt, DateTime At)
    : CrmEvent(At)
{
    public override bool Concerns(string userId) => userId == HandlerId || SupervisorIds.Contains(userId);

    /// <summary>Who receives it: everyone who sees all tickets, a manager for the team's or their own supervision, an account manager or agent their own.</summary>
    public bool VisibleTo(AccessScope scope) => scope.Profile switch
    {
        AccessProfile.System or AccessProfile.Admin or AccessProfile.Executive or AccessProfile.CustomerService => true,
        AccessProfile.SalesManager => HandlerId is null || scope.TeamUserIds.Contains(HandlerId) || (scope.UserId is { } me && SupervisorIds.Contains(me)),
        AccessProfile.AccountManager => HandlerId is not null && HandlerId == scope.UserId,
        _ => false,
    };
}
