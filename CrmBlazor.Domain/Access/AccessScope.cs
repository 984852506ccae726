using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Access;

/// <summary>
/// Who is asking: the user, their roles, and — for a sales manager — the users of the teams they
/// lead (themselves included). Every service call runs under one scope.
/// </summary>
public sealed record AccessScope(
    string? UserId,
    string UserName,
    IReadOnlySet<string> Roles,
    IReadOnlyList<string> TeamUserIds,
    AccessProfile Profile)
{
    public static readonly AccessScope None =
        new(null, "anonymous", new HashSet<string>(), [], AccessProfile.None);

    public static readonly AccessScope System =
        new(null, "system", new HashSet<string>(), [], AccessProfile.System);

    public static AccessScope ForUser(string userId, string userName, IEnumerable<string> roles, IEnumerable<string>? teamUserIds = null)
    {
        var roleSet = roles.ToHashSet(StringComparer.Ordinal);
        var team = (teamUserIds ?? []).Append(userId).Distinct(StringComparer.Ordinal).ToArray();
        return new(userId, userName, roleSet, team, RolePermissions.ProfileFor(roleSet));
    }

    public bool IsSystem => Profile == AccessProfile.System;

    public bool Can(Capability capability) => IsSystem || RolePermissions.Allows(RolePermissions.RolesActingUnder(Profile, Roles), capability);

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>Throws <see cref="AccessDeniedException"/> unless the caller's roles allow <paramref name="capability"/>.</summary>
    public void Require(Capability capability)
    {
        if (!Can(capability))
            throw new AccessDeniedException("Access.Denied", $"User {UserId ?? UserName} may not {capability}.", capability.ToString());
    }

    /// <summary>The user id a write is attributed to; background work is attributed to no user.</summary>
    public string RequireUserId() =>
        UserId ?? throw new AccessDeniedException("Access.NoUser", "This operation needs a signed-in user.");
}
