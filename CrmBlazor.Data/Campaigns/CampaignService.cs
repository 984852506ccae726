using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Segments;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Campaigns;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Campaigns;

/// <summary>
/// Campaigns (市场宣传 / 活动方案). Everyone with <see cref="Capability.ViewCampaigns"/> reads every
/// campaign and its measures (aggregates); the target list shows only customers the reader may see.
/// Planning, editing and launching need <see cref="Capability.RunCampaigns"/>: admins for anyone,
/// a sales manager for campaigns owned in the team, an account manager only their own — and a launch
/// resolves the target in the launcher's record access, so an account manager reaches only own
/// customers. Launching creates one <see cref="FollowUpKind.Campaign"/> task per target customer for
/// its owner, only where a contact consented; conversions are measured on read (<see cref="CampaignMeasures"/>).
/// </summary>
public sealed class CampaignService(CrmDbFactory dbFactory, CrmEventHub events, TimeProvider clock)
{
    public async Task<PagedResult<CampaignRow>> ListAsync(PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCampaigns);
        var total = await db.Campaigns.CountAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id)
            .Skip(page.SafeSkip).Take(page.SafeTake).ToListAsync(ct);
        var segmentNames = await SegmentNamesAsync(db, campaigns, ct);
        var measures = await MeasuresAsync(db, campaigns, ct);
        var rows = campaigns.Select(c => new CampaignRow(c.Id, c.Theme, c.OwnerId, c.TargetKind, c.SegmentId is { } s ? segmentNames.GetValueOrDefault(s) : null,
            c.TargetStage, c.Channel, c.StartDate, c.EndDate, c.Budget, c.StatusOn(Today), measures[c.Id])).ToArray();
        return new PagedResult<CampaignRow>(rows, total);
    }

    public async Task<Lookup<CampaignDetail>> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCampaigns);
        var c = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Lookup<CampaignDetail>.NotFound;
        var segmentName = c.SegmentId is { } sid ? (await SegmentNamesAsync(db, [c], ct)).GetValueOrDefault(sid) : null;
        var canManage = CanManage(db.Scope, c.OwnerId);
        return Lookup<CampaignDetail>.Found(new CampaignDetail(c.Id, c.Theme, c.Goal, c.TargetKind, c.SegmentId, segmentName, c.TargetStage, c.Channel,
            c.StartDate, c.EndDate, c.Budget, c.Script, c.AttributionDays, c.OwnerId, c.StatusOn(Today), c.LaunchedAt, (await MeasuresAsync(db, [c], ct))[c.Id], c.Version,
            CanEdit: canManage && c.LaunchedAt is null, CanLaunch: canManage && c.LaunchedAt is null));
    }

    /// <summary>One page of a campaign's targets among the customers the caller may see, with what each answered and whether it converted.</summary>
    public async Task<PagedResult<CampaignTargetRow>> ListTargetsAsync(int campaignId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCampaigns);
        var c = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == campaignId, ct);
        if (c?.LaunchedAt is not { } launchedAt) return PagedResult<CampaignTargetRow>.Empty;
        var visible = from t in db.CampaignTargets.AsNoTracking().Where(t => t.CampaignId == campaignId)
                      join cu in db.Customers.AsNoTracking() on t.CustomerId equals cu.Id
                      select new { Target = t, cu.Name, cu.Stage };
        var total = await visible.CountAsync(ct);
        var items = await visible.OrderBy(x => x.Target.SkipReason != null).ThenBy(x => x.Name).ThenBy(x => x.Target.Id)
            .Skip(page.SafeSkip).Take(page.SafeTake).ToListAsync(ct);
        var ids = items.Select(x => x.Target.CustomerId).ToArray();
        var launchDay = DateOnly.FromDateTime(launchedAt);
        var (orders, moves) = await HistoryAsync(db, launchDay, q => q.Where(id => ids.Contains(id)), ct);
        var scope = db.Scope;
        var rows = items.Select(x =>
        {
            var t = x.Target;
            var outcome = Outcome(t.Response, t.ContactedOn, t.SkipReason is not null, t.CustomerId, orders, moves);
            return new CampaignTargetRow(t.Id, t.CustomerId, x.Name, t.OwnerId, x.Stage, t.SkipReason, t.Response, t.ContactedOn, t.Note,
                CampaignAttribution.Converted(outcome, launchDay, c.AttributionDays), CampaignAttribution.Revenue(outcome, launchDay, c.AttributionDays),
                t.TaskId, t.Version, CanRespond: t.SkipReason is null && CanRespond(scope, t.OwnerId));
        }).ToArray();
        return new PagedResult<CampaignTargetRow>(rows, total);
    }

    /// <summary>The stage playbooks offered as presets when planning (welcome back for churned, advanced training for growing…).</summary>
    public async Task<IReadOnlyList<CampaignPreset>> PresetsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.RunCampaigns);
        return await db.Playbooks.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new CampaignPreset(p.Stage, p.GoalZh, p.GoalEn, p.ActionsZh, p.ActionsEn)).ToListAsync(ct);
    }

    /// <summary>Plans a campaign. <paramref name="ownerId"/> defaults to the caller; an account manager can only own it, a manager can give it to the team.</summary>
    public async Task<int> PlanAsync(CampaignPlan plan, string? ownerId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.RunCampaigns);
        var me = db.Scope.RequireUserId();
        var owner = ownerId ?? me;
        if (!CanManage(db.Scope, owner))
            throw new AccessDeniedException("Campaign.OwnerDenied", "You may plan campaigns only for yourself or your team.");
        await EnsureSegmentUsableAsync(db, plan, ct);
        var campaign = Campaign.Create(plan, owner, me, Now);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new CampaignChanged(campaign.Id, CampaignChange.Planned, me, Now));
        return campaign.Id;
    }

    /// <summary>Changes a planned campaign: whoever may manage it (see the class), before launch only.</summary>
    public async Task UpdateAsync(int id, int expectedVersion, CampaignPlan plan, string? ownerId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.RunCampaigns);
        var me = db.Scope.RequireUserId();
        var campaign = await FindManagedAsync(db, id, expectedVersion, ct);
        var owner = ownerId ?? campaign.OwnerId;
        if (!CanManage(db.Scope, owner))
            throw new AccessDeniedException("Campaign.OwnerDenied", "You may plan campaigns only for yourself or your team.");
        await EnsureSegmentUsableAsync(db, plan, ct);
        campaign.Update(plan, owner);
        await SaveAsync(db, ct);
        await events.PublishAsync(new CampaignChanged(id, CampaignChange.Edited, me, Now));
    }

    /// <summary>
    /// Launches: resolves the target in the caller's record access and gives each customer's owner
    /// one campaign task carrying the theme (the script/offer is on the campaign the task links to) —
    /// only for customers with a consenting contact; the others are recorded as skipped.
    /// </summary>
    public async Task<CampaignLaunchResult> LaunchAsync(int id, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.RunCampaigns);
        var me = db.Scope.RequireUserId();
        var campaign = await FindManagedAsync(db, id, expectedVersion, ct);
        var audience = campaign.TargetKind == CampaignTargetKind.Stage
            ? db.Customers.AsNoTracking().Where(c => c.Stage == campaign.TargetStage)
            : SegmentService.Members(db, await SegmentQueryAsync(db, campaign.SegmentId!.Value, ct));
        var contacts = db.Contacts;
        var customers = await audience.OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.OwnerId, c.Stage, Consent = contacts.Any(x => x.CustomerId == c.Id && x.ConsentGiven && x.ErasedAt == null) })
            .ToListAsync(ct);
        campaign.Launch(me, Now);
        var due = campaign.TaskDueDate(Today);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var reached = new List<(CampaignTarget Target, FollowUpTask Task)>();
        foreach (var c in customers)
        {
            if (c.OwnerId is null) db.CampaignTargets.Add(CampaignTarget.Skipped(id, c.Id, null, CampaignSkipReason.NoOwner));
            else if (!c.Consent) db.CampaignTargets.Add(CampaignTarget.Skipped(id, c.Id, c.OwnerId, CampaignSkipReason.NoConsent));
            else
            {
                var task = FollowUpTask.Create(c.Id, c.OwnerId, FollowUpKind.Campaign, c.Stage, campaign.Theme, due, Now, sourceId: id);
                db.FollowUpTasks.Add(task);
                var target = CampaignTarget.Reached(id, c.Id, c.OwnerId);
                db.CampaignTargets.Add(target);
                reached.Add((target, task));
            }
        }
        await SaveAsync(db, ct);
        foreach (var (target, task) in reached) target.AttachTask(task.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await events.PublishAsync(new CampaignChanged(id, CampaignChange.Launched, me, Now));
        foreach (var owner in reached.GroupBy(r => r.Task.AssignedToId))
            await events.PublishAsync(new FollowUpTasksChanged(owner.First().Task.CustomerId, owner.Key, Now));
        return new CampaignLaunchResult(reached.Count, customers.Count(c => c.OwnerId is not null && !c.Consent), customers.Count(c => c.OwnerId is null));
    }

    /// <summary>A campaign task as its assignee (or whoever sees the task) opens it: the script/offer and the response so far.</summary>
    public async Task<Lookup<CampaignTaskDetail>> GetTaskAsync(int taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCampaigns);
        var task = await db.FollowUpTasks.AsNoTracking().Where(t => t.Id == taskId && t.Kind == FollowUpKind.Campaign)
            .Select(t => new { t.Id, t.CustomerId, t.SourceId }).FirstOrDefaultAsync(ct);
        if (task is null)
            return await db.FollowUpTasks.IgnoreQueryFilters().AnyAsync(t => t.Id == taskId && t.Kind == FollowUpKind.Campaign, ct)
                ? Lookup<CampaignTaskDetail>.Denied : Lookup<CampaignTaskDetail>.NotFound;
        var target = await db.CampaignTargets.AsNoTracking().FirstOrDefaultAsync(t => t.TaskId == taskId, ct);
        var campaign = target is null ? null : await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == target.CampaignId, ct);
        if (target is null || campaign is null) return Lookup<CampaignTaskDetail>.NotFound;
        var name = await db.Customers.IgnoreQueryFilters().Where(c => c.Id == task.CustomerId).Select(c => c.Name).FirstAsync(ct);
        return Lookup<CampaignTaskDetail>.Found(new CampaignTaskDetail(campaign.Id, campaign.Theme, campaign.Script, campaign.Channel, target.Id, target.Version,
            task.CustomerId, name, target.Response, target.Note));
    }

    /// <summary>
    /// Records a target's response: the customer's owner (the task's assignee), their sales manager,
    /// or an admin. Any answer but "no answer" closes the task (completed by its assignee, otherwise
    /// cancelled as handled by someone else); "no answer" keeps it open for another try.
    /// </summary>
    public async Task RecordResponseAsync(int targetId, int expectedVersion, CampaignResponse response, string? note, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCampaigns);
        var me = db.Scope.RequireUserId();
        var target = await db.CampaignTargets.FirstOrDefaultAsync(t => t.Id == targetId, ct)
            ?? throw new DomainException("Record.NotFound", "The campaign target no longer exists.");
        if (!CanRespond(db.Scope, target.OwnerId))
            throw new AccessDeniedException("Campaign.ResponseDenied", "Only the customer's owner or their manager records this response.");
        if (target.Version != expectedVersion) throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        var campaign = await db.Campaigns.FirstAsync(c => c.Id == target.CampaignId, ct);
        target.Record(response, note, Today, Now);
        FollowUpTask? task = target.TaskId is { } taskId ? await db.FollowUpTasks.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Id == taskId, ct) : null;
        if (task is { Status: FollowUpStatus.Open } && response != CampaignResponse.NoAnswer)
        {
            if (task.AssignedToId == me) task.Complete(Today, ChannelCode(campaign.Channel), string.IsNullOrWhiteSpace(note) ? response.ToString() : note, null, null, me, Now);
            else task.Cancel();
        }
        await SaveAsync(db, ct);
        await events.PublishAsync(new CampaignChanged(campaign.Id, CampaignChange.ResponseRecorded, me, Now));
        if (task is not null) await events.PublishAsync(new FollowUpTasksChanged(task.CustomerId, task.AssignedToId, Now));
    }

    /// <summary>The follow-up channel (data dictionary) a campaign contact is recorded under.</summary>
    public static string ChannelCode(CampaignChannel channel) => channel switch
    {
        CampaignChannel.Email => "email",
        CampaignChannel.Sms => "sms",
        CampaignChannel.Event => "meeting",
        CampaignChannel.Visit => "visit",
        _ => "phone",
    };

    /// <summary>Whether the scope may plan, edit and launch a campaign owned by <paramref name="ownerId"/>.</summary>
    public static bool CanManage(AccessScope scope, string ownerId) => scope.Can(Capability.RunCampaigns) && scope.Profile switch
    {
        AccessProfile.System or AccessProfile.Admin => true,
        AccessProfile.SalesManager => scope.TeamUserIds.Contains(ownerId),
        AccessProfile.AccountManager => ownerId == scope.UserId,
        _ => false,
    };

    /// <summary>Whether the scope may record the response of a target owned by <paramref name="ownerId"/>.</summary>
    public static bool CanRespond(AccessScope scope, string? ownerId) => ownerId is not null && scope.Profile switch
    {
        AccessProfile.System or AccessProfile.Admin => true,
        AccessProfile.SalesManager => scope.TeamUserIds.Contains(ownerId),
        AccessProfile.AccountManager => ownerId == scope.UserId,
        _ => false,
    };

    /// <summary>
    /// The campaigns' measures over all their targets (aggregates: every reader sees the same figures).
    /// One read of the targets, orders and stage moves for the whole page of campaigns, each campaign
    /// then counting only what happened from its own launch day.
    /// </summary>
    internal static async Task<Dictionary<int, CampaignMeasures>> MeasuresAsync(CrmDbContext db, IReadOnlyList<Campaign> campaigns, CancellationToken ct)
    {
        var ids = campaigns.Select(c => c.Id).ToArray();
        var targets = (await db.CampaignTargets.AsNoTracking().Where(t => ids.Contains(t.CampaignId))
            .Select(t => new { t.CampaignId, t.CustomerId, t.Response, t.ContactedOn, t.SkipReason }).ToListAsync(ct)).ToLookup(t => t.CampaignId);
        var launched = campaigns.Where(c => c.LaunchedAt is not null).ToArray();
        var launchedIds = launched.Select(c => c.Id).ToArray();
        var (orders, moves) = launched.Length == 0
            ? (Array.Empty<AttributedOrder>().ToLookup(_ => 0), Array.Empty<(int CustomerId, AttributedStageMove Move)>().ToLookup(m => m.CustomerId))
            : await HistoryAsync(db, launched.Min(c => DateOnly.FromDateTime(c.LaunchedAt!.Value)), q => q.Where(id =>
                db.CampaignTargets.Where(t => launchedIds.Contains(t.CampaignId) && t.SkipReason == null).Select(t => t.CustomerId).Contains(id)), ct);
        var result = new Dictionary<int, CampaignMeasures>();
        foreach (var c in campaigns)
        {
            var mine = targets[c.Id].ToArray();
            var skipped = mine.Where(t => t.SkipReason is not null).GroupBy(t => t.SkipReason!.Value).ToDictionary(g => g.Key, g => g.Count());
            if (c.LaunchedAt is not { } launchedAt)
            {
                result[c.Id] = CampaignMeasures.Of([], null, c.AttributionDays, c.Budget, skipped);
                continue;
            }
            var launchDay = DateOnly.FromDateTime(launchedAt);
            result[c.Id] = CampaignMeasures.Of(mine.Select(t => new TargetOutcome(t.Response, t.ContactedOn, t.SkipReason is not null,
                    t.SkipReason is not null ? [] : orders[t.CustomerId].Where(o => o.Date >= launchDay).ToArray(),
                    t.SkipReason is not null ? [] : moves[t.CustomerId].Select(m => m.Move).Where(m => m.Date >= launchDay).ToArray())),
                launchDay, c.AttributionDays, c.Budget, skipped);
        }
        return result;
    }

    /// <summary>Orders and stage moves since the launch of the given customers, read past the record filters (measures are aggregates).</summary>
    private static async Task<(ILookup<int, AttributedOrder> Orders, ILookup<int, (int CustomerId, AttributedStageMove Move)> Moves)> HistoryAsync(
        CrmDbContext db, DateOnly launchDay, Func<IQueryable<int>, IQueryable<int>> customers, CancellationToken ct)
    {
        var ids = customers(db.Customers.IgnoreQueryFilters().Select(c => c.Id));
        var since = launchDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var orders = await db.Orders.IgnoreQueryFilters().AsNoTracking().Where(o => o.OrderDate >= launchDay && ids.Contains(o.CustomerId))
            .Select(o => new { o.CustomerId, o.OrderDate, o.Amount }).ToListAsync(ct);
        var moves = await db.StageHistory.IgnoreQueryFilters().AsNoTracking().Where(h => h.At >= since && ids.Contains(h.CustomerId))
            .Select(h => new { h.CustomerId, h.At, h.FromStage, h.ToStage }).ToListAsync(ct);
        return (orders.ToLookup(o => o.CustomerId, o => new AttributedOrder(o.OrderDate, o.Amount)),
            moves.ToLookup(m => m.CustomerId, m => (m.CustomerId, new AttributedStageMove(DateOnly.FromDateTime(m.At), m.FromStage, m.ToStage))));
    }

    private static TargetOutcome Outcome(CampaignResponse? response, DateOnly? contactedOn, bool skipped, int customerId,
        ILookup<int, AttributedOrder> orders, ILookup<int, (int CustomerId, AttributedStageMove Move)> moves) =>
        new(response, contactedOn, skipped, orders[customerId].ToArray(), moves[customerId].Select(m => m.Move).ToArray());

    private static async Task<Dictionary<int, string>> SegmentNamesAsync(CrmDbContext db, IReadOnlyList<Campaign> campaigns, CancellationToken ct)
    {
        var ids = campaigns.Where(c => c.SegmentId is not null).Select(c => c.SegmentId!.Value).Distinct().ToArray();
        return ids.Length == 0 ? [] : await db.Segments.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
    }

    private static async Task EnsureSegmentUsableAsync(CrmDbContext db, CampaignPlan plan, CancellationToken ct)
    {
        if (plan.TargetKind == CampaignTargetKind.Segment && plan.SegmentId is { } id) await SegmentQueryAsync(db, id, ct);
    }

    private static async Task<Customers.CustomerQuery> SegmentQueryAsync(CrmDbContext db, int segmentId, CancellationToken ct)
    {
        var s = await db.Segments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == segmentId, ct)
            ?? throw new DomainException("Record.NotFound", "The segment no longer exists.");
        if (!s.VisibleTo(db.Scope.UserId) && !db.Scope.IsSystem) throw new AccessDeniedException("Segment.Denied", "This segment is private to its owner.");
        return SegmentFilter.Deserialize(s.Filter).ToQuery();
    }

    private static async Task<Campaign> FindManagedAsync(CrmDbContext db, int id, int expectedVersion, CancellationToken ct)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException("Record.NotFound", "The campaign no longer exists.");
        if (!CanManage(db.Scope, campaign.OwnerId))
            throw new AccessDeniedException("Campaign.ReadOnly", "You may read this campaign but not change or launch it.");
        if (campaign.Version != expectedVersion) throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        return campaign;
    }

    private static async Task SaveAsync(CrmDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);
}
