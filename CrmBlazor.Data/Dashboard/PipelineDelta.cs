using CrmBlazor.Data.Events;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Domain.Access;

namespace CrmBlazor.Data.Dashboard;

/// <summary>
/// Moves a dashboard's pipeline (count, expected and weighted amount per status) by one committed
/// opportunity change: the old state out, the new state in, each only if it counts for the viewer
/// by the same rule as <see cref="DashboardService.PipelineAsync(CancellationToken)"/>. The sums are
/// exact (no rounding before display), so a patched pipeline equals a re-read one — a test holds
/// them equal after every kind of change.
/// </summary>
public static class PipelineDelta
{
    /// <summary>Whether <paramref name="row"/> is in <paramref name="scope"/>'s pipeline: one's own assignments for an account manager, what the viewer may see otherwise.</summary>
    public static bool Counts(AccessScope scope, OpportunityRow row) =>
        scope.Can(Capability.ViewOpportunities)
        && (scope.Profile is AccessProfile.AccountManager or AccessProfile.CustomerService
            ? row.AssignedToId is not null && row.AssignedToId == scope.UserId
            : EventAccess.SeesOpportunity(scope, row.CreatedById, row.AssignedToId, row.InPool));

    /// <summary>The pipeline after <paramref name="e"/>; the same list when the change does not touch it.</summary>
    public static IReadOnlyList<PipelineBar> Apply(IReadOnlyList<PipelineBar> bars, AccessScope scope, OpportunityChanged e)
    {
        var before = e.Previous is { } previous && Counts(scope, previous) ? previous : null;
        var after = e.Change != OpportunityChange.Deleted && e.Row is { } row && Counts(scope, row) ? row : null;
        if (before is null && after is null) return bars;
        var byStatus = bars.ToDictionary(b => b.Status);
        if (before is not null) Add(byStatus, before, -1);
        if (after is not null) Add(byStatus, after, +1);
        return byStatus.Values.Where(b => b.Count > 0).OrderBy(b => b.Status).ToList();
    }

    private static void Add(Dictionary<Domain.Opportunities.OpportunityStatus, PipelineBar> bars, OpportunityRow row, int sign)
    {
        var amount = row.ExpectedAmount ?? 0;
        var bar = bars.GetValueOrDefault(row.Status) ?? new PipelineBar(row.Status, 0, 0, 0);
        bars[row.Status] = new PipelineBar(row.Status, bar.Count + sign, bar.ExpectedAmount + sign * amount, bar.WeightedAmount + sign * amount * row.Probability / 100m);
    }
}
