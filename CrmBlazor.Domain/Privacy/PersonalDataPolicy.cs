using CrmBlazor.Domain.Access;

namespace CrmBlazor.Domain.Privacy;

/// <summary>
/// Who sees a customer's personal data in clear (PIPL, minimum necessary): the owner, the owner's
/// manager, and admins. Everyone else sees the masked form.
/// </summary>
public static class PersonalDataPolicy
{
    public static bool SeesClear(AccessScope scope, string? ownerId) => scope.Profile switch
    {
        AccessProfile.System or AccessProfile.Admin => true,
        AccessProfile.SalesManager => ownerId is null || scope.TeamUserIds.Contains(ownerId),
        AccessProfile.AccountManager => ownerId is not null && ownerId == scope.UserId,
        _ => false,
    };

    public static string? Show(AccessScope scope, string? ownerId, PersonalKind kind, string? value) =>
        SeesClear(scope, ownerId) ? value : Mask.Value(kind, value);
}
