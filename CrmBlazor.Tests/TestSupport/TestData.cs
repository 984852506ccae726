using CrmBlazor.Data;
using CrmBlazor.Data.Identity;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.TestSupport;

/// <summary>Builders for the records tests need: users in roles and teams, customers owned by them.</summary>
public static class TestData
{
    public sealed record User(string Id, string Email, string Role)
    {
        public AccessScope Scope(IEnumerable<string>? team = null) => AccessScope.ForUser(Id, Email, [Role], team);
    }

    public static async Task<User> AddUserAsync(this DatabaseFixture fx, string role, int? teamId = null, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        await using var scope = fx.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        db.Bind(AccessScope.System);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], TeamId = teamId, CreatedAt = fx.Clock.UtcNow, LockoutEnabled = true };
        var created = await users.CreateAsync(user, "Test@2026x");
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        fx.Services.GetRequiredService<UserDirectory>().Invalidate();
        return new User(user.Id, email, role);
    }

    public static async Task<int> AddTeamAsync(this DatabaseFixture fx, string name, string? managerId)
    {
        await using var db = await fx.SystemDbAsync();
        var team = Team.Create(name, managerId);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        fx.Services.GetRequiredService<UserDirectory>().Invalidate();
        return team.Id;
    }

    public static async Task<int> AddCustomerAsync(this DatabaseFixture fx, string name, string? ownerId, string? mobile = "13812348888")
    {
        await using var db = await fx.SystemDbAsync();
        var number = "T" + Guid.NewGuid().ToString("N")[..10];
        var customer = Customer.Create(number, new CustomerDetails { Name = name, RegionCode = "east", IndustryCode = "it", Phone = "021-62345678" }, ownerId, fx.Clock.UtcNow);
        customer.AddContact(new ContactDetails { Name = "联系人 " + name, Mobile = mobile, Email = "contact@example.com" });
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    public static async Task<int> CountAsync<T>(this DatabaseFixture fx) where T : class
    {
        await using var db = await fx.SystemDbAsync();
        return await db.Set<T>().CountAsync();
    }
}
