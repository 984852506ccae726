using System.Diagnostics;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmBlazor.Data.Lifecycle;

/// <summary>
/// The lifecycle engine. <see cref="EvaluateAsync"/> re-evaluates some customers at once (after a
/// new order, event, ticket, unsubscribe, import); <see cref="RecomputeAsync"/> re-evaluates
/// everyone as of a date. Both fold orders and events the same way (<see cref="OrderAggregate"/>,
/// <see cref="EventAggregate"/>), classify with <see cref="StageRules"/>, decide with
/// <see cref="LifecycleDecision"/>, write set-based (<see cref="EvaluationWriter"/>) and publish
/// the changes. Runs with system rights: callers check their own rights before asking.
/// </summary>
public sealed class LifecycleEvaluator(IDbContextFactory<CrmDbContext> factory, CrmEventHub hub, Value.CustomerValueScorer values, TimeProvider clock,
    ILogger<LifecycleEvaluator> log)
{
    /// <summary>Customers per read-classify-write step of the batch: bounds memory and transaction size.</summary>
    private const int SliceSize = 20_000;
    /// <summary>Customers per step when evaluating a list (an IN list of ids).</summary>
    private const int ListSliceSize = 500;
    /// <summary>Above this many changes a batch announces one <see cref="LifecycleRecomputed"/> instead of one event each.</summary>
    private const int EventsOneByOne = 500;

    private readonly SemaphoreSlim _batch = new(1, 1);

    public bool IsRecomputing => _batch.CurrentCount == 0;

    public async Task<EvaluationSummary> EvaluateAsync(IReadOnlyCollection<int> customerIds, CancellationToken ct = default)
    {
        if (customerIds.Count == 0) return new EvaluationSummary(0, 0, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateSystemContextAsync(ct);
        var run = await RunSettings.LoadAsync(db, DateOnly.FromDateTime(now), now, now, ct);
        run.Distribution ??= await BuildDistributionAsync(db, run, ct);

        var result = new RunResult();
        foreach (var ids in customerIds.Distinct().Order().Chunk(ListSliceSize))
        {
            var slice = CustomerSlice.List(ids);
            var orders = new Dictionary<int, OrderAggregate>(ids.Length);
            await EvaluationReader.ReadOrdersAsync(db, run.Dialect, slice, run.Windows, orders, null, ct);
            await EvaluateSliceAsync(db, run, slice, orders, result, ct);
        }
        await PublishAsync(db, run, result, oneByOne: !result.Overflow, ct);
        return result.Summary;
    }

    /// <summary>
    /// Re-evaluates every customer as of <paramref name="asOf"/> (default today): one pass over all
    /// orders, then slices of customers read, classified and written set-based. Refuses to run
    /// twice at once (<c>Lifecycle.RecomputeRunning</c>). Then scores every customer's value
    /// (<see cref="Value.CustomerValueScorer"/>), which reads the stages just written.
    /// </summary>
    public async Task<EvaluationSummary> RecomputeAsync(DateOnly? asOf, IProgress<RecomputeProgress>? progress, CancellationToken ct = default)
    {
        if (!await _batch.WaitAsync(0, ct))
            throw new DomainException("Lifecycle.RecomputeRunning", "A re-evaluation of all customers is already running.");
        try
        {
            var watch = Stopwatch.StartNew();
            var now = clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            var day = asOf ?? today;
            if (day > today) throw new DomainException("Lifecycle.AsOfFuture", "The as-of date cannot be in the future.");
            // a past as-of date dates the changes at that day's start; today's run at the moment it runs
            var at = day == today ? now : day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

            await using var db = await factory.CreateSystemContextAsync(ct);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var run = await RunSettings.LoadAsync(db, day, at, now, ct);

            var totalOrders = await EvaluationReader.CountOrdersAsync(db, ct);
            progress?.Report(new RecomputeProgress("orders", 0, totalOrders, watch.Elapsed));
            var orders = new Dictionary<int, OrderAggregate>();
            await EvaluationReader.ReadOrdersAsync(db, run.Dialect, null, run.Windows, orders,
                rows => progress?.Report(new RecomputeProgress("orders", rows, totalOrders, watch.Elapsed)), ct);
            run.Distribution = await StoreDistributionAsync(db, run, orders, ct);

            var ids = await db.Customers.AsNoTracking().Select(c => c.Id).OrderBy(id => id).ToListAsync(ct);
            var result = new RunResult();
            progress?.Report(new RecomputeProgress("customers", 0, ids.Count, watch.Elapsed));
            for (var i = 0; i < ids.Count; i += SliceSize)
            {
                var last = ids[Math.Min(i + SliceSize, ids.Count) - 1];
                await EvaluateSliceAsync(db, run, CustomerSlice.Range(ids[i], last + 1), orders, result, ct);
                progress?.Report(new RecomputeProgress("customers", Math.Min(i + SliceSize, ids.Count), ids.Count, watch.Elapsed));
            }
            await PublishAsync(db, run, result, oneByOne: !result.Overflow, ct);
            log.LogInformation("Lifecycle recompute as of {AsOf}: {Customers} customers, {Orders} orders, {Changes} stage changes, {Warnings} churn warnings, {Tasks} follow-ups in {Seconds:F1} s",
                day, ids.Count, totalOrders, result.StageChanges, result.WarningsRaised, result.TasksCreated, watch.Elapsed.TotalSeconds);
            await values.ScoreAsync(day, progress, ct);
            return result.Summary;
        }
        finally
        {
            _batch.Release();
        }
    }

    private static async Task EvaluateSliceAsync(CrmDbContext db, RunSettings run, CustomerSlice slice, Dictionary<int, OrderAggregate> orders,
        RunResult result, CancellationToken ct)
    {
        var data = await EvaluationReader.ReadSliceAsync(db, slice, run.Windows, ct);
        var writes = new List<CustomerWrite>();
        foreach (var c in data.Customers)
        {
            orders.TryGetValue(c.Id, out var o);
            data.Events.TryGetValue(c.Id, out var e);
            var top = o.Count == 0 ? null : run.Distribution!.TopPercent(o.Arpu(run.Windows));
            var signals = SignalCalculator.From(o, e, c.Satisfaction, top, run.Windows);
            var classification = StageRules.Classify(signals, run.Thresholds);
            data.Tasks.TryGetValue(c.Id, out var open);
            var outcome = LifecycleDecision.Decide(c, classification, o, open?.FirstOrDefault(), data.ActiveChurnCustomers.Contains(c.Id),
                run.Cadence(classification.Stage), run.Windows, run.Thresholds);
            // more than one open cadence follow-up (imported or left over): keep the first, cancel the rest
            if (open is { Count: > 1 })
                foreach (var extra in open.Skip(1))
                    writes.Add(new CustomerWrite(c, outcome with { StageChanged = false, RowChanged = false, RaiseChurn = null, ResolveChurn = false, CancelTaskId = extra.Id, NewTask = null }, o));
            result.Evaluated++;
            if (outcome.Nothing) continue;
            writes.Add(new CustomerWrite(c, outcome, o));
        }
        await new EvaluationWriter(db, run.Dialect) { FirstPurchaseRevisitDays = run.FirstPurchaseRevisitDays }.WriteAsync(writes, run.At, run.Now, ct);
        result.Add(writes);
    }

    private static async Task<ArpuDistribution> BuildDistributionAsync(CrmDbContext db, RunSettings run, CancellationToken ct)
    {
        var orders = new Dictionary<int, OrderAggregate>();
        await EvaluationReader.ReadOrdersAsync(db, run.Dialect, null, run.Windows, orders, null, ct);
        return await StoreDistributionAsync(db, run, orders, ct);
    }

    /// <summary>Ranks everyone's ARPU and keeps the cut-offs for the single-customer path; writes only when they changed.</summary>
    private static async Task<ArpuDistribution> StoreDistributionAsync(CrmDbContext db, RunSettings run, Dictionary<int, OrderAggregate> orders, CancellationToken ct)
    {
        var arpu = new List<decimal>(orders.Count);
        foreach (var o in orders.Values)
            if (o.Count > 0) arpu.Add(o.Arpu(run.Windows));
        var distribution = ArpuDistribution.From(arpu);
        var stored = distribution.Serialize();
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == ArpuDistribution.SettingKey, ct);
        if (setting is null) db.Settings.Add(new Setting(ArpuDistribution.SettingKey, stored, run.Now));
        else if (setting.Value != stored) setting.Change(stored, null, run.Now);
        else return distribution;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return distribution;
    }

    private async Task PublishAsync(CrmDbContext db, RunSettings run, RunResult result, bool oneByOne, CancellationToken ct)
    {
        if (result.Events.Count == 0 && !result.Overflow) return;
        if (!oneByOne)
        {
            await hub.PublishAsync(new LifecycleRecomputed(result.StageChanges, result.WarningsRaised, result.TasksCreated, run.Now));
            return;
        }
        var raised = result.Events.Where(w => w.Outcome.RaiseChurn is not null || w.Outcome.ResolveChurn).Select(w => w.Before.Id).ToArray();
        var caseIds = raised.Length == 0 ? [] : (await db.ChurnCases.AsNoTracking().Where(c => raised.Contains(c.CustomerId))
                .GroupBy(c => c.CustomerId).Select(g => new { g.Key, Id = g.Max(c => c.Id) }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => x.Id);
        foreach (var w in result.Events)
        {
            var c = w.Before;
            if (w.Outcome.StageChanged)
                await hub.PublishAsync(new CustomerStageChanged(c.Id, c.Name, c.OwnerId, c.Stage, w.Outcome.Stage, w.Outcome.Reasons, run.Now));
            if (w.Outcome.RaiseChurn is not null && caseIds.TryGetValue(c.Id, out var raisedId))
                await hub.PublishAsync(new ChurnWarningChanged(raisedId, c.Id, c.Name, c.OwnerId, ChurnWarningChange.Raised, run.Now));
            if (w.Outcome.ResolveChurn && caseIds.TryGetValue(c.Id, out var resolvedId))
                await hub.PublishAsync(new ChurnWarningChanged(resolvedId, c.Id, c.Name, c.OwnerId, ChurnWarningChange.Resolved, run.Now));
            if (w.Outcome.NewTask is { } task)
                await hub.PublishAsync(new FollowUpTasksChanged(c.Id, task.AssignedToId, run.Now));
        }
    }

    /// <summary>The settings of one run: thresholds, cadences per stage, the ARPU ranking, the dates.</summary>
    private sealed class RunSettings
    {
        private Dictionary<LifecycleStage, CadenceKind> _cadence = [];

        public required SqlDialect Dialect { get; init; }
        public required StageThresholds Thresholds { get; init; }
        public required SignalWindows Windows { get; init; }
        public required DateTime At { get; init; }
        public required DateTime Now { get; init; }
        public ArpuDistribution? Distribution { get; set; }
        public int FirstPurchaseRevisitDays { get; init; }

        public CadenceKind Cadence(LifecycleStage stage) => _cadence.TryGetValue(stage, out var c) ? c : FollowUpCadence.Default(stage);

        public static async Task<RunSettings> LoadAsync(CrmDbContext db, DateOnly asOf, DateTime at, DateTime now, CancellationToken ct)
        {
            var settings = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
            var thresholds = StageThresholds.FromSettings(settings);
            return new RunSettings
            {
                Dialect = SqlDialect.For(db.Database.ProviderName),
                Thresholds = thresholds,
                Windows = new SignalWindows(asOf, thresholds),
                At = at,
                Now = now,
                Distribution = ArpuDistribution.Parse(settings.GetValueOrDefault(ArpuDistribution.SettingKey)),
                FirstPurchaseRevisitDays = Domain.Service.ServiceLevels.FromSettings(settings).RevisitAfterFirstPurchaseDays,
                _cadence = await db.Playbooks.AsNoTracking().ToDictionaryAsync(p => p.Stage, p => p.Cadence, ct),
            };
        }
    }

    private sealed class RunResult
    {
        public int Evaluated;
        public int StageChanges;
        public int WarningsRaised;
        public int TasksCreated;
        /// <summary>The changes to announce one by one — kept only up to <see cref="EventsOneByOne"/>; past that <see cref="Overflow"/>.</summary>
        public List<CustomerWrite> Events { get; } = [];
        public bool Overflow;

        public EvaluationSummary Summary => new(Evaluated, StageChanges, WarningsRaised, TasksCreated);

        public void Add(List<CustomerWrite> writes)
        {
            foreach (var w in writes)
            {
                if (w.Outcome.StageChanged && w.Outcome.RowChanged) StageChanges++;
                if (w.Outcome.RaiseChurn is not null) WarningsRaised++;
                if (w.Outcome.NewTask is not null) TasksCreated++;
                if (!(w.Outcome.StageChanged || w.Outcome.RaiseChurn is not null || w.Outcome.ResolveChurn || w.Outcome.NewTask is not null)) continue;
                if (Events.Count < EventsOneByOne) Events.Add(w);
                else Overflow = true;
            }
        }
    }
}
