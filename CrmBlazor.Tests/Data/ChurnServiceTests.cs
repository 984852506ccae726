using CrmBlazor.Data.Churn;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>Churn warnings against a real database: who sees which, who may act, postpone and confirm rules, events after commit only.</summary>
public abstract class ChurnServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _am1 = null!, _am2 = null!, _outsider = null!, _admin = null!, _exec = null!, _service = null!;
    private readonly List<CrmEvent> _events = [];
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Churn " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        _am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        _outsider = await fx.AddUserAsync(Roles.AccountManager);
        _admin = await fx.AddUserAsync(Roles.Admin);
        _exec = await fx.AddUserAsync(Roles.Executive);
        _service = await fx.AddUserAsync(Roles.CustomerService);
        _subscription = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<ChurnService> As(TestData.User u) =>
        fx.As<ChurnService>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    private async Task<(int CaseId, int CustomerId)> WarningAsync(TestData.User owner, ChurnTrigger trigger = ChurnTrigger.NoOrders)
    {
        var customerId = await fx.AddCustomerAsync("流失预警 " + Guid.NewGuid().ToString("N")[..6], owner.Id);
        await using var db = await fx.SystemDbAsync();
        var churn = ChurnCase.Raise(customerId, trigger, fx.Clock.Today.AddMonths(-7), fx.Clock.UtcNow);
        db.ChurnCases.Add(churn);
        await db.SaveChangesAsync();
        return (churn.Id, customerId);
    }

    private async Task<IReadOnlyList<ChurnWarningChanged>> EventsForAsync(int caseId)
    {
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) return _events.OfType<ChurnWarningChanged>().Where(e => e.CaseId == caseId).ToArray();
    }

    private async Task<ChurnDetail> DetailAsync(int caseId) => (await (await As(_admin)).GetAsync(caseId)).Value!;

    private async Task<CustomerStatus> CustomerStatusAsync(int customerId)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.Customers.Where(c => c.Id == customerId).Select(c => c.Status).SingleAsync();
    }

    private static async Task<HashSet<int>> IdsAsync(ChurnService s, ChurnQuery? q = null) =>
        (await s.ListAsync(q ?? new ChurnQuery { Take = 500 })).Items.Select(r => r.Id).ToHashSet();

    [Fact]
    public async Task List_AccountManagerSeesOwn_ManagerTheTeam_AdminAndExecutiveAll_ServiceNone()
    {
        var (mine, _) = await WarningAsync(_am1);
        var (colleague, _) = await WarningAsync(_am2);
        var (outsider, _) = await WarningAsync(_outsider);

        var am1 = await IdsAsync(await As(_am1));
        Assert.Contains(mine, am1);
        Assert.DoesNotContain(colleague, am1);
        var manager = await IdsAsync(await As(_manager));
        Assert.Contains(mine, manager);
        Assert.Contains(colleague, manager);
        Assert.DoesNotContain(outsider, manager);
        Assert.Contains(outsider, await IdsAsync(await As(_admin)));
        Assert.Contains(outsider, await IdsAsync(await As(_exec)));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(_service)).ListAsync(new ChurnQuery()));
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.Denied, (await (await As(_am2)).GetAsync(mine)).Status);

        var row = (await (await As(_am1)).ListAsync(new ChurnQuery { Take = 500 })).Items.Single(r => r.Id == mine);
        Assert.Equal((ChurnTrigger.NoOrders, ChurnCaseStatus.Open, _am1.Id), (row.Trigger, row.Status, row.OwnerId));
        Assert.Equal(fx.Clock.Today.AddMonths(-7), row.LastOrderDate);
        Assert.Equal(6, await (await As(_am1)).NoOrderMonthsAsync());
    }

    [Fact]
    public async Task List_FiltersByStatus()
    {
        var (open, _) = await WarningAsync(_am1);
        var (postponed, _) = await WarningAsync(_am1);
        await (await As(_am1)).PostponeAsync(postponed, 0, "上门拜访，给出续约折扣");
        var am1 = await As(_am1);
        var onlyPostponed = await IdsAsync(am1, new ChurnQuery { Status = ChurnCaseStatus.Postponed, Take = 500 });
        Assert.Contains(postponed, onlyPostponed);
        Assert.DoesNotContain(open, onlyPostponed);
        var active = await IdsAsync(am1, new ChurnQuery { ActiveOnly = true, Take = 500 });
        Assert.Contains(open, active);
        Assert.Contains(postponed, active);
    }

    [Fact]
    public async Task Postpone_ByTheOwner_RecordsMeasures_MoreCanBeAdded_EachPublishedAfterCommit()
    {
        var (id, customer) = await WarningAsync(_am1);
        Assert.True((await (await As(_am1)).GetAsync(id)).Value!.CanAct);
        await (await As(_am1)).PostponeAsync(id, 0, "电话回访，了解停单原因");
        var after = await DetailAsync(id);
        Assert.Equal(ChurnCaseStatus.Postponed, after.Row.Status);
        await (await As(_am1)).PostponeAsync(id, after.Row.Version, "提供九折续约优惠");

        var detail = await DetailAsync(id);
        Assert.Equal(ChurnCaseStatus.Postponed, detail.Row.Status);
        Assert.True(detail.Row.Version > after.Row.Version); // adding measures moves the version too
        Assert.Equal(["提供九折续约优惠", "电话回访，了解停单原因"], detail.History.Select(h => h.Text));
        Assert.All(detail.History, h => Assert.Equal((ChurnCaseStatus.Postponed, _am1.Id), (h.Action, h.ByUserId)));
        Assert.Equal(CustomerStatus.Active, await CustomerStatusAsync(customer));
        var events = await EventsForAsync(id);
        Assert.Equal([ChurnWarningChange.Postponed, ChurnWarningChange.Postponed], events.Select(e => e.Change));
        Assert.All(events, e => Assert.Equal(_am1.Id, e.OwnerId));
    }

    private async Task<int> OpenFollowUpsAsync(int customerId)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.FollowUpTasks.CountAsync(t => t.CustomerId == customerId && t.Status == FollowUpStatus.Open);
    }

    [Fact]
    public async Task Confirm_ByTheOwner_NeedsAKnownReason_ClosesTheCase_AndMarksTheCustomerLost()
    {
        var (id, customer) = await WarningAsync(_am1, ChurnTrigger.Churned);
        await using (var db = await fx.SystemDbAsync())
        {
            db.FollowUpTasks.Add(FollowUpTask.Create(customer, _am1.Id, FollowUpKind.FollowUp, LifecycleStage.Churned, "Churned follow-up", fx.Clock.Today.AddDays(3), fx.Clock.UtcNow));
            await db.SaveChangesAsync();
        }
        await (await As(_am1)).PostponeAsync(id, 0, "赠送三个月服务");
        var missing = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_am1)).ConfirmAsync(id, 1, "", "无"));
        Assert.Equal("Validation.Required", missing.Code);
        Assert.Equal("ChurnReason", missing.Args[0]);
        var unknown = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_am1)).ConfirmAsync(id, 1, "aliens", null));
        Assert.Equal("Churn.UnknownReason", unknown.Code);
        Assert.Single(await EventsForAsync(id)); // only the postponement

        await (await As(_am1)).ConfirmAsync(id, 1, "competitor", "客户已签约竞争对手");
        var detail = await DetailAsync(id);
        Assert.Equal((ChurnCaseStatus.Confirmed, "competitor"), (detail.Row.Status, detail.Row.ConfirmedReasonCode));
        Assert.NotNull(detail.Row.ClosedAt);
        Assert.Equal([ChurnCaseStatus.Confirmed, ChurnCaseStatus.Postponed], detail.History.Select(h => h.Action));
        Assert.Equal("客户已签约竞争对手", detail.History[0].Text);
        Assert.False(detail.CanAct);
        Assert.Equal(CustomerStatus.Lost, await CustomerStatusAsync(customer));
        Assert.Equal(0, await OpenFollowUpsAsync(customer)); // a lost customer is followed up no more
        Assert.Equal(ChurnWarningChange.Confirmed, (await EventsForAsync(id))[^1].Change);

        var closed = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_am1)).PostponeAsync(id, detail.Row.Version, "再试一次"));
        Assert.Equal("Churn.Closed", closed.Code);
        Assert.Equal(2, (await EventsForAsync(id)).Count);
    }

    [Fact]
    public async Task Act_BySomeoneWhoIsNotTheOwner_IsRefused_NothingSaved_NothingPublished()
    {
        var (id, customer) = await WarningAsync(_am1);
        var colleague = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(_am2)).PostponeAsync(id, 0, "我来跟进"));
        Assert.Equal("Churn.NotOwner", colleague.Code);
        var manager = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(_manager)).ConfirmAsync(id, 0, "price", null));
        Assert.Equal("Churn.NotOwner", manager.Code);
        Assert.False((await (await As(_manager)).GetAsync(id)).Value!.CanAct);
        var executive = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(_exec)).PostponeAsync(id, 0, "只读"));
        Assert.Equal("Access.Denied", executive.Code);
        Assert.False((await (await As(_exec)).GetAsync(id)).Value!.CanAct);

        var detail = await DetailAsync(id);
        Assert.Equal((ChurnCaseStatus.Open, 0), (detail.Row.Status, detail.History.Count));
        Assert.Equal(CustomerStatus.Active, await CustomerStatusAsync(customer));
        Assert.Empty(await EventsForAsync(id));
    }

    [Fact]
    public async Task Act_WithMissingMeasures_OrAStaleVersion_IsRefused()
    {
        var (id, _) = await WarningAsync(_am1);
        var empty = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_am1)).PostponeAsync(id, 0, "   "));
        Assert.Equal("Validation.Required", empty.Code);
        await (await As(_am1)).PostponeAsync(id, 0, "第一次措施");
        var stale = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_am1)).PostponeAsync(id, 0, "基于旧版本"));
        Assert.Equal("Record.Changed", stale.Code);
        Assert.Single((await DetailAsync(id)).History);
        Assert.Single(await EventsForAsync(id));
    }
}

public sealed class ChurnServiceTests_Sqlite(SqliteFixture fx) : ChurnServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class ChurnServiceTests_Postgres(PostgresFixture fx) : ChurnServiceTests(fx), IClassFixture<PostgresFixture>;
