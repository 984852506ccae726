using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Reports;

/// <summary>Customers in a stage at the end of a month.</summary>
public sealed record StageCount(DateOnly Month, LifecycleStage Stage, int Customers);

/// <summary>
/// Reads the monthly stage flows of migration 0006 and turns them into stage counts over time: the
/// customers in a stage at the end of a month are all the changes into it up to then, minus those out of it.
/// </summary>
internal static class StageFlows
{
    public sealed record MonthFlow(string Month, string From, string To, int Transitions);

    public static async Task<IReadOnlyList<MonthFlow>> UpToAsync(CrmDbContext db, ReportFilter filter, string lastMonth, CancellationToken ct) =>
        (await db.ReportStageFlows.AsNoTracking().Apply(filter).Where(x => x.Month.CompareTo(lastMonth) <= 0)
            .GroupBy(x => new { x.Month, x.FromStage, x.ToStage })
            .Select(g => new { g.Key.Month, g.Key.FromStage, g.Key.ToStage, Transitions = g.Sum(x => x.Transitions) })
            .ToListAsync(ct))
        .Where(x => x.Transitions != 0)
        .Select(x => new MonthFlow(x.Month, x.FromStage, x.ToStage, x.Transitions))
        .ToArray();

    /// <summary>Per month of <paramref name="first"/>…<paramref name="last"/> (yyyy-MM) and stage: the customers in it at the month's end.</summary>
    public static IReadOnlyList<StageCount> CountsByMonth(IReadOnlyList<MonthFlow> flows, DateOnly first, DateOnly last)
    {
        var stages = Enum.GetValues<LifecycleStage>();
        var running = stages.ToDictionary(s => s, _ => 0);
        var byMonth = flows.GroupBy(f => f.Month).ToDictionary(g => g.Key, g => g.ToArray());
        void Apply(IEnumerable<MonthFlow> month)
        {
            foreach (var f in month)
            {
                if (Enum.TryParse<LifecycleStage>(f.From, out var from)) running[from] -= f.Transitions;
                if (Enum.TryParse<LifecycleStage>(f.To, out var to)) running[to] += f.Transitions;
            }
        }
        var firstKey = Key(first);
        Apply(flows.Where(f => string.CompareOrdinal(f.Month, firstKey) < 0));
        var result = new List<StageCount>();
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= last; m = m.AddMonths(1))
        {
            if (byMonth.TryGetValue(Key(m), out var month)) Apply(month);
            result.AddRange(stages.Select(s => new StageCount(m, s, running[s])));
        }
        return result;
    }

    public static string Key(DateOnly month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static LifecycleStage? Stage(string code) => Enum.TryParse<LifecycleStage>(code, out var s) ? s : null;
}
