using CrmBlazor.Data.Access;
using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Organisation;
using CrmBlazor.Domain.Products;
using CrmBlazor.Data.Lifecycle;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBlazor.Data.Seeding;

public sealed record DemoUser(string Email, string DisplayName, string Role, string[] Regions, string[] Industries);

/// <summary>
/// The demo company (one user per role plus three more account managers, about 500 customers in
/// all six stages with two years of orders and behaviour, opportunities and tickets in every
/// status). Seeded by the web server only, only into an empty database, and deterministic for a
/// given seed and as-of date.
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<CrmDbContext> factory, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoSeeder> log)
{
    public const string DemoPassword = "Demo@2026";
    public const int DefaultSeed = 20_26_11_22;
    /// <summary>
    /// The demo admin's authenticator key (two-factor sign-in is required for admins): add it to an
    /// authenticator app, or print the current code with <c>CrmBlazor.Web totp admin@crm.demo</c>.
    /// Public on purpose, like the demo password; a real installation enrols its own admins.
    /// </summary>
    public const string AdminAuthenticatorKey = "JBSWY3DPEHPK3PXPCRMBLAZORDEMOKEY";

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("admin@crm.demo", "系统管理员 Admin", Roles.Admin, [], []),
        new("manager@crm.demo", "王志强", Roles.SalesManager, [], []),
        new("am1@crm.demo", "李娜", Roles.AccountManager, ["east"], ["manufacturing", "it", "energy"]),
        new("am2@crm.demo", "张伟", Roles.AccountManager, ["north", "northeast"], ["finance", "logistics", "realestate"]),
        new("am3@crm.demo", "陈静", Roles.AccountManager, ["south", "central"], ["retail", "food", "healthcare"]),
        new("am4@crm.demo", "Michael Zhou 周明", Roles.AccountManager, ["southwest", "northwest", "overseas"], ["education", "it", "manufacturing"]),
        new("service@crm.demo", "刘洋", Roles.CustomerService, [], []),
        new("exec@crm.demo", "赵海峰", Roles.Executive, [], []),
    ];

    /// <summary>Seeds the demo company when the database has no users and no customers. Returns whether it seeded.</summary>
    public async Task<bool> SeedIfEmptyAsync(int seed = DefaultSeed, int customers = 500, CancellationToken ct = default)
    {
        await using var db = await factory.CreateSystemContextAsync(ct);
        if (await db.Users.AnyAsync(u => u.UserName != ReferenceDataSeeder.LeadIntakeUserName, ct) || await db.Customers.AnyAsync(ct)) return false;
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow().UtcDateTime;
        var asOf = DateOnly.FromDateTime(now);
        db.SuppressAudit = true;

        var userIds = await CreateUsersAsync(now, ct);
        db.Products.AddRange(ReferenceData.Products.Select(p => Product.Create(p.Code, p.Zh, p.En, null, null, p.Unit, p.Price, p.Core)));
        await db.SaveChangesAsync(ct);
        var rng = new Random(seed);
        foreach (var product in await db.Products.Where(p => !p.IsCoreFeature).ToListAsync(ct))
            foreach (var warehouse in new[] { "上海中心仓", "广州仓", "成都仓" })
                db.Inventory.Add(InventoryItem.Create(product.Id, warehouse, rng.Next(0, 400), now));
        await db.SaveChangesAsync(ct);

        var generator = new CustomerGenerator(seed, asOf, rich: true);
        var generated = Enumerable.Range(1, customers).Select(i => generator.Next(i)).ToList();
        var thresholds = new StageThresholds();
        var timelines = StageTimeline.Build(generated, asOf, thresholds, snapshotDays: 15, months: 25);
        var accountManagers = Users.Where(u => u.Role == Roles.AccountManager).ToArray();
        var owners = generated.Select(c => OwnerFor(c, accountManagers, userIds, generator.Random)).ToArray();

        var ids = new int[generated.Count];
        await using (var writer = await CustomerWriter.OpenAsync(db, rich: true, now, ct))
        {
            for (var i = 0; i < generated.Count; i++) ids[i] = await writer.WriteAsync(generated[i], owners[i], timelines[i], ct);
            await writer.CompleteAsync(ct);
        }

        var activity = new DemoActivity(db, generator, userIds, asOf, now);
        await activity.AddAsync(generated, ids, owners, timelines, ct);
        // the engine's view of today (tickets as service contacts, ARPU cut-offs, one open follow-up per customer)
        using var scope = scopes.CreateScope();
        var recompute = await scope.ServiceProvider.GetRequiredService<LifecycleEvaluator>().RecomputeAsync(null, null, ct);
        log.LogInformation("Demo lifecycle evaluated: {Changes} stage changes, {Warnings} churn warnings, {Tasks} follow-ups", recompute.StageChanges, recompute.WarningsRaised, recompute.TasksCreated);

        log.LogInformation("Seeded the demo company: {Customers} customers in {Seconds:F1} s", customers, clock.GetElapsedTime(started).TotalSeconds);
        return true;
    }

    private static string? OwnerFor(GenCustomer c, DemoUser[] accountManagers, IReadOnlyDictionary<string, string> userIds, Random rng)
    {
        if (c.Archetype == LifecycleStage.Prospect && rng.NextDouble() < 0.25) return null; // in nobody's hands yet
        var byRegion = accountManagers.Where(a => a.Regions.Contains(c.Region)).ToArray();
        var pick = byRegion.Length > 0 ? byRegion[rng.Next(byRegion.Length)] : accountManagers[rng.Next(accountManagers.Length)];
        return userIds[pick.Email];
    }

    private async Task<IReadOnlyDictionary<string, string>> CreateUsersAsync(DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        context.Bind(Domain.Access.AccessScope.System);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var team = Team.Create("华东销售一部 Sales Team 1", null);
        context.Teams.Add(team);
        await context.SaveChangesAsync(ct);

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in Users)
        {
            var user = new AppUser
            {
                UserName = u.Email, Email = u.Email, EmailConfirmed = true, DisplayName = u.DisplayName, CreatedAt = now,
                RegionCodes = AppUser.Join(u.Regions), IndustryCodes = AppUser.Join(u.Industries), LockoutEnabled = true,
                TeamId = u.Role is Roles.AccountManager or Roles.SalesManager ? team.Id : null,
                PreferredCulture = u.Email == "am4@crm.demo" ? "en" : null,
            };
            Ensure(await users.CreateAsync(user, DemoPassword), u.Email);
            Ensure(await users.AddToRoleAsync(user, u.Role), u.Email);
            if (u.Role == Roles.Admin)
            {
                // what Identity's user store does when an app sets a new authenticator key
                Ensure(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", AdminAuthenticatorKey), u.Email);
                Ensure(await users.SetTwoFactorEnabledAsync(user, true), u.Email);
            }
            ids[u.Email] = user.Id;
        }
        team.SetManager(ids["manager@crm.demo"]);
        await context.SaveChangesAsync(ct);
        return ids;
    }

    private static void Ensure(IdentityResult result, string who)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create demo user {who}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
