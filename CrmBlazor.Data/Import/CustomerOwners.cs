using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Import;

/// <summary>
/// Who owns an imported customer whose row names no owner: the importing account manager; for a
/// manager, admin or the command line, the lead distribution rules (as for a new lead — region and
/// industry rules, round robin; the pool rule or no rule leaves the customer unowned). The rules'
/// round-robin turn and the managers' loads advance as customers are handed out, so one file is
/// spread the way the same number of leads would be.
/// </summary>
internal sealed class CustomerOwners
{
    private List<LeadRuleView>? _rules;
    private Dictionary<string, LeadCandidate> _candidates = [];
    private readonly Dictionary<int, string> _lastAssigned = [];

    public async Task<string?> ForNewCustomerAsync(ImportContext ctx, string? region, string? industry, CancellationToken ct)
    {
        if (ctx.IsAccountManager) return ctx.Scope.UserId;
        if (_rules is null) await LoadAsync(ctx, ct);
        var decision = LeadDistributor.Decide(region, industry, _rules!, _candidates.Values.ToArray());
        if (decision.OwnerId is not { } owner) return null;
        if (decision.RuleId is { } ruleId)
        {
            _lastAssigned[ruleId] = owner;
            var i = _rules!.FindIndex(r => r.Id == ruleId);
            _rules[i] = _rules[i] with { LastAssignedUserId = owner };
        }
        _candidates[owner] = _candidates[owner] with { OpenLoad = _candidates[owner].OpenLoad + 1 };
        return owner;
    }

    private async Task LoadAsync(ImportContext ctx, CancellationToken ct)
    {
        var rules = await ctx.System.LeadDistributionRules.AsNoTracking().Where(r => r.IsActive).ToListAsync(ct);
        _rules = rules.Select(r => new LeadRuleView(r.Id, r.Order, r.Kind, r.MatchCode, Split(r.EligibleUserIds), r.LastAssignedUserId)).ToList();
        var loads = await ctx.System.Customers.AsNoTracking().Where(c => c.OwnerId != null)
            .GroupBy(c => c.OwnerId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // a sales manager's file is handed out within the team, as their own assignments are
        _candidates = ctx.Users.InRole(Roles.AccountManager).Where(m => ctx.MayOwn(m.Id))
            .ToDictionary(m => m.Id, m => new LeadCandidate(m.Id, m.Regions, m.Industries, loads.GetValueOrDefault(m.Id)), StringComparer.Ordinal);
    }

    /// <summary>Stores each rule's round-robin turn, in the import's transaction.</summary>
    public async Task RecordAssignmentsAsync(CrmDbContext db, CancellationToken ct)
    {
        if (_lastAssigned.Count == 0) return;
        var ids = _lastAssigned.Keys.ToArray();
        foreach (var rule in await db.LeadDistributionRules.Where(r => ids.Contains(r.Id)).ToListAsync(ct))
            rule.RecordAssignment(_lastAssigned[rule.Id]);
        await db.SaveChangesAsync(ct);
    }

    private static IReadOnlyList<string> Split(string? ids) =>
        string.IsNullOrWhiteSpace(ids) ? [] : ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
