using CrmBlazor.Data.Events;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>The opportunity use cases against a real database: rules, access, races, won → customer, events after commit.</summary>
public abstract class OpportunityServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    protected TestData.User Manager = null!, Am1 = null!, Am2 = null!, Outsider = null!, Admin = null!;
    private readonly List<CrmEvent> _events = [];
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        Manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Pipeline " + Guid.NewGuid().ToString("N")[..6], Manager.Id);
        Am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        Am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        Outsider = await fx.AddUserAsync(Roles.AccountManager);
        Admin = await fx.AddUserAsync(Roles.Admin);
        _subscription = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }

    protected async Task<AccessScope> ScopeOf(TestData.User u) =>
        await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]);

    protected async Task<OpportunityService> As(TestData.User u) => fx.As<OpportunityService>(await ScopeOf(u));

    /// <summary>What the hub delivered about <paramref name="id"/> (observers are served on the hub's background lane: wait for it first).</summary>
    private async Task<IReadOnlyList<OpportunityChanged>> EventsForAsync(int id)
    {
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) return _events.OfType<OpportunityChanged>().Where(e => e.Id == id).ToArray();
    }

    private static OpportunityDetails Details(string customer = "杭州测试科技有限公司", int probability = 30) => new()
    {
        SourceCode = "website", CustomerName = customer, Probability = probability, Summary = "采购网关", ContactName = "王芳",
        ContactPhone = "13812348888", ExpectedAmount = 80_000m, RegionCode = "east", IndustryCode = "it",
    };

    private async Task<OpportunityRow> RowAsync(int id) =>
        (await (await As(Admin)).GetAsync(id)).Value!.Row;

    [Fact]
    public async Task Create_SetsCreatorAndTime_AndPublishesAfterCommit()
    {
        var id = await (await As(Am1)).CreateAsync(Details());
        var row = await RowAsync(id);
        Assert.Equal(Am1.Id, row.CreatedById);
        Assert.Equal(fx.Clock.UtcNow, row.CreatedAt);
        Assert.Equal(OpportunityStatus.Unassigned, row.Status);
        Assert.Equal(OpportunityChange.Created, Assert.Single((await EventsForAsync(id))).Change);
    }

    [Fact]
    public async Task Create_InvalidProbability_IsRefused_NothingSaved_NothingPublished()
    {
        var before = await fx.CountAsync<Opportunity>();
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As(Am1)).CreateAsync(Details(probability: 150)));
        Assert.Equal("Validation.Range", e.Code);
        Assert.Equal(before, await fx.CountAsync<Opportunity>());
    }

    [Fact]
    public async Task List_AccountManager_SeesOwnCreatedAndAssigned_NotOthers()
    {
        var mine = await (await As(Am1)).CreateAsync(Details("甲 " + Guid.NewGuid().ToString("N")[..6]));
        var others = await (await As(Am2)).CreateAsync(Details("乙 " + Guid.NewGuid().ToString("N")[..6]));
        var assignedToMe = await (await As(Manager)).CreateAsync(Details("丙 " + Guid.NewGuid().ToString("N")[..6]));
        await (await As(Manager)).AssignAsync(assignedToMe, 0, Am1.Id);
        var ids = (await (await As(Am1)).ListAsync(new OpportunityQuery { Take = 500 })).Items.Select(o => o.Id).ToHashSet();
        Assert.Contains(mine, ids);
        Assert.Contains(assignedToMe, ids);
        Assert.DoesNotContain(others, ids);
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.Denied, (await (await As(Outsider)).GetAsync(mine)).Status);
    }


    [Fact]
    public async Task Edit_OnceAssigned_IsRefusedWithTheReason()
    {
        var id = await (await As(Am1)).CreateAsync(Details());
        await (await As(Manager)).AssignAsync(id, 0, Am2.Id);
        var row = await RowAsync(id);
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As(Am1)).EditAsync(id, row.Version, Details(probability: 90)));
        Assert.Equal("Opportunity.NotEditable", e.Code);
        Assert.Equal(30, (await RowAsync(id)).Probability);
    }

    [Fact]
    public async Task Delete_BySomeoneElse_IsRefused_ByTheCreator_Works()
    {
        var id = await (await As(Am1)).CreateAsync(Details());
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As(Manager)).DeleteAsync(id, 0));
        Assert.Equal("Opportunity.NotCreator", e.Code);
        await (await As(Am1)).DeleteAsync(id, 0);
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.NotFound, (await (await As(Admin)).GetAsync(id)).Status);
        Assert.Equal(OpportunityChange.Deleted, (await EventsForAsync(id))[^1].Change);
    }

    [Fact]
    public async Task Assign_ByAnAccountManager_IsRefused()
    {
        var id = await (await As(Am1)).CreateAsync(Details());
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(Am1)).AssignAsync(id, 0, Am2.Id));
    }

    [Fact]
    public async Task Assign_ToSomeoneOutsideTheTeam_IsRefused()
    {
        var id = await (await As(Manager)).CreateAsync(Details());
        var e = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(Manager)).AssignAsync(id, 0, Outsider.Id));
        Assert.Equal("Opportunity.AssigneeNotInTeam", e.Code);
    }

    [Fact]
    public async Task Assign_TwoManagersDropAtOnce_ExactlyOneWins_TheOtherLearnsWhoGotIt()
    {
        var id = await (await As(Manager)).CreateAsync(Details());
        var eventsBefore = (await EventsForAsync(id)).Count;
        var first = (await As(Manager)).AssignAsync(id, 0, Am1.Id);
        var second = (await As(Admin)).AssignAsync(id, 0, Am2.Id);
        var results = await Task.WhenAll(Capture(first), Capture(second));
        var winners = results.Count(r => r is null);
        Assert.Equal(1, winners);
        var loser = Assert.Single(results, r => r is not null)!;
        Assert.Equal("Opportunity.AssignConflict", loser.Code);
        var row = await RowAsync(id);
        var names = (await fx.Services.GetRequiredService<UserDirectory>().GetAsync());
        Assert.Equal(names.NameOf(row.AssignedToId), loser.Args[0]);
        Assert.Equal(names.NameOf(row.AssignedById), loser.Args[1]);
        Assert.Equal(1, row.Version);
        Assert.Equal(eventsBefore + 1, (await EventsForAsync(id)).Count); // only the winner published
    }

    private static async Task<DomainException?> Capture(Task task)
    {
        try { await task; return null; }
        catch (DomainException e) { return e; }
    }

    [Fact]
    public async Task Assign_WithAStaleVersion_IsRefused_AndPublishesNothing()
    {
        var id = await (await As(Manager)).CreateAsync(Details());
        await (await As(Manager)).AssignAsync(id, 0, Am1.Id);
        var count = (await EventsForAsync(id)).Count;
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As(Manager)).AssignAsync(id, 0, Am2.Id));
        Assert.Equal("Opportunity.AssignConflict", e.Code);
        Assert.Equal(count, (await EventsForAsync(id)).Count);
    }

    [Fact]
    public async Task Reassign_TellsThePreviousAssignee()
    {
        var id = await (await As(Manager)).CreateAsync(Details());
        await (await As(Manager)).AssignAsync(id, 0, Am1.Id);
        await (await As(Manager)).AssignAsync(id, 1, Am2.Id);
        var e = (await EventsForAsync(id))[^1];
        Assert.Equal((OpportunityChange.Reassigned, Am1.Id, Am2.Id), (e.Change, e.PreviousAssigneeId, e.Row!.AssignedToId));
    }

    [Fact]
    public async Task Develop_PlanThenWin_CreatesTheCustomerWithContact_OwnedByTheAssignee_AsNew()
    {
        var name = "赢单客户 " + Guid.NewGuid().ToString("N")[..6];
        var id = await (await As(Manager)).CreateAsync(Details(name));
        await (await As(Manager)).AssignAsync(id, 0, Am1.Id);
        var am = await As(Am1);
        await Assert.ThrowsAsync<DomainException>(() => am.StartDevelopmentAsync(id, 1)); // no plan yet
        await am.AddPlanStepAsync(id, 1, fx.Clock.Today.AddDays(3), "上门拜访");
        await am.StartDevelopmentAsync(id, 2);
        await am.RecordStepResultAsync(id, 3, 1, "客户同意采购");
        var customerId = await am.MarkWonAsync(id, 4);

        await using var db = await fx.SystemDbAsync();
        var customer = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Id == customerId);
        Assert.Equal(name, customer.Name);
        Assert.Equal(Am1.Id, customer.OwnerId);
        Assert.Equal(LifecycleStage.New, customer.Stage);
        Assert.Equal((1, 80_000m, fx.Clock.Today), (customer.OrderCount, customer.TotalSpend, customer.FirstOrderDate!.Value)); // the won deal is the first order
        Assert.Equal($"C{customerId:D7}", customer.Number);
        var contact = Assert.Single(customer.Contacts);
        Assert.Equal(("王芳", "13812348888"), (contact.Name, contact.Mobile));
        Assert.True(await db.StageHistory.AnyAsync(h => h.CustomerId == customerId && h.ToStage == LifecycleStage.New));
        var o = await db.Opportunities.SingleAsync(x => x.Id == id);
        Assert.Equal((OpportunityStatus.Won, customerId), (o.Status, o.CustomerId));
        Assert.Equal(OpportunityChange.Won, (await EventsForAsync(id))[^1].Change);
    }

    [Fact]
    public async Task Develop_ByAnotherAccountManager_IsRefused()
    {
        var id = await (await As(Manager)).CreateAsync(Details());
        await (await As(Manager)).AssignAsync(id, 0, Am1.Id);
        await Assert.ThrowsAnyAsync<DomainException>(async () => await (await As(Am2)).AddPlanStepAsync(id, 1, fx.Clock.Today, "x"));
    }

    [Fact]
    public async Task PlanStep_AddedConcurrentlyTwice_OneIsRefused()
    {
        var id = await (await As(Manager)).CreateAsync(Details());
        await (await As(Manager)).AssignAsync(id, 0, Am1.Id);
        var results = await Task.WhenAll(
            Capture((await As(Am1)).AddPlanStepAsync(id, 1, fx.Clock.Today, "电话")),
            Capture((await As(Am1)).AddPlanStepAsync(id, 1, fx.Clock.Today, "拜访")));
        Assert.Single(results, r => r is null);
        Assert.Single((await (await As(Am1)).GetAsync(id)).Value!.Steps);
    }

    [Fact]
    public async Task Lost_KeepsThePlan()
    {
        var id = await (await As(Manager)).CreateAsync(Details());
        await (await As(Manager)).AssignAsync(id, 0, Am1.Id);
        var am = await As(Am1);
        await am.AddPlanStepAsync(id, 1, fx.Clock.Today, "电话");
        await am.StartDevelopmentAsync(id, 2);
        await am.MarkLostAsync(id, 3, "预算取消");
        var detail = (await am.GetAsync(id)).Value!;
        Assert.Equal(OpportunityStatus.Lost, detail.Row.Status);
        Assert.Single(detail.Steps);
        Assert.Equal("预算取消", detail.LostReason);
    }
}

public sealed class OpportunityServiceTests_Sqlite(SqliteFixture fx) : OpportunityServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class OpportunityServiceTests_Postgres(PostgresFixture fx) : OpportunityServiceTests(fx), IClassFixture<PostgresFixture>;
