using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Lifecycle;

/// <summary>
/// Of the customers who entered <see cref="Stage"/> in the period: how many moved up or down
/// (by <see cref="LifecycleStages.Rank"/>) at their next stage change within the window, how many
/// stayed (window over, no move up or down), and how many are still open (window not over yet).
/// </summary>
public sealed record StageEffect(LifecycleStage Stage, int Entered, int MovedUp, int MovedDown, int Stayed, int Open)
{
    /// <summary>Entries whose outcome is known: moved, or stayed for the whole window.</summary>
    public int Decided => Entered - Open;
    public double? UpShare => Decided == 0 ? null : 100.0 * MovedUp / Decided;
    public double? DownShare => Decided == 0 ? null : 100.0 * MovedDown / Decided;
}

/// <summary>
/// The playbook effect of PRODUCT.md §2 for a period. The win-back rate is the share of customers
/// who entered Declining and left it for a better stage within the window; under
/// <see cref="PlaybookEffectService.ReviewThresholdPercent"/> % the declining playbook needs review.
/// </summary>
public sealed record PlaybookEffect(DateOnly From, DateOnly To, int WindowDays, IReadOnlyList<StageEffect> Stages)
{
    public StageEffect Declining => Stages.Single(s => s.Stage == LifecycleStage.Declining);
    public double? WinBackRate => Declining.UpShare;
    public bool ReviewDecliningPlaybook => WinBackRate < PlaybookEffectService.ReviewThresholdPercent;
}

/// <summary>
/// Computes <see cref="PlaybookEffect"/> from the stage history in one grouped SQL query (the
/// history can hold millions of rows): each entry into a stage in the period is paired with the
/// customer's next change within the window by a correlated subquery on the (CustomerId, At)
/// index, and only the (stage, next stage, window over) counts — at most 84 rows — come back.
/// Managers see their team's customers, as everywhere (query filters).
/// </summary>
public sealed class PlaybookEffectService(CrmDbFactory dbFactory, TimeProvider clock)
{
    public const int WindowDays = 90;
    public const double ReviewThresholdPercent = 10;

    public async Task<PlaybookEffect> GetAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from)
            throw new DomainException("Period.EndBeforeStart", "The end of the period is before its start.");
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var windowOverBefore = clock.GetUtcNow().UtcDateTime.AddDays(-WindowDays);

        var history = db.StageHistory.AsNoTracking();
        var groups = await history
            .Where(h => h.At >= start && h.At < end)
            .Select(h => new
            {
                h.ToStage,
                Next = history
                    .Where(n => n.CustomerId == h.CustomerId && (n.At > h.At || n.At == h.At && n.Id > h.Id) && n.At <= h.At.AddDays(WindowDays))
                    .OrderBy(n => n.At).ThenBy(n => n.Id)
                    .Select(n => (LifecycleStage?)n.ToStage)
                    .FirstOrDefault(),
                WindowOver = h.At <= windowOverBefore,
            })
            .GroupBy(x => new { x.ToStage, x.Next, x.WindowOver })
            .Select(g => new { g.Key.ToStage, g.Key.Next, g.Key.WindowOver, Count = g.Count() })
            .ToListAsync(ct);

        var stages = Enum.GetValues<LifecycleStage>().Select(stage =>
        {
            int entered = 0, up = 0, down = 0, stayed = 0, open = 0;
            foreach (var g in groups.Where(g => g.ToStage == stage))
            {
                entered += g.Count;
                var move = g.Next is { } next ? next.Rank().CompareTo(stage.Rank()) : 0;
                if (move > 0) up += g.Count;
                else if (move < 0) down += g.Count;
                else if (g.WindowOver || g.Next is not null) stayed += g.Count;
                else open += g.Count;
            }
            return new StageEffect(stage, entered, up, down, stayed, open);
        }).ToArray();
        return new PlaybookEffect(from, to, WindowDays, stages);
    }
}
