using CrmBlazor.Data.Access;
using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Data.Users;

public sealed record UserRow(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, int? TeamId,
    IReadOnlyList<string> Regions, IReadOnlyList<string> Industries, bool IsActive, bool IsLockedOut, DateTime? LastSignInAt);

public sealed record UserEdit
{
    public required string DisplayName { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }
    public int? TeamId { get; init; }
    public IReadOnlyList<string> Regions { get; init; } = [];
    public IReadOnlyList<string> Industries { get; init; } = [];
}

/// <summary>The result of an admin action: success, or error codes the UI translates (Identity's password codes included).</summary>
public sealed record AdminResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static readonly AdminResult Ok = new(true, []);
    public static AdminResult Fail(params string[] codes) => new(false, codes);
}

/// <summary>
/// User and team administration (Admin only). Each call works in its own DI scope so Identity's
/// context never lives as long as a circuit, and that context is bound to the admin's scope so
/// the audit trail names who did it.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, CrmDbFactory dbFactory, UserDirectory directory, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        (await dbFactory.GetScopeAsync(ct)).Require(Capability.ManageUsers);
        await using var db = await dbFactory.CreateAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var now = clock.GetUtcNow();
        return users.Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", byUser[u.Id].OrderBy(r => r).ToArray(), u.TeamId,
            u.Regions, u.Industries, u.IsActive, u.LockoutEnd > now, u.LastSignInAt)).ToArray();
    }

    public async Task<IReadOnlyList<TeamInfo>> ListTeamsAsync(CancellationToken ct = default)
    {
        (await dbFactory.GetScopeAsync(ct)).Require(Capability.ManageUsers);
        return (await directory.GetAsync(ct)).Teams;
    }

    public Task<AdminResult> CreateAsync(string email, string password, UserEdit edit, CancellationToken ct = default) =>
        WithUserManagerAsync(async users =>
        {
            var invalid = Validate(edit);
            if (invalid is not null) return invalid;
            if (await users.FindByEmailAsync(email) is not null) return AdminResult.Fail("User.DuplicateEmail");
            var user = new AppUser
            {
                UserName = email.Trim(),
                Email = email.Trim(),
                EmailConfirmed = true,
                DisplayName = edit.DisplayName.Trim(),
                TeamId = edit.TeamId,
                RegionCodes = AppUser.Join(edit.Regions),
                IndustryCodes = AppUser.Join(edit.Industries),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                LockoutEnabled = true,
                MustChangePassword = true,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) return Fail(created);
            return Result(await users.AddToRolesAsync(user, edit.Roles));
        }, ct);

    public Task<AdminResult> UpdateAsync(string userId, UserEdit edit, CancellationToken ct = default) =>
        WithUserAsync(userId, async (users, user) =>
        {
            var invalid = Validate(edit);
            if (invalid is not null) return invalid;
            user.DisplayName = edit.DisplayName.Trim();
            user.TeamId = edit.TeamId;
            user.RegionCodes = AppUser.Join(edit.Regions);
            user.IndustryCodes = AppUser.Join(edit.Industries);
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded) return Fail(updated);
            var current = await users.GetRolesAsync(user);
            var removed = await users.RemoveFromRolesAsync(user, current.Except(edit.Roles));
            if (!removed.Succeeded) return Fail(removed);
            return Result(await users.AddToRolesAsync(user, edit.Roles.Except(current)));
        }, ct);

    /// <summary>Sets a new password chosen by the admin; the user must change it at next sign-in.</summary>
    public Task<AdminResult> ResetPasswordAsync(string userId, string newPassword, CancellationToken ct = default) =>
        WithUserAsync(userId, async (users, user) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, newPassword);
            if (!reset.Succeeded) return Fail(reset);
            user.MustChangePassword = true;
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return Result(await users.UpdateAsync(user));
        }, ct);

    /// <summary>Deactivating signs the user out everywhere (new security stamp) and blocks sign-in; nothing they own is deleted.</summary>
    public async Task<AdminResult> SetActiveAsync(string userId, bool active, CancellationToken ct = default)
    {
        var scope = await dbFactory.GetScopeAsync(ct);
        if (!active && userId == scope.UserId) return AdminResult.Fail("User.CannotDeactivateSelf");
        return await WithUserAsync(userId, async (users, user) =>
        {
            user.IsActive = active;
            if (!active) await users.UpdateSecurityStampAsync(user);
            else await users.SetLockoutEndDateAsync(user, null);
            return Result(await users.UpdateAsync(user));
        }, ct);
    }

    public Task<AdminResult> UnlockAsync(string userId, CancellationToken ct = default) =>
        WithUserAsync(userId, async (users, user) =>
        {
            await users.ResetAccessFailedCountAsync(user);
            return Result(await users.SetLockoutEndDateAsync(user, null));
        }, ct);

    public async Task<AdminResult> SaveTeamAsync(int? teamId, string name, string? managerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ManageUsers);
        if (string.IsNullOrWhiteSpace(name)) return AdminResult.Fail("Team.NameRequired");
        if (await db.Teams.AnyAsync(t => t.Name == name.Trim() && t.Id != teamId, ct)) return AdminResult.Fail("Team.DuplicateName");
        var team = teamId is null ? null : await db.Teams.FindAsync([teamId.Value], ct);
        if (teamId is not null && team is null) return AdminResult.Fail("Team.NotFound");
        if (team is null) db.Teams.Add(Team.Create(name, managerId));
        else { team.Rename(name); team.SetManager(managerId); }
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        return AdminResult.Ok;
    }

    private static AdminResult? Validate(UserEdit edit)
    {
        if (string.IsNullOrWhiteSpace(edit.DisplayName)) return AdminResult.Fail("User.NameRequired");
        if (edit.Roles.Count == 0) return AdminResult.Fail("User.RoleRequired");
        if (edit.Roles.Any(r => !Roles.IsKnown(r))) return AdminResult.Fail("User.UnknownRole");
        if (!RolePermissions.CanCombine(edit.Roles.ToArray())) return AdminResult.Fail("User.RoleCombination");
        return null;
    }

    private Task<AdminResult> WithUserAsync(string userId, Func<UserManager<AppUser>, AppUser, Task<AdminResult>> action, CancellationToken ct) =>
        WithUserManagerAsync(async users =>
        {
            var user = await users.FindByIdAsync(userId);
            return user is null ? AdminResult.Fail("User.NotFound") : await action(users, user);
        }, ct);

    private async Task<AdminResult> WithUserManagerAsync(Func<UserManager<AppUser>, Task<AdminResult>> action, CancellationToken ct)
    {
        var scope = await dbFactory.GetScopeAsync(ct);
        scope.Require(Capability.ManageUsers);
        await using var services = scopes.CreateAsyncScope();
        services.ServiceProvider.GetRequiredService<CrmDbContext>().Bind(scope);
        var users = services.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await action(users);
        directory.Invalidate();
        return result;
    }

    private static AdminResult Result(IdentityResult r) => r.Succeeded ? AdminResult.Ok : Fail(r);

    private static AdminResult Fail(IdentityResult r) => new(false, r.Errors.Select(e => "Identity." + e.Code).ToArray());
}
