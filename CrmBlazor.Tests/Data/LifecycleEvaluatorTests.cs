using CrmBlazor.Data.Events;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>The lifecycle engine against a real database: incremental evaluation, batch recompute, history, warnings, follow-ups, events.</summary>
public abstract class LifecycleEvaluatorTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _owner = null!;
    private readonly List<CrmEvent> _events = [];
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _owner = await fx.AddUserAsync(Roles.AccountManager);
        _subscription = Hub.Subscribe(AccessScope.System, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }

    private CrmEventHub Hub => fx.Services.GetRequiredService<CrmEventHub>();
    private LifecycleEvaluator Engine => fx.Services.GetRequiredService<LifecycleEvaluator>();
    private DateOnly Today => fx.Clock.Today;

    private async Task AddOrdersAsync(int customerId, params (int DaysAgo, decimal Amount)[] orders)
    {
        await using var db = await fx.SystemDbAsync();
        foreach (var (days, amount) in orders)
            db.Orders.Add(Order.Create("O" + Guid.NewGuid().ToString("N")[..12], customerId, Today.AddDays(-days), amount, fx.Clock.UtcNow));
        await db.SaveChangesAsync();
    }

    private async Task AddEventAsync(int customerId, BehaviourEventType type, int daysAgo = 1)
    {
        await using var db = await fx.SystemDbAsync();
        db.BehaviourEvents.Add(BehaviourEvent.Create(null, customerId, fx.Clock.UtcNow.AddDays(-daysAgo), type, 1, null, fx.Clock.UtcNow));
        await db.SaveChangesAsync();
    }

    private async Task<Customer> CustomerAsync(int id)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private async Task<List<StageHistoryEntry>> HistoryAsync(int id)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.StageHistory.AsNoTracking().Where(h => h.CustomerId == id).OrderBy(h => h.Id).ToListAsync();
    }

    private async Task<List<FollowUpTask>> OpenTasksAsync(int id)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.FollowUpTasks.AsNoTracking().Where(t => t.CustomerId == id && t.Status == FollowUpStatus.Open).ToListAsync();
    }

    private async Task<List<ChurnCase>> ChurnCasesAsync(int id)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.ChurnCases.AsNoTracking().Include(c => c.Entries).Where(c => c.CustomerId == id).OrderBy(c => c.Id).ToListAsync();
    }

    private async Task<T[]> EventsAsync<T>(Func<T, bool> match) where T : CrmEvent
    {
        await Hub.FlushAsync();
        lock (_events) return _events.OfType<T>().Where(match).ToArray();
    }

    [Fact]
    public async Task Evaluate_FirstOrder_MovesAProspectToNew_WithHistoryFiguresFollowUpAndEvent()
    {
        var id = await fx.AddCustomerAsync("首单客户", _owner.Id);
        await AddOrdersAsync(id, (5, 1200m));

        var summary = await Engine.EvaluateAsync([id]);

        var c = await CustomerAsync(id);
        Assert.Equal(LifecycleStage.New, c.Stage);
        Assert.Equal(1, summary.StageChanges);
        Assert.Equal(Today.AddDays(-5), c.FirstOrderDate);
        Assert.Equal(1, c.OrderCount);
        Assert.Equal(1200m, c.TotalSpend);
        Assert.Contains(StageReason.Deserialize(c.StageReasons), r => r.Code == "New.FirstOrder" && r.Args[0] == "5");
        var history = Assert.Single(await HistoryAsync(id));
        Assert.Equal((LifecycleStage.Prospect, LifecycleStage.New), (history.FromStage!.Value, history.ToStage));
        var tasks = await OpenTasksAsync(id);
        var task = Assert.Single(tasks, t => t.Kind == FollowUpKind.FollowUp);
        Assert.Equal((_owner.Id, LifecycleStage.New, Today), (task.AssignedToId, task.Stage!.Value, task.DueDate));
        // the first purchase also plans its revisit (回访), due the configured 7 days after the order
        var revisit = Assert.Single(tasks, t => t.Kind == FollowUpKind.Revisit);
        Assert.Equal((_owner.Id, Today.AddDays(2)), (revisit.AssignedToId, revisit.DueDate));
        var e = Assert.Single(await EventsAsync<CustomerStageChanged>(x => x.CustomerId == id));
        Assert.Equal((LifecycleStage.Prospect, LifecycleStage.New, _owner.Id), (e.From!.Value, e.To, e.OwnerId));
        Assert.Single(await EventsAsync<FollowUpTasksChanged>(x => x.CustomerId == id && x.AssignedToId == _owner.Id));
    }

    [Fact]
    public async Task Evaluate_AgainWithoutNewData_ChangesNothing()
    {
        var id = await fx.AddCustomerAsync("稳定客户", _owner.Id);
        await AddOrdersAsync(id, (50, 300m), (20, 500m));
        await Engine.EvaluateAsync([id]);
        var before = await CustomerAsync(id);

        var summary = await Engine.EvaluateAsync([id]);

        var after = await CustomerAsync(id);
        Assert.Equal(new EvaluationSummary(1, 0, 0, 0), summary);
        Assert.Equal(before.Version, after.Version);
        Assert.Single(await HistoryAsync(id));
        Assert.Single(await OpenTasksAsync(id));
    }

    [Fact]
    public async Task Evaluate_NoOrderFor70Days_IsDeclining_RaisesAWarning_ThenANewOrderResolvesIt()
    {
        var id = await fx.AddCustomerAsync("衰退客户", _owner.Id);
        await AddOrdersAsync(id, (120, 800m), (70, 900m));

        await Engine.EvaluateAsync([id]);

        var c = await CustomerAsync(id);
        Assert.Equal(LifecycleStage.Declining, c.Stage);
        Assert.Contains(StageReason.Deserialize(c.StageReasons), r => r.Code == "Declining.NoOrder" && r.Args.SequenceEqual(["70", "60"]));
        var warning = Assert.Single(await ChurnCasesAsync(id));
        Assert.Equal((ChurnTrigger.Declining, ChurnCaseStatus.Open), (warning.Trigger, warning.Status));
        Assert.Equal(LifecycleStage.Declining, Assert.Single(await OpenTasksAsync(id)).Stage);
        Assert.Single(await EventsAsync<ChurnWarningChanged>(x => x.CustomerId == id && x.Change == ChurnWarningChange.Raised && x.CaseId == warning.Id));

        await AddOrdersAsync(id, (1, 1000m));
        await Engine.EvaluateAsync([id]);

        Assert.NotEqual(LifecycleStage.Declining, (await CustomerAsync(id)).Stage);
        var resolved = Assert.Single(await ChurnCasesAsync(id));
        Assert.Equal(ChurnCaseStatus.Resolved, resolved.Status);
        Assert.Contains(resolved.Entries, e => e.Action == ChurnCaseStatus.Resolved);
        Assert.Equal(2, (await HistoryAsync(id)).Count);
        var task = Assert.Single(await OpenTasksAsync(id));
        Assert.NotEqual(LifecycleStage.Declining, task.Stage);
    }

    [Fact]
    public async Task Evaluate_AccountClosed_IsChurned_WithAChurnedWarning()
    {
        var id = await fx.AddCustomerAsync("注销客户", _owner.Id);
        await AddOrdersAsync(id, (10, 500m));
        await AddEventAsync(id, BehaviourEventType.AccountClosed);

        await Engine.EvaluateAsync([id]);

        var c = await CustomerAsync(id);
        Assert.Equal(LifecycleStage.Churned, c.Stage);
        Assert.Contains(StageReason.Deserialize(c.StageReasons), r => r.Code == "Churned.AccountClosed");
        Assert.Equal(ChurnTrigger.Churned, Assert.Single(await ChurnCasesAsync(id)).Trigger);
    }

    [Fact]
    public async Task Evaluate_ServiceTicketsStopped_CountAsAServiceContactDrop()
    {
        var id = await fx.AddCustomerAsync("服务骤降客户", _owner.Id);
        await AddOrdersAsync(id, (45, 600m), (40, 700m));
        await using (var db = await fx.SystemDbAsync())
        {
            foreach (var daysAgo in new[] { 35, 45, 55 })
                db.Tickets.Add(CrmBlazor.Domain.Service.ServiceTicket.Create("consultation", CrmBlazor.Domain.Service.TicketPriority.Normal, "咨询",
                    id, "使用问题", _owner.Id, fx.Clock.UtcNow.AddDays(-daysAgo)));
            await db.SaveChangesAsync();
        }

        await Engine.EvaluateAsync([id]);

        var c = await CustomerAsync(id);
        Assert.Equal(LifecycleStage.Declining, c.Stage);
        // three tickets in the 30 days before the last 30, none since: down 100 % (≥ 30), and no order in the last 30 days agrees
        Assert.Contains(StageReason.Deserialize(c.StageReasons), r => r.Code == "Declining.ServiceDrop" && r.Args.SequenceEqual(["100", "30"]));
        Assert.Contains(StageReason.Deserialize(c.StageReasons), r => r.Code == "Declining.NoRecentOrder");
    }

    [Fact]
    public async Task Recompute_TwiceWithoutNewData_SecondRunChangesAndWritesNothing()
    {
        var a = await fx.AddCustomerAsync("批量甲", _owner.Id);
        var b = await fx.AddCustomerAsync("批量乙", _owner.Id);
        await AddOrdersAsync(a, (200, 100m));
        await AddOrdersAsync(b, (3, 100m), (2, 150m), (1, 90m));
        await Engine.RecomputeAsync(null, null);
        await using (var db = await fx.SystemDbAsync())
        {
            var versions = await db.Customers.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Version).ToListAsync();
            var history = await db.StageHistory.CountAsync();
            var tasks = await db.FollowUpTasks.CountAsync();
            var cases = await db.ChurnCases.CountAsync();

            var summary = await Engine.RecomputeAsync(null, null);

            Assert.Equal((0, 0, 0), (summary.StageChanges, summary.WarningsRaised, summary.TasksCreated));
            Assert.Equal(versions, await db.Customers.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Version).ToListAsync());
            Assert.Equal((history, tasks, cases), (await db.StageHistory.CountAsync(), await db.FollowUpTasks.CountAsync(), await db.ChurnCases.CountAsync()));
        }
        Assert.Equal(LifecycleStage.Churned, (await CustomerAsync(a)).Stage);
        Assert.Equal(LifecycleStage.Growing, (await CustomerAsync(b)).Stage);
    }

    [Fact]
    public async Task Recompute_AsOfAnEarlierDate_ClassifiesAsOfThatDay()
    {
        var id = await fx.AddCustomerAsync("回溯客户", _owner.Id);
        await AddOrdersAsync(id, (100, 700m));

        await Engine.RecomputeAsync(Today.AddDays(-90), null);
        Assert.Equal(LifecycleStage.New, (await CustomerAsync(id)).Stage);
        Assert.Equal(Today.AddDays(-90).ToDateTime(TimeOnly.MinValue), (await CustomerAsync(id)).StageEnteredAt);

        await Engine.RecomputeAsync(null, null);
        Assert.Equal(LifecycleStage.Churned, (await CustomerAsync(id)).Stage);
        Assert.Equal([LifecycleStage.New, LifecycleStage.Churned], (await HistoryAsync(id)).Select(h => h.ToStage).ToArray());
    }

    [Fact]
    public async Task Recompute_InTheFuture_IsRefused()
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => Engine.RecomputeAsync(Today.AddDays(1), null));
        Assert.Equal("Lifecycle.AsOfFuture", e.Code);
    }

    [Fact]
    public async Task Recompute_WhileOneRuns_IsRefused()
    {
        var gate = new ManualResetEventSlim();
        var started = new TaskCompletionSource();
        var first = Task.Run(() => Engine.RecomputeAsync(null, new BlockingProgress(started, gate)));
        await started.Task;
        try
        {
            var e = await Assert.ThrowsAsync<DomainException>(() => Engine.RecomputeAsync(null, null));
            Assert.Equal("Lifecycle.RecomputeRunning", e.Code);
            Assert.True(Engine.IsRecomputing);
        }
        finally
        {
            gate.Set();
        }
        await first;
        Assert.False(Engine.IsRecomputing);
    }

    [Fact]
    public async Task Events_ReachTheOwnerAndManagers_NotAnotherAccountManager()
    {
        var other = await fx.AddUserAsync(Roles.AccountManager);
        var e = new CustomerStageChanged(1, "x", _owner.Id, LifecycleStage.New, LifecycleStage.Growing, "[]", fx.Clock.UtcNow);
        Assert.NotNull(EventAccess.For(_owner.Scope(), e));
        Assert.Null(EventAccess.For(other.Scope(), e));
        Assert.NotNull(EventAccess.For(AccessScope.ForUser("m", "m@x", [Roles.SalesManager], [_owner.Id]), e));
        Assert.Null(EventAccess.For(AccessScope.ForUser("m", "m@x", [Roles.SalesManager], [other.Id]), e));
        Assert.Null(EventAccess.For(other.Scope(), new ChurnWarningChanged(1, 1, "x", _owner.Id, ChurnWarningChange.Raised, fx.Clock.UtcNow)));
        Assert.Null(EventAccess.For(other.Scope(), new FollowUpTasksChanged(1, _owner.Id, fx.Clock.UtcNow)));
    }

    private sealed class BlockingProgress(TaskCompletionSource started, ManualResetEventSlim gate) : IProgress<RecomputeProgress>
    {
        public void Report(RecomputeProgress value)
        {
            started.TrySetResult();
            gate.Wait(TimeSpan.FromSeconds(30));
        }
    }
}

public sealed class LifecycleEvaluatorTests_Sqlite(SqliteFixture fx) : LifecycleEvaluatorTests(fx), IClassFixture<SqliteFixture>;

public sealed class LifecycleEvaluatorTests_Postgres(PostgresFixture fx) : LifecycleEvaluatorTests(fx), IClassFixture<PostgresFixture>;
