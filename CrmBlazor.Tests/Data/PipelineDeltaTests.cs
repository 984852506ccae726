using CrmBlazor.Data.Dashboard;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>
/// A dashboard moves its pipeline chart by each pushed change (<see cref="PipelineDelta"/>) instead of
/// re-reading it: after every kind of change, for every kind of viewer, the moved pipeline must equal
/// what the database says.
/// </summary>
public abstract class PipelineDeltaTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _am1 = null!, _am2 = null!, _otherManager = null!, _outsider = null!, _executive = null!, _admin = null!;
    private readonly List<Viewer> _viewers = [];

    private sealed class Viewer(string name, AccessScope scope, DashboardService dashboard) : IDisposable
    {
        public string Name { get; } = name;
        public AccessScope Scope { get; } = scope;
        public DashboardService Dashboard { get; } = dashboard;
        public IReadOnlyList<PipelineBar> Bars { get; set; } = [];
        public List<OpportunityChanged> Received { get; } = [];
        public IDisposable? Subscription { get; set; }
        public void Dispose() => Subscription?.Dispose();
    }

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Delta " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        _am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        _otherManager = await fx.AddUserAsync(Roles.SalesManager);
        var otherTeam = await fx.AddTeamAsync("Delta other " + Guid.NewGuid().ToString("N")[..6], _otherManager.Id);
        _outsider = await fx.AddUserAsync(Roles.AccountManager, otherTeam);
        _executive = await fx.AddUserAsync(Roles.Executive);
        _admin = await fx.AddUserAsync(Roles.Admin);
        var hub = fx.Services.GetRequiredService<CrmEventHub>();
        foreach (var (name, user) in new[] { ("manager", _manager), ("am1", _am1), ("am2", _am2), ("other manager", _otherManager), ("outsider", _outsider), ("executive", _executive) })
        {
            var scope = await ScopeOf(user);
            var viewer = new Viewer(name, scope, fx.As<DashboardService>(scope));
            viewer.Bars = await viewer.Dashboard.PipelineAsync();
            viewer.Subscription = hub.Subscribe(scope, e =>
            {
                if (e is OpportunityChanged o) lock (viewer.Received) viewer.Received.Add(o);
                return Task.CompletedTask;
            });
            _viewers.Add(viewer);
        }
    }

    public ValueTask DisposeAsync()
    {
        _viewers.ForEach(v => v.Dispose());
        return ValueTask.CompletedTask;
    }

    private async Task<AccessScope> ScopeOf(TestData.User u) =>
        await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]);

    private async Task<OpportunityService> As(TestData.User u) => fx.As<OpportunityService>(await ScopeOf(u));

    private async Task<int> VersionAsync(int id) => (await (await As(_manager)).GetAsync(id)).Value!.Row.Version;

    private static OpportunityDetails Details(decimal amount, int probability) => new()
    {
        SourceCode = "website", CustomerName = "宁波增量测试有限公司", Probability = probability, Summary = "网关扩容", ContactName = "陈静",
        ContactPhone = "13812348888", ExpectedAmount = amount, RegionCode = "east", IndustryCode = "it",
    };

    /// <summary>Moves every viewer's pipeline by what it was pushed, then compares it with a fresh read.</summary>
    private async Task AssertPatchedEqualsReadAsync(string after)
    {
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        foreach (var v in _viewers)
        {
            OpportunityChanged[] received;
            lock (v.Received)
            {
                received = [.. v.Received];
                v.Received.Clear();
            }
            foreach (var e in received) v.Bars = PipelineDelta.Apply(v.Bars, v.Scope, e);
            var read = await v.Dashboard.PipelineAsync();
            Assert.True(read.SequenceEqual(v.Bars), $"after {after}, {v.Name}'s pipeline moved by events [{string.Join(", ", v.Bars)}] differs from the database [{string.Join(", ", read)}]");
        }
    }

    [Fact]
    public async Task Apply_EveryKindOfChange_EqualsARead_ForEveryViewer()
    {
        var manager = await As(_manager);
        var unassigned = await manager.CreateAsync(Details(7_000m, 50));
        await (await As(_admin)).AssignAsync(unassigned, await VersionAsync(unassigned), _outsider.Id);
        await AssertPatchedEqualsReadAsync("an unassigned one assigned to another team: it leaves this manager's view");
        var am1 = await As(_am1);
        var am2 = await As(_am2);

        var id = await am1.CreateAsync(Details(80_000.55m, 33));
        await AssertPatchedEqualsReadAsync("create");
        await am1.EditAsync(id, await VersionAsync(id), Details(120_000.10m, 45));
        await AssertPatchedEqualsReadAsync("edit of amount and probability");
        await manager.AssignAsync(id, await VersionAsync(id), _am1.Id);
        await AssertPatchedEqualsReadAsync("assign");
        await manager.AssignAsync(id, await VersionAsync(id), _am2.Id);
        await AssertPatchedEqualsReadAsync("re-assign within the team");
        await (await As(_admin)).AssignAsync(id, await VersionAsync(id), _outsider.Id);
        await AssertPatchedEqualsReadAsync("re-assign to another team (by an admin)");
        await (await As(_admin)).AssignAsync(id, await VersionAsync(id), _am2.Id);
        await am2.AddPlanStepAsync(id, await VersionAsync(id), fx.Clock.Today, "上门拜访");
        await am2.StartDevelopmentAsync(id, await VersionAsync(id));
        await AssertPatchedEqualsReadAsync("development started");
        await am2.MarkWonAsync(id, await VersionAsync(id));
        await AssertPatchedEqualsReadAsync("won");

        var lost = await manager.CreateAsync(Details(9_999.99m, 70));
        await manager.AssignAsync(lost, await VersionAsync(lost), _am1.Id);
        await am1.AddPlanStepAsync(lost, await VersionAsync(lost), fx.Clock.Today, "电话");
        await am1.StartDevelopmentAsync(lost, await VersionAsync(lost));
        await am1.MarkLostAsync(lost, await VersionAsync(lost), "预算取消");
        await AssertPatchedEqualsReadAsync("lost");

        var unassign = await manager.CreateAsync(Details(5_000m, 10));
        await manager.AssignAsync(unassign, await VersionAsync(unassign), _am1.Id);
        await manager.UnassignAsync(unassign, await VersionAsync(unassign));
        await AssertPatchedEqualsReadAsync("unassign");

        var deleted = await am2.CreateAsync(Details(1_234.56m, 20));
        await am2.DeleteAsync(deleted, await VersionAsync(deleted));
        await AssertPatchedEqualsReadAsync("delete");

        await using (var db = await fx.SystemDbAsync()) await db.LeadDistributionRules.ExecuteDeleteAsync(); // no rule: the lead waits in the pool
        var leads = fx.As<LeadService>(await ScopeOf(_manager));
        var pooled = (await leads.SubmitAsync(new LeadInput { CustomerName = "公海增量测试", ContactName = "赵敏", ContactPhone = "13900002222", Summary = "官网咨询", RegionCode = "south", SourceCode = "website" })).OpportunityId;
        await AssertPatchedEqualsReadAsync("lead to the pool");
        await am1.ClaimAsync(pooled, await VersionAsync(pooled));
        await AssertPatchedEqualsReadAsync("claim from the pool");
        await leads.SetPoolReturnDaysAsync(3);
        Assert.True(await fx.Clock.AheadAsync(TimeSpan.FromDays(4), () => leads.ReturnStaleLeadsAsync()) >= 1);
        await AssertPatchedEqualsReadAsync("return of an unworked lead to the pool");
        Assert.Contains(_viewers, v => v.Bars.Count > 0); // the comparison was about something
    }

    [Fact]
    public void Apply_AChangeOutsideTheViewersPipeline_ReturnsTheSameList()
    {
        var scope = _am1.Scope();
        IReadOnlyList<PipelineBar> bars = [new PipelineBar(OpportunityStatus.Assigned, 1, 100m, 50m)];
        var row = new OpportunityRow(1, "某客户", "摘要", "website", 50, 100m, OpportunityStatus.Assigned, _am2.Id, fx.Clock.UtcNow, _am2.Id, _manager.Id, fx.Clock.UtcNow,
            false, "east", "it", 2);
        var e = new OpportunityChanged(1, OpportunityChange.Edited, row, null, _manager.Id, fx.Clock.UtcNow) { Previous = row };
        Assert.Same(bars, PipelineDelta.Apply(bars, scope, e));
        var mine = row with { AssignedToId = _am1.Id };
        var moved = PipelineDelta.Apply(bars, scope, new OpportunityChanged(1, OpportunityChange.Reassigned, mine, _am2.Id, _manager.Id, fx.Clock.UtcNow) { Previous = row });
        Assert.Equal(new PipelineBar(OpportunityStatus.Assigned, 2, 200m, 100m), Assert.Single(moved));
    }
}

public sealed class PipelineDeltaTests_Sqlite(SqliteFixture fx) : PipelineDeltaTests(fx), IClassFixture<SqliteFixture>;

public sealed class PipelineDeltaTests_Postgres(PostgresFixture fx) : PipelineDeltaTests(fx), IClassFixture<PostgresFixture>;
