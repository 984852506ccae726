using CrmBlazor.Data.Identity;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Common;
using CrmBlazor.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>The admin's user and team management, through Identity, with its refusals.</summary>
public abstract class UserAdminTests(DatabaseFixture fx)
{
    private static UserEdit Edit(params string[] roles) => new() { DisplayName = "新同事", Roles = roles, Regions = ["east"], Industries = ["it"] };

    [Fact]
    public async Task CreateAsync_ValidUser_CanBeFoundWithRolesAndSpecialities()
    {
        fx.RequireAvailable();
        var admin = await fx.AddUserAsync(Roles.Admin);
        var email = $"new-{Guid.NewGuid():N}@crm.test";
        var result = await fx.As<UserAdminService>(admin.Scope()).CreateAsync(email, "Welcome2026", Edit(Roles.AccountManager));
        Assert.True(result.Succeeded, string.Join(",", result.Errors));
        var row = (await fx.As<UserAdminService>(admin.Scope()).ListAsync()).Single(u => u.Email == email);
        Assert.Equal([Roles.AccountManager], row.Roles);
        Assert.Equal(["east"], row.Regions);
        Assert.True(row.IsActive);
    }

    [Fact]
    public async Task CreateAsync_WeakPasswordOrMissingRole_GivesErrorCodes_AndCreatesNothing()
    {
        fx.RequireAvailable();
        var admin = await fx.AddUserAsync(Roles.Admin);
        var service = fx.As<UserAdminService>(admin.Scope());
        var email = $"weak-{Guid.NewGuid():N}@crm.test";
        var weak = await service.CreateAsync(email, "short", Edit(Roles.AccountManager));
        Assert.False(weak.Succeeded);
        Assert.Contains("Identity.PasswordTooShort", weak.Errors);
        Assert.Equal(["User.RoleRequired"], (await service.CreateAsync(email, "Welcome2026", Edit())).Errors);
        // a role that sees every customer with one whose rights cover only own/team customers
        Assert.Equal(["User.RoleCombination"], (await service.CreateAsync(email, "Welcome2026", Edit(Roles.CustomerService, Roles.AccountManager))).Errors);
        Assert.DoesNotContain(await service.ListAsync(), u => u.Email == email);
    }

    [Fact]
    public async Task SetActiveAsync_Deactivated_CannotSignIn_AndCannotDeactivateSelf()
    {
        fx.RequireAvailable();
        var admin = await fx.AddUserAsync(Roles.Admin);
        var am = await fx.AddUserAsync(Roles.AccountManager);
        var service = fx.As<UserAdminService>(admin.Scope());
        Assert.True((await service.SetActiveAsync(am.Id, false)).Succeeded);
        await using (var scope = fx.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(am.Id);
            Assert.False(user!.IsActive);
        }
        Assert.Equal(["User.CannotDeactivateSelf"], (await service.SetActiveAsync(admin.Id, false)).Errors);
    }

    [Fact]
    public async Task AnyAdminAction_ByANonAdmin_IsRefused()
    {
        fx.RequireAvailable();
        var manager = await fx.AddUserAsync(Roles.SalesManager);
        var service = fx.As<UserAdminService>(manager.Scope());
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.CreateAsync("x@y.z", "Welcome2026", Edit(Roles.Admin)));
    }

    [Fact]
    public async Task SaveTeamAsync_DuplicateName_IsRefused_AndTheManagerSeesTheTeam()
    {
        fx.RequireAvailable();
        var admin = await fx.AddUserAsync(Roles.Admin);
        var manager = await fx.AddUserAsync(Roles.SalesManager);
        var service = fx.As<UserAdminService>(admin.Scope());
        var name = "团队 " + Guid.NewGuid().ToString("N")[..6];
        Assert.True((await service.SaveTeamAsync(null, name, manager.Id)).Succeeded);
        Assert.Equal(["Team.DuplicateName"], (await service.SaveTeamAsync(null, name, null)).Errors);
        var team = (await service.ListTeamsAsync()).Single(t => t.Name == name);
        var am = await fx.AddUserAsync(Roles.AccountManager, team.Id);
        var scope = await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(manager.Id, manager.Email, [Roles.SalesManager]);
        Assert.Contains(am.Id, scope.TeamUserIds);
    }
}

public sealed class UserAdminTests_Sqlite(SqliteFixture fx) : UserAdminTests(fx), IClassFixture<SqliteFixture>;

public sealed class UserAdminTests_Postgres(PostgresFixture fx) : UserAdminTests(fx), IClassFixture<PostgresFixture>;
