using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Reports;

/// <summary>Stage changes from → to in the period (<see cref="From"/> null: a customer's first classification).</summary>
public sealed record StageTransition(LifecycleStage? From, LifecycleStage To, int Count);

/// <summary>How long customers stayed in a stage they left during the period: the median in days (null: nobody left it).</summary>
public sealed record StageDuration(LifecycleStage Stage, int Exits, double? MedianDays);

public sealed record LifecycleReport(DateOnly Start, DateOnly End, IReadOnlyList<StageCount> StagesOverTime,
    IReadOnlyList<StageTransition> Transitions, IReadOnlyList<StageDuration> Durations);

/// <summary>
/// The lifecycle report: customers per stage at each month's end, stage-to-stage transition counts
/// of the period, and the median time spent in each stage. Reads the monthly stage flows of
/// migration 0006 (kept by a trigger on the stage history), never the history itself.
/// </summary>
public sealed class LifecycleReportService(CrmDbFactory dbFactory, TimeProvider clock)
{
    public async Task<LifecycleReport> GetAsync(ReportFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        var (first, last, start, end) = filter.Months(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var flows = await StageFlows.UpToAsync(db, filter, last, ct);
        var counts = StageFlows.CountsByMonth(flows, start, end);
        var transitions = flows.Where(f => string.CompareOrdinal(f.Month, first) >= 0)
            .GroupBy(f => (f.From, f.To))
            .Select(g => (From: StageFlows.Stage(g.Key.From), To: StageFlows.Stage(g.Key.To), Count: g.Sum(x => x.Transitions)))
            .Where(t => t.To is not null && t.Count > 0)
            .Select(t => new StageTransition(t.From, t.To!.Value, t.Count))
            .OrderBy(t => t.From.HasValue ? (int)t.From.Value : -1).ThenBy(t => t.To)
            .ToArray();
        var weeks = await db.ReportStageFlows.AsNoTracking().Apply(filter)
            .Where(x => x.FromStage != "" && x.Month.CompareTo(first) >= 0 && x.Month.CompareTo(last) <= 0)
            .GroupBy(x => new { x.FromStage, x.WeeksInFromStage })
            .Select(g => new { g.Key.FromStage, Weeks = g.Key.WeeksInFromStage, Count = g.Sum(x => x.Transitions) })
            .ToListAsync(ct);
        var durations = Enum.GetValues<LifecycleStage>().Select(s =>
        {
            var histogram = weeks.Where(w => w.FromStage == s.ToString() && w.Count > 0).Select(w => (w.Weeks, w.Count)).ToArray();
            return new StageDuration(s, histogram.Sum(h => h.Count), MedianDays(histogram));
        }).ToArray();
        return new LifecycleReport(start, end, counts, transitions, durations);
    }

    /// <summary>
    /// The median of stays counted by whole weeks (week w = days 7w…7w+6), interpolated inside the
    /// week where the middle stay falls; exact to within a week. The last bucket holds "two years or more".
    /// </summary>
    internal static double? MedianDays(IReadOnlyList<(int Weeks, int Count)> histogram)
    {
        var total = histogram.Sum(h => h.Count);
        if (total == 0) return null;
        var half = total / 2.0;
        var below = 0;
        foreach (var (w, count) in histogram.OrderBy(h => h.Weeks))
        {
            if (below + count >= half) return Math.Round(7 * (w + (half - below) / count), 1);
            below += count;
        }
        return null;
    }
}
