using CrmBlazor.Data.Dashboard;
using CrmBlazor.Data.Seeding;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Service;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>The demo company: every stage and status present, stages produced by the real rules, and seeding only into an empty database.</summary>
public abstract class DemoSeedingTests(DatabaseFixture fx) : IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        await fx.Services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(seed: 7, customers: 300);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Seed_CoversAllSixStages_AndEveryOpportunityAndTicketStatus()
    {
        await using var db = await fx.SystemDbAsync();
        var stages = await db.Customers.Select(c => c.Stage).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<LifecycleStage>().Order(), stages.Order());
        Assert.Equal(Enum.GetValues<OpportunityStatus>().Order(), (await db.Opportunities.Select(o => o.Status).Distinct().ToListAsync()).Order());
        Assert.Equal(Enum.GetValues<TicketStatus>().Order(), (await db.Tickets.Select(t => t.Status).Distinct().ToListAsync()).Order());
        Assert.True(await db.Opportunities.AnyAsync(o => o.InPool));
        Assert.Equal(300, await db.Customers.CountAsync());
        Assert.True(await db.Orders.CountAsync() > 1000);
        Assert.True(await db.BehaviourEvents.CountAsync() > 1000);
    }

    [Fact]
    public async Task Seed_EveryCustomersStage_IsWhatTheRulesSayAndIsExplained()
    {
        await using var db = await fx.SystemDbAsync();
        var customers = await db.Customers.ToListAsync();
        Assert.All(customers, c => Assert.NotEmpty(StageReason.Deserialize(c.StageReasons)));
        var churned = customers.Where(c => c.Stage == LifecycleStage.Churned && c.LastOrderDate is not null).ToList();
        Assert.NotEmpty(churned);
        // No orders for more than 90 days, or unsubscribed: never a churned customer who ordered last week.
        Assert.All(churned, c => Assert.True(fx.Clock.Today.DayNumber - c.LastOrderDate!.Value.DayNumber > 90
            || StageReason.Deserialize(c.StageReasons).Any(r => r.Code is "Churned.Unsubscribed" or "Churned.AccountClosed")));
        // The current stage is the last step of the recorded history.
        var history = await db.StageHistory.GroupBy(h => h.CustomerId).Select(g => new { g.Key, Last = g.OrderByDescending(h => h.At).ThenByDescending(h => h.Id).First().ToStage }).ToListAsync();
        Assert.All(history, h => Assert.Equal(customers.Single(c => c.Id == h.Key).Stage, h.Last));
    }

    [Fact]
    public async Task SeedIfEmpty_SecondCall_AddsNothing()
    {
        var before = await fx.CountAsync<CrmBlazor.Domain.Customers.Customer>();
        Assert.False(await fx.Services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(seed: 7, customers: 300));
        Assert.Equal(before, await fx.CountAsync<CrmBlazor.Domain.Customers.Customer>());
    }

    [Fact]
    public async Task Dashboard_AccountManager_SeesOwnCustomers_ManagerTheTeam_ExecutiveEverything()
    {
        var directory = fx.Services.GetRequiredService<UserDirectory>();
        directory.Invalidate();
        var users = await directory.GetAsync();
        var am = users.Users.Values.Single(u => u.Email == "am1@crm.demo");
        var manager = users.Users.Values.Single(u => u.Email == "manager@crm.demo");
        var exec = users.Users.Values.Single(u => u.Email == "exec@crm.demo");
        var amView = await fx.As<DashboardService>(await directory.ScopeForAsync(am.Id, am.Email, am.Roles)).GetAsync();
        var managerView = await fx.As<DashboardService>(await directory.ScopeForAsync(manager.Id, manager.Email, manager.Roles)).GetAsync();
        var execView = await fx.As<DashboardService>(await directory.ScopeForAsync(exec.Id, exec.Email, exec.Roles)).GetAsync();

        await using var db = await fx.SystemDbAsync();
        Assert.Equal(await db.Customers.CountAsync(c => c.OwnerId == am.Id), amView.Customers);
        Assert.Equal(await db.Customers.CountAsync(), execView.Customers);
        Assert.True(amView.Customers < managerView.Customers && managerView.Customers <= execView.Customers);
        Assert.Equal(await db.Opportunities.CountAsync(o => o.AssignedToId == am.Id), amView.Pipeline.Sum(p => p.Count));
        Assert.All(amView.TodayTasks.Concat(amView.OverdueTasks).Concat(amView.UpcomingTasks), t => Assert.Equal(am.Id, t.AssignedToId));
        Assert.All(amView.OverdueTasks, t => Assert.True(t.DueDate < fx.Clock.Today));
        Assert.All(amView.TodayTasks, t => Assert.Equal(fx.Clock.Today, t.DueDate));
        Assert.Equal(await db.FollowUpTasks.CountAsync(t => t.AssignedToId == am.Id && t.Status == FollowUpStatus.Open && t.DueDate < fx.Clock.Today), amView.TasksOverdue);
        // a sales manager's follow-ups are the team's, not the manager's own (who has none)
        Assert.True(managerView.TasksOverdue > amView.TasksOverdue);
        Assert.DoesNotContain(managerView.OverdueTasks, t => t.AssignedToId == manager.Id);
        Assert.True(execView.Revenue.Count is > 0 and <= 12);
        var months = execView.Revenue.Select(r => r.Year * 12 + r.Month).ToArray();
        Assert.Equal(months.Order(), months);
        Assert.True(execView.Revenue.Sum(r => r.Amount) >= amView.Revenue.Sum(r => r.Amount));
    }
}

