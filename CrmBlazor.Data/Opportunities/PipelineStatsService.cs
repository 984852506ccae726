using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Opportunities;

/// <summary>Count, expected amount and probability-weighted amount of one status for one account manager (null: not assigned).</summary>
public sealed record PipelineCell(string? AssigneeId, OpportunityStatus Status, int Count, decimal Expected, decimal Weighted);

public sealed record PipelineStats(IReadOnlyList<PipelineCell> Cells)
{
    public IEnumerable<PipelineCell> ByStatus() => Cells.GroupBy(c => c.Status).OrderBy(g => g.Key)
        .Select(g => new PipelineCell(null, g.Key, g.Sum(c => c.Count), g.Sum(c => c.Expected), g.Sum(c => c.Weighted)));

    /// <summary>Won ÷ (won + lost); null when nothing has closed yet.</summary>
    public static double? WinRate(IEnumerable<PipelineCell> cells)
    {
        var list = cells.ToList();
        var won = list.Where(c => c.Status == OpportunityStatus.Won).Sum(c => c.Count);
        var lost = list.Where(c => c.Status == OpportunityStatus.Lost).Sum(c => c.Count);
        return won + lost == 0 ? null : 100.0 * won / (won + lost);
    }
}

/// <summary>Pipeline statistics for managers (销售漏斗): per status and account manager, over what the caller may see.</summary>
public sealed class PipelineStatsService(CrmDbFactory dbFactory)
{
    public async Task<PipelineStats> GetAsync(DateOnly? createdFrom = null, DateOnly? createdTo = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewOpportunities);
        var query = db.Opportunities.AsNoTracking();
        if (createdFrom is { } from) { var f = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); query = query.Where(o => o.CreatedAt >= f); }
        if (createdTo is { } to) { var t = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); query = query.Where(o => o.CreatedAt < t); }
        var cells = await query.GroupBy(o => new { o.AssignedToId, o.Status })
            .Select(g => new { g.Key.AssignedToId, g.Key.Status, Count = g.Count(), Expected = g.Sum(o => o.ExpectedAmount ?? 0), Weighted = g.Sum(o => (o.ExpectedAmount ?? 0) * o.Probability) })
            .ToListAsync(ct);
        return new PipelineStats(cells.Select(c => new PipelineCell(c.AssignedToId, c.Status, c.Count, c.Expected, Math.Round(c.Weighted / 100m, 2))).ToArray());
    }
}
