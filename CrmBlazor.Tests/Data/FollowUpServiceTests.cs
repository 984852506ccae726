using CrmBlazor.Data.Events;
using CrmBlazor.Data.FollowUps;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>Follow-up tasks against a real database: who sees which, completion rules, the next task on the cadence, events after commit only.</summary>
public abstract class FollowUpServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _am1 = null!, _am2 = null!, _outsider = null!, _admin = null!;
    private readonly List<CrmEvent> _events = [];
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Follow-ups " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        _am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        _outsider = await fx.AddUserAsync(Roles.AccountManager);
        _admin = await fx.AddUserAsync(Roles.Admin);
        _subscription = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<FollowUpService> As(TestData.User u) =>
        fx.As<FollowUpService>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    private DateOnly Today => fx.Clock.Today;

    private async Task<int> CustomerAsync(TestData.User owner, LifecycleStage stage)
    {
        var id = await fx.AddCustomerAsync("跟进客户 " + Guid.NewGuid().ToString("N")[..6], owner.Id);
        await using var db = await fx.SystemDbAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == id);
        customer.MoveToStage(stage, "", fx.Clock.UtcNow);
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<int> TaskAsync(int customerId, TestData.User assignee, DateOnly due, LifecycleStage stage = LifecycleStage.Growing, FollowUpKind kind = FollowUpKind.FollowUp)
    {
        await using var db = await fx.SystemDbAsync();
        var task = FollowUpTask.Create(customerId, assignee.Id, kind, stage, FollowUpPlanner.CadenceTitle(stage), due, fx.Clock.UtcNow);
        db.FollowUpTasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }

    private async Task<IReadOnlyList<FollowUpTask>> TasksOfAsync(int customerId)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.FollowUpTasks.AsNoTracking().Where(t => t.CustomerId == customerId).OrderBy(t => t.Id).ToListAsync();
    }

    private async Task<IReadOnlyList<FollowUpTasksChanged>> EventsForAsync(int customerId)
    {
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) return _events.OfType<FollowUpTasksChanged>().Where(e => e.CustomerId == customerId).ToArray();
    }

    private FollowUpRecord Record(DateOnly? contact = null, DateOnly? next = null, string channel = "phone") =>
        new(contact ?? Today, channel, "电话沟通了续约意向", next is null ? null : "确认报价", next);

    private static async Task<HashSet<int>> IdsAsync(FollowUpService s, FollowUpBucket bucket) =>
        (await s.ListAsync(new FollowUpQuery { Bucket = bucket, Take = 500 })).Items.Select(r => r.Id).ToHashSet();

    [Fact]
    public async Task List_GroupsByDueDate_AccountManagerSeesOwn_ManagerTheTeam_AdminAll()
    {
        var c1 = await CustomerAsync(_am1, LifecycleStage.Growing);
        var c2 = await CustomerAsync(_am2, LifecycleStage.Growing);
        var c3 = await CustomerAsync(_outsider, LifecycleStage.Growing);
        var today = await TaskAsync(c1, _am1, Today);
        var overdue = await TaskAsync(c1, _am1, Today.AddDays(-3));
        var upcoming = await TaskAsync(c1, _am1, Today.AddDays(5));
        var colleague = await TaskAsync(c2, _am2, Today);
        var outsider = await TaskAsync(c3, _outsider, Today.AddDays(-1));

        var am1 = await As(_am1);
        Assert.Contains(today, await IdsAsync(am1, FollowUpBucket.DueToday));
        Assert.DoesNotContain(overdue, await IdsAsync(am1, FollowUpBucket.DueToday));
        Assert.Contains(overdue, await IdsAsync(am1, FollowUpBucket.Overdue));
        Assert.Contains(upcoming, await IdsAsync(am1, FollowUpBucket.Upcoming));
        Assert.DoesNotContain(colleague, await IdsAsync(am1, FollowUpBucket.DueToday));
        var row = (await am1.ListAsync(new FollowUpQuery { Bucket = FollowUpBucket.Overdue, Take = 500 })).Items.Single(r => r.Id == overdue);
        Assert.StartsWith("跟进客户", row.CustomerName);
        Assert.Equal(LifecycleStage.Growing, row.Stage);

        var manager = await As(_manager);
        Assert.Contains(colleague, await IdsAsync(manager, FollowUpBucket.DueToday));
        Assert.Contains(overdue, await IdsAsync(manager, FollowUpBucket.Overdue));
        Assert.DoesNotContain(outsider, await IdsAsync(manager, FollowUpBucket.Overdue));
        Assert.Contains(outsider, await IdsAsync(await As(_admin), FollowUpBucket.Overdue));

        var counts = await (await As(_outsider)).CountsAsync();
        Assert.Equal(new FollowUpCounts(0, 1, 0), counts);
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.Denied, (await am1.GetAsync(colleague)).Status);
    }

    [Fact]
    public async Task Complete_ByTheAssignee_SavesTheRecord_PlansTheNextOnTheStagesCadence_AndPublishes()
    {
        var customer = await CustomerAsync(_am1, LifecycleStage.Growing);
        var id = await TaskAsync(customer, _am1, Today);
        var detail = (await (await As(_am1)).GetAsync(id)).Value!;
        Assert.True(detail.CanComplete);
        Assert.Equal(CadenceKind.Monthly, detail.Cadence);

        var result = await (await As(_am1)).CompleteAsync(id, detail.Row.Version, Record(contact: Today.AddDays(-2)));

        var tasks = await TasksOfAsync(customer);
        var done = tasks.Single(t => t.Id == id);
        Assert.Equal(FollowUpStatus.Done, done.Status);
        Assert.Equal(Today.AddDays(-2), done.ContactDate);
        Assert.Equal("phone", done.ChannelCode);
        var next = tasks.Single(t => t.Status == FollowUpStatus.Open);
        Assert.Equal(Today.AddDays(-2).AddMonths(1), next.DueDate); // monthly from the contact, not from the task's due date
        Assert.Equal((next.Id, next.DueDate, false), (result.NextTaskId!.Value, result.NextDueDate!.Value, result.NextWasPlannedAlready));
        Assert.Equal((FollowUpKind.FollowUp, LifecycleStage.Growing, _am1.Id), (next.Kind, next.Stage, next.AssignedToId));
        Assert.Equal(_am1.Id, Assert.Single(await EventsForAsync(customer)).AssignedToId);
    }

    [Fact]
    public async Task Complete_DecliningCustomer_NextIsTwiceAWeek_AndAGivenPlanDateWins()
    {
        var declining = await CustomerAsync(_am1, LifecycleStage.Declining);
        var first = await TaskAsync(declining, _am1, Today, LifecycleStage.Declining);
        var monday = Today.AddDays(-(((int)Today.DayOfWeek + 6) % 7)); // the Monday of this week
        var result = await (await As(_am1)).CompleteAsync(first, 0, Record(contact: monday));
        Assert.Equal(monday.AddDays(3), result.NextDueDate);

        var planned = await TaskAsync(await CustomerAsync(_am1, LifecycleStage.Mature), _am1, Today, LifecycleStage.Mature);
        var withPlan = await (await As(_am1)).CompleteAsync(planned, 0, Record(next: Today.AddDays(10)));
        Assert.Equal(Today.AddDays(10), withPlan.NextDueDate);
    }

    [Fact]
    public async Task Complete_WhenACadenceTaskIsAlreadyOpen_DoesNotAddAnother()
    {
        var customer = await CustomerAsync(_am1, LifecycleStage.Growing);
        var revisit = await TaskAsync(customer, _am1, Today, kind: FollowUpKind.Revisit);
        var cadence = await TaskAsync(customer, _am1, Today.AddDays(20));
        var result = await (await As(_am1)).CompleteAsync(revisit, 0, Record());
        Assert.Equal((cadence, Today.AddDays(20), true), (result.NextTaskId!.Value, result.NextDueDate!.Value, result.NextWasPlannedAlready));
        Assert.Equal(2, (await TasksOfAsync(customer)).Count);
    }

    [Theory]
    [InlineData("future", "FollowUp.FutureDate")]
    [InlineData("nextBefore", "FollowUp.NextBeforeContact")]
    [InlineData("channel", "FollowUp.UnknownChannel")]
    [InlineData("content", "Validation.Required")]
    [InlineData("noDate", "Validation.Required")]
    public async Task Complete_WithABadRecord_IsRefused_NothingSaved_NothingPublished(string bad, string code)
    {
        var customer = await CustomerAsync(_am1, LifecycleStage.Growing);
        var id = await TaskAsync(customer, _am1, Today);
        var record = bad switch
        {
            "future" => Record(contact: Today.AddDays(1)),
            "nextBefore" => Record(contact: Today, next: Today.AddDays(-1)),
            "channel" => Record(channel: "carrier-pigeon"),
            "content" => Record() with { Content = "  " },
            _ => Record() with { ContactDate = null },
        };
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_am1)).CompleteAsync(id, 0, record));
        Assert.Equal(code, e.Code);
        var task = Assert.Single(await TasksOfAsync(customer));
        Assert.Equal(FollowUpStatus.Open, task.Status);
        Assert.Empty(await EventsForAsync(customer));
    }

    [Fact]
    public async Task Complete_BySomeoneElse_IsRefused_ATeamMemberCannotEvenSeeIt_NothingPublished()
    {
        var customer = await CustomerAsync(_am1, LifecycleStage.Growing);
        var id = await TaskAsync(customer, _am1, Today);
        var byManager = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_manager)).CompleteAsync(id, 0, Record()));
        Assert.Equal("FollowUp.NotAssignee", byManager.Code);
        Assert.False((await (await As(_manager)).GetAsync(id)).Value!.CanComplete);
        var byColleague = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(_am2)).CompleteAsync(id, 0, Record()));
        Assert.Equal("FollowUp.Denied", byColleague.Code);
        Assert.Equal(FollowUpStatus.Open, Assert.Single(await TasksOfAsync(customer)).Status);
        Assert.Empty(await EventsForAsync(customer));
    }

    [Fact]
    public async Task Complete_Twice_OrWithAStaleVersion_IsRefused()
    {
        var customer = await CustomerAsync(_am1, LifecycleStage.New);
        var id = await TaskAsync(customer, _am1, Today, LifecycleStage.New);
        await (await As(_am1)).CompleteAsync(id, 0, Record());
        var stale = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_am1)).CompleteAsync(id, 0, Record()));
        Assert.Equal("Record.Changed", stale.Code);
        var again = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_am1)).CompleteAsync(id, 1, Record()));
        Assert.Equal("FollowUp.NotOpen", again.Code);
        Assert.Equal(2, (await TasksOfAsync(customer)).Count); // the done one and exactly one next
        Assert.Single(await EventsForAsync(customer));
    }
}

public sealed class FollowUpServiceTests_Sqlite(SqliteFixture fx) : FollowUpServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class FollowUpServiceTests_Postgres(PostgresFixture fx) : FollowUpServiceTests(fx), IClassFixture<PostgresFixture>;