public sealed class DemoSeedingTests_Sqlite(SqliteFixture fx) : DemoSeedingTests(fx), IClassFixture<SqliteFixture>;

public sealed class DemoSeedingTests_Postgres(PostgresFixture fx) : DemoSeedingTests(fx), IClassFixture<PostgresFixture>;

/// <summary>The <c>seed</c> command's bulk path: exact counts, owners spread, stages from the rules, repeatable.</summary>
public abstract class VolumeSeedingTests(DatabaseFixture fx)
{
    [Fact]
    public async Task SeedAsync_AddsExactlyNCustomersWithMOrdersEach_ClassifiedAndOwned()
    {
        fx.RequireAvailable();
        var am = await fx.AddUserAsync(Roles.AccountManager);
        var before = await fx.CountAsync<CrmBlazor.Domain.Customers.Customer>();
        var contactsBefore = await fx.CountAsync<CrmBlazor.Domain.Customers.Contact>();
        var (customers, orders) = await fx.Services.GetRequiredService<VolumeSeeder>().SeedAsync(2_500, 4, seed: 3, progress: null);
        Assert.Equal(2_500, customers);
        await using var db = await fx.SystemDbAsync();
        Assert.Equal(before + 2_500, await db.Customers.CountAsync());
        var prospects = await db.Customers.CountAsync(c => c.OrderCount == 0);
        Assert.Equal((2_500 - prospects) * 4, orders);
        Assert.Equal(orders, await db.Orders.CountAsync());
        Assert.True(await db.Customers.Select(c => c.Stage).Distinct().CountAsync() >= 5);
        Assert.All(await db.Customers.Where(c => c.OrderCount > 0).Take(50).ToListAsync(), c => Assert.NotNull(c.LastOrderDate));
        Assert.True(await db.Customers.AnyAsync(c => c.OwnerId == am.Id));
        Assert.Equal(contactsBefore + 2_500, await db.Contacts.CountAsync());

        // ids continue after a bulk insert: a normal insert still works
        var next = await fx.AddCustomerAsync("后续客户", null);
        Assert.True(next > await db.Customers.Where(c => c.Name != "后续客户").MaxAsync(c => c.Id));
    }

    [Fact]
    public async Task SeedAsync_BadArguments_AreRefused()
    {
        fx.RequireAvailable();
        var seeder = fx.Services.GetRequiredService<VolumeSeeder>();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => seeder.SeedAsync(0, 1, 1, null));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => seeder.SeedAsync(10, -1, 1, null));
    }
}

public sealed class VolumeSeedingTests_Sqlite(SqliteFixture fx) : VolumeSeedingTests(fx), IClassFixture<SqliteFixture>;

public sealed class VolumeSeedingTests_Postgres(PostgresFixture fx) : VolumeSeedingTests(fx), IClassFixture<PostgresFixture>;

/// <summary>The same seed on the same day gives the same demo company.</summary>
public sealed class DemoSeedingDeterminismTests
{
    private static async Task<string> FingerprintAsync()
    {
        await using var fx = new SqliteFixture();
        await fx.InitializeAsync();
        await fx.Services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(seed: 11, customers: 120);
        await using var db = await fx.SystemDbAsync();
        var emails = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Email);
        var customers = await db.Customers.OrderBy(c => c.Number)
            .Select(c => new { c.Number, c.Name, c.Stage, c.TotalSpend, c.OrderCount, c.OwnerId, c.StageReasons }).ToListAsync();
        var opportunities = await db.Opportunities.OrderBy(o => o.Id).Select(o => new { o.CustomerName, o.Status, o.Probability }).ToListAsync();
        var tickets = await db.Tickets.OrderBy(t => t.Id).Select(t => new { t.CustomerId, t.Status, t.Summary }).ToListAsync();
        var lines = customers.Select(c => $"{c.Number}|{c.Name}|{c.Stage}|{c.TotalSpend}|{c.OrderCount}|{(c.OwnerId is null ? "" : emails[c.OwnerId])}|{c.StageReasons}")
            .Concat(opportunities.Select(o => $"{o.CustomerName}|{o.Status}|{o.Probability}"))
            .Concat(tickets.Select(t => $"{t.CustomerId}|{t.Status}|{t.Summary}"));
        return string.Join("\n", lines);
    }

    [Fact]
    public async Task SeedIfEmpty_SameSeedAndDay_GivesTheSameCompany()
    {
        var first = await FingerprintAsync();
        var second = await FingerprintAsync();
        Assert.True(first.Length > 10_000);
        Assert.Equal(first, second);
    }
}
