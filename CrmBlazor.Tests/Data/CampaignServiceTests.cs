using CrmBlazor.Data.Campaigns;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Segments;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Campaigns;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>
/// Saved segments and campaigns against a real database: a segment lists exactly what the customer
/// list shows for its filter, for each viewer; sharing; launch respects consent and the launcher's
/// record access; responses, detected conversions and the measures; events after commit.
/// </summary>
public abstract class CampaignServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _am1 = null!, _am2 = null!, _exec = null!;
    private readonly List<CrmEvent> _events = [];
    private IDisposable? _subscription;
    private string _region = "";

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Campaigns " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        _am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        _exec = await fx.AddUserAsync(Roles.Executive);
        _region = "r" + Guid.NewGuid().ToString("N")[..8];
        _subscription = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> As<T>(TestData.User u) where T : notnull =>
        fx.As<T>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    private async Task<int> CustomerAsync(string? ownerId, LifecycleStage stage, bool consent = true, string? level = null, string? tag = null)
    {
        await using var db = await fx.SystemDbAsync();
        var c = Customer.Create("T" + Guid.NewGuid().ToString("N")[..10], new CustomerDetails { Name = "活动客户 " + Guid.NewGuid().ToString("N")[..6], RegionCode = _region, LevelCode = level }, ownerId, fx.Clock.UtcNow);
        var contact = c.AddContact(new ContactDetails { Name = "联系人", Mobile = "13812348888", Email = "a@example.com" });
        if (consent) contact.RecordConsent(true, "form", "marketing", null, fx.Clock.UtcNow);
        c.MoveToStage(stage, "", fx.Clock.UtcNow.AddDays(-100));
        db.Customers.Add(c);
        await db.SaveChangesAsync();
        if (tag is not null)
        {
            db.CustomerTags.Add(new CustomerTag(c.Id, tag));
            await db.SaveChangesAsync();
        }
        return c.Id;
    }

    private async Task<int[]> ListIdsAsync(TestData.User u, CustomerQuery q) =>
        (await (await As<CustomerService>(u)).ListAsync(q with { Take = 500 })).Items.Select(r => r.Id).OrderBy(i => i).ToArray();

    private CampaignPlan StagePlan(LifecycleStage stage = LifecycleStage.Declining, decimal budget = 600m) => new()
    {
        Theme = "赢回计划 " + Guid.NewGuid().ToString("N")[..4], Goal = "找回衰退客户", TargetKind = CampaignTargetKind.Stage, TargetStage = stage,
        Channel = CampaignChannel.Phone, StartDate = fx.Clock.Today, EndDate = fx.Clock.Today.AddDays(30), Budget = budget, Script = "九折优惠", AttributionDays = 30,
    };

    private async Task<IReadOnlyList<CampaignChanged>> CampaignEventsAsync(int id)
    {
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) return _events.OfType<CampaignChanged>().Where(e => e.CampaignId == id).ToArray();
    }

    [Fact]
    public async Task Segment_EvaluationEqualsTheListFilter_ForEachViewer()
    {
        var a = await CustomerAsync(_am1.Id, LifecycleStage.Declining, consent: true, level: "vip", tag: "price-sensitive");
        var b = await CustomerAsync(_am1.Id, LifecycleStage.Declining, consent: false, level: "vip");
        var c = await CustomerAsync(_am2.Id, LifecycleStage.Declining, consent: true, level: "vip", tag: "price-sensitive");
        await CustomerAsync(_am2.Id, LifecycleStage.Growing, consent: true, level: "vip");
        var filters = new[]
        {
            new CustomerQuery { RegionCode = _region, Stage = LifecycleStage.Declining },
            new CustomerQuery { RegionCode = _region, Stage = LifecycleStage.Declining, WithConsent = true },
            new CustomerQuery { RegionCode = _region, WithConsent = false },
            new CustomerQuery { RegionCode = _region, TagCode = "price-sensitive", LevelCode = "vip" },
            new CustomerQuery { RegionCode = _region, OwnerId = _am2.Id },
        };
        var segments = await As<SegmentService>(_manager);
        foreach (var filter in filters)
        {
            var id = await segments.SaveAsync("分群 " + Guid.NewGuid().ToString("N")[..6], shared: true, filter);
            foreach (var viewer in new[] { _manager, _am1, _am2 })
            {
                var service = await As<SegmentService>(viewer);
                var resolved = await service.ResolveAsync(id);
                var expected = await ListIdsAsync(viewer, filter);
                Assert.Equal(expected, await ListIdsAsync(viewer, resolved));
                Assert.Equal(expected.Length, (await service.GetAsync(id)).Value!.Members);
            }
        }
        Assert.Equal([a, c], await ListIdsAsync(_manager, filters[1]));
        Assert.Equal([b], await ListIdsAsync(_manager, filters[2]));
        Assert.Equal([a], await ListIdsAsync(_am1, filters[3])); // an account manager counts only own customers
    }

    [Fact]
    public async Task Segment_PrivateIsTheOwnersOnly_SharedIsListedForTheTeam_OnlyTheOwnerRenamesOrDeletes()
    {
        var mine = await (await As<SegmentService>(_am1)).SaveAsync("我的私有分群", shared: false, new CustomerQuery { RegionCode = _region });
        var shared = await (await As<SegmentService>(_am1)).SaveAsync("共享分群", shared: true, new CustomerQuery { RegionCode = _region });
        var other = await As<SegmentService>(_am2);
        var listed = (await other.ListAsync()).Select(s => s.Id).ToArray();
        Assert.Contains(shared, listed);
        Assert.DoesNotContain(mine, listed);
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.Denied, (await other.GetAsync(mine)).Status);
        await Assert.ThrowsAsync<AccessDeniedException>(() => other.ResolveAsync(mine));
        var rename = await Assert.ThrowsAsync<DomainException>(() => other.RenameAsync(shared, 0, "改名", true));
        Assert.Equal("Segment.NotOwner", rename.Code);
        await Assert.ThrowsAsync<DomainException>(() => other.DeleteAsync(shared));
        var owner = await As<SegmentService>(_am1);
        Assert.Equal("Segment.DuplicateName", (await Assert.ThrowsAsync<DomainException>(() => owner.SaveAsync("共享分群", false, new CustomerQuery()))).Code);
        await owner.RenameAsync(shared, 0, "共享分群 新名", false);
        Assert.DoesNotContain(shared, (await other.ListAsync()).Select(s => s.Id));
        await owner.DeleteAsync(mine);
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.NotFound, (await owner.GetAsync(mine)).Status);
    }

    [Fact]
    public async Task SegmentExport_MasksForTheViewer_AndKeepsOnlyConsentingContactsWhenAsked()
    {
        await CustomerAsync(_am1.Id, LifecycleStage.Declining, consent: true);
        await CustomerAsync(_am1.Id, LifecycleStage.Declining, consent: false);
        var id = await (await As<SegmentService>(_am1)).SaveAsync("导出", shared: true, new CustomerQuery { RegionCode = _region });
        var all = await (await As<SegmentService>(_am1)).StreamContactsAsync(id, consentOnly: false).ToListAsync();
        var consenting = await (await As<SegmentService>(_am1)).StreamContactsAsync(id, consentOnly: true).ToListAsync();
        Assert.Equal(2, all.Count);
        Assert.Single(consenting);
        Assert.All(all, r => Assert.Equal("13812348888", r.Mobile)); // the owner sees them in clear
        var admin = await fx.AddUserAsync(Roles.Admin);
        Assert.Equal(2, (await (await As<SegmentService>(admin)).StreamContactsAsync(id, false).ToListAsync()).Count);
        // an executive reads customers but exports no row-level list
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<SegmentService>(_exec)).StreamContactsAsync(id, false).ToListAsync());
    }

    [Fact]
    public async Task Launch_GivesTasksOnlyForConsentingOwnedCustomers_CountsTheSkipped_AndPublishesAfterCommit()
    {
        var region = new CustomerQuery { RegionCode = _region, Stage = LifecycleStage.Declining };
        var withConsent = await CustomerAsync(_am1.Id, LifecycleStage.Declining, consent: true);
        var without = await CustomerAsync(_am2.Id, LifecycleStage.Declining, consent: false);
        var unowned = await CustomerAsync(null, LifecycleStage.Declining, consent: true);
        var segment = await (await As<SegmentService>(_manager)).SaveAsync("衰退 " + _region, true, region);
        var campaigns = await As<CampaignService>(_manager);
        var id = await campaigns.PlanAsync(StagePlan() with { TargetKind = CampaignTargetKind.Segment, SegmentId = segment, TargetStage = null });
        var result = await campaigns.LaunchAsync(id, 0);

        Assert.Equal(new CampaignLaunchResult(1, 1, 1), result);
        await using var db = await fx.SystemDbAsync();
        var targets = await db.CampaignTargets.AsNoTracking().Where(t => t.CampaignId == id).ToListAsync();
        Assert.Equal(new[] { withConsent, without, unowned }.OrderBy(i => i), targets.Select(t => t.CustomerId).OrderBy(i => i)); // the segment's members, as the list shows them
        var task = await db.FollowUpTasks.AsNoTracking().SingleAsync(t => t.SourceId == id && t.Kind == FollowUpKind.Campaign);
        Assert.Equal((withConsent, _am1.Id, FollowUpStatus.Open), (task.CustomerId, task.AssignedToId, task.Status));
        Assert.Equal(task.Id, targets.Single(t => t.CustomerId == withConsent).TaskId);
        Assert.Equal(CampaignSkipReason.NoConsent, targets.Single(t => t.CustomerId == without).SkipReason);

        var detail = (await campaigns.GetAsync(id)).Value!;
        Assert.Equal((1, 1, 1), (detail.Measures.Targets, detail.Measures.SkippedNoConsent, detail.Measures.SkippedNoOwner));
        Assert.Equal([CampaignChange.Planned, CampaignChange.Launched], (await CampaignEventsAsync(id)).Select(e => e.Change));
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) Assert.Contains(_events.OfType<FollowUpTasksChanged>(), e => e.AssignedToId == _am1.Id && e.CustomerId == withConsent);

        // a second launch is refused and publishes nothing
        var again = await Assert.ThrowsAsync<DomainException>(() => campaigns.LaunchAsync(id, 1));
        Assert.Equal("Campaign.AlreadyLaunched", again.Code);
        Assert.Equal(2, (await CampaignEventsAsync(id)).Count);
    }

    [Fact]
    public async Task AccountManager_LaunchesOnlyForOwnCustomers_AndReadsTeamCampaignsReadOnly()
    {
        var own = await CustomerAsync(_am1.Id, LifecycleStage.Churned);
        await CustomerAsync(_am2.Id, LifecycleStage.Churned);
        var segment = await (await As<SegmentService>(_manager)).SaveAsync("流失 " + _region, true, new CustomerQuery { RegionCode = _region, Stage = LifecycleStage.Churned });
        var am = await As<CampaignService>(_am1);
        var plan = StagePlan(LifecycleStage.Churned) with { TargetKind = CampaignTargetKind.Segment, SegmentId = segment, TargetStage = null };
        await Assert.ThrowsAsync<AccessDeniedException>(() => am.PlanAsync(plan, _am2.Id)); // not for someone else
        var mine = await am.PlanAsync(plan);
        Assert.Equal(new CampaignLaunchResult(1, 0, 0), await am.LaunchAsync(mine, 0));
        await using (var db = await fx.SystemDbAsync())
            Assert.Equal([own], await db.CampaignTargets.Where(t => t.CampaignId == mine).Select(t => t.CustomerId).ToArrayAsync());

        var team = await (await As<CampaignService>(_manager)).PlanAsync(plan);
        var read = (await am.GetAsync(team)).Value!;
        Assert.False(read.CanEdit || read.CanLaunch);
        Assert.Contains(team, (await am.ListAsync(new() { Take = 500 })).Items.Select(c => c.Id));
        Assert.Equal("Campaign.ReadOnly", (await Assert.ThrowsAsync<AccessDeniedException>(() => am.LaunchAsync(team, 0))).Code);
        await Assert.ThrowsAsync<AccessDeniedException>(() => am.UpdateAsync(team, 0, plan));
        // executives read, never run
        Assert.Equal(LookupStatusFound, (await (await As<CampaignService>(_exec)).GetAsync(team)).Status);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CampaignService>(_exec)).PlanAsync(plan));
    }

    private const CrmBlazor.Data.Common.LookupStatus LookupStatusFound = CrmBlazor.Data.Common.LookupStatus.Found;

    [Fact]
    public async Task Response_ByTheOwner_CompletesTheTask_UpdatesTheMeasures_AndIsRefusedToOthers()
    {
        var c1 = await CustomerAsync(_am1.Id, LifecycleStage.Declining);
        var c2 = await CustomerAsync(_am2.Id, LifecycleStage.Declining);
        var manager = await As<CampaignService>(_manager);
        var id = await manager.PlanAsync(StagePlan() with { TargetKind = CampaignTargetKind.Segment,
            SegmentId = await (await As<SegmentService>(_manager)).SaveAsync("s " + _region, true, new CustomerQuery { RegionCode = _region }), TargetStage = null });
        await manager.LaunchAsync(id, 0);
        var am1 = await As<CampaignService>(_am1);
        var targets = (await am1.ListTargetsAsync(id, new() { Take = 50 })).Items;
        var t1 = Assert.Single(targets); // only own customers in the list
        Assert.Equal(c1, t1.CustomerId);
        var task = (await am1.GetTaskAsync(t1.TaskId!.Value)).Value!;
        Assert.Equal("九折优惠", task.Script);

        var other = (await manager.ListTargetsAsync(id, new() { Take = 50 })).Items.Single(t => t.CustomerId == c2);
        await Assert.ThrowsAsync<AccessDeniedException>(() => am1.RecordResponseAsync(other.Id, other.Version, CampaignResponse.Interested, null));

        await am1.RecordResponseAsync(t1.Id, t1.Version, CampaignResponse.NoAnswer, null);
        await using (var db = await fx.SystemDbAsync())
            Assert.Equal(FollowUpStatus.Open, (await db.FollowUpTasks.AsNoTracking().SingleAsync(t => t.Id == t1.TaskId)).Status);
        await am1.RecordResponseAsync(t1.Id, t1.Version + 1, CampaignResponse.Interested, "想了解新报价");
        await using (var db = await fx.SystemDbAsync())
            Assert.Equal(FollowUpStatus.Done, (await db.FollowUpTasks.AsNoTracking().SingleAsync(t => t.Id == t1.TaskId)).Status);
        var stale = await Assert.ThrowsAsync<DomainException>(() => am1.RecordResponseAsync(t1.Id, t1.Version, CampaignResponse.Declined, null));
        Assert.Equal("Record.Changed", stale.Code);

        var m = (await manager.GetAsync(id)).Value!.Measures;
        Assert.Equal((2, 1, 1, 0.5), (m.Targets, m.Contacted, m.Responded, m.ResponseRate!.Value));
        Assert.Equal(2, (await CampaignEventsAsync(id)).Count(e => e.Change == CampaignChange.ResponseRecorded));
    }

    [Fact]
    public async Task Conversion_AnOrderInsideTheWindowIsDetected_OneAfterItIsNot()
    {
        var inside = await CustomerAsync(_am1.Id, LifecycleStage.Declining);
        var after = await CustomerAsync(_am1.Id, LifecycleStage.Declining);
        var moved = await CustomerAsync(_am1.Id, LifecycleStage.Declining);
        var manager = await As<CampaignService>(_manager);
        var id = await manager.PlanAsync(StagePlan(budget: 900m) with { TargetKind = CampaignTargetKind.Segment, AttributionDays = 10,
            SegmentId = await (await As<SegmentService>(_manager)).SaveAsync("w " + _region, true, new CustomerQuery { RegionCode = _region }), TargetStage = null });
        await manager.LaunchAsync(id, 0);
        var launchDay = fx.Clock.Today;
        var start = fx.Clock.Now;
        fx.Clock.Advance(TimeSpan.FromDays(12)); // the orders come later (no order is dated in the future)
        try
        {
            await using (var db = await fx.SystemDbAsync())
            {
                db.Orders.Add(Order.Create("O" + Guid.NewGuid().ToString("N")[..10], inside, launchDay.AddDays(10), 300m, fx.Clock.UtcNow));
                db.Orders.Add(Order.Create("O" + Guid.NewGuid().ToString("N")[..10], after, launchDay.AddDays(11), 700m, fx.Clock.UtcNow));
                db.StageHistory.Add(new StageHistoryEntry(moved, LifecycleStage.Declining, LifecycleStage.Growing, start.UtcDateTime.AddDays(3), ""));
                await db.SaveChangesAsync();
            }
            await AssertMeasuresAsync(manager, id, inside, after, moved);
        }
        finally
        {
            fx.Clock.Now = start;
        }
    }

    private static async Task AssertMeasuresAsync(CampaignService manager, int id, int inside, int after, int moved)
    {
        var m = (await manager.GetAsync(id)).Value!.Measures;
        Assert.Equal(2, m.Conversions);
        Assert.Equal(300m, m.Revenue);
        Assert.Equal(450m, m.CostPerConversion);
        var rows = (await manager.ListTargetsAsync(id, new() { Take = 50 })).Items.ToDictionary(r => r.CustomerId);
        Assert.True(rows[inside].Converted);
        Assert.False(rows[after].Converted);
        Assert.True(rows[moved].Converted);
    }
}

public sealed class CampaignServiceTests_Sqlite(SqliteFixture fx) : CampaignServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class CampaignServiceTests_Postgres(PostgresFixture fx) : CampaignServiceTests(fx), IClassFixture<PostgresFixture>;
