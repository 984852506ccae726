namespace CrmBlazor.Domain.Opportunities;

/// <summary>An account manager who can receive leads: specialities and current open load.</summary>
public sealed record LeadCandidate(string UserId, IReadOnlyCollection<string> Regions, IReadOnlyCollection<string> Industries, int OpenLoad);

/// <summary>A rule as the distributor reads it (see <see cref="LeadDistributionRule"/>).</summary>
public sealed record LeadRuleView(int Id, int Order, LeadRuleKind Kind, string? MatchCode, IReadOnlyCollection<string> EligibleUserIds, string? LastAssignedUserId);

/// <summary>Where a lead goes: to an account manager (and by which rule), or to the pool.</summary>
public sealed record LeadDecision(string? OwnerId, int? RuleId, string ReasonCode)
{
    public bool ToPool => OwnerId is null;
}

/// <summary>
/// The distribution rules of PRODUCT.md §3 (引流获客): rules are tried in order; a region or
/// industry rule matches a lead of that region / industry and gives it to the eligible account
/// manager with the lightest open load (by speciality when the rule names nobody); round robin
/// takes turns among its eligible managers; a pool rule — or no matching rule, or nobody
/// eligible — sends the lead to the shared pool (公海).
/// </summary>
public static class LeadDistributor
{
    public static LeadDecision Decide(string? region, string? industry, IEnumerable<LeadRuleView> rules, IReadOnlyList<LeadCandidate> candidates)
    {
        foreach (var rule in rules.OrderBy(r => r.Order).ThenBy(r => r.Id))
        {
            switch (rule.Kind)
            {
                case LeadRuleKind.Pool:
                    return new LeadDecision(null, rule.Id, "Lead.PoolRule");
                case LeadRuleKind.Region when Matches(rule, region):
                    return Lightest(rule, Eligible(rule, candidates, c => c.Regions.Contains(rule.MatchCode!, StringComparer.OrdinalIgnoreCase)), "Lead.ByRegion");
                case LeadRuleKind.Industry when Matches(rule, industry):
                    return Lightest(rule, Eligible(rule, candidates, c => c.Industries.Contains(rule.MatchCode!, StringComparer.OrdinalIgnoreCase)), "Lead.ByIndustry");
                case LeadRuleKind.RoundRobin:
                    var eligible = Eligible(rule, candidates, _ => true);
                    if (eligible.Count == 0) continue;
                    return new LeadDecision(NextAfter(rule.LastAssignedUserId, eligible), rule.Id, "Lead.RoundRobin");
            }
        }
        return new LeadDecision(null, null, "Lead.NoRule");
    }

    private static bool Matches(LeadRuleView rule, string? value) =>
        rule.MatchCode is not null && string.Equals(rule.MatchCode, value, StringComparison.OrdinalIgnoreCase);

    private static List<LeadCandidate> Eligible(LeadRuleView rule, IReadOnlyList<LeadCandidate> candidates, Func<LeadCandidate, bool> speciality) =>
        rule.EligibleUserIds.Count > 0
            ? candidates.Where(c => rule.EligibleUserIds.Contains(c.UserId)).ToList()
            : candidates.Where(speciality).ToList();

    private static LeadDecision Lightest(LeadRuleView rule, List<LeadCandidate> eligible, string reason)
    {
        if (eligible.Count == 0) return new LeadDecision(null, rule.Id, "Lead.NobodyEligible");
        var owner = eligible.OrderBy(c => c.OpenLoad).ThenBy(c => c.UserId, StringComparer.Ordinal).First();
        return new LeadDecision(owner.UserId, rule.Id, reason);
    }

    /// <summary>The eligible manager after the one who got the previous lead (ordered by id, wrapping around).</summary>
    private static string NextAfter(string? last, List<LeadCandidate> eligible)
    {
        var ids = eligible.Select(c => c.UserId).Order(StringComparer.Ordinal).ToList();
        if (last is null) return ids[0];
        var next = ids.FirstOrDefault(id => string.CompareOrdinal(id, last) > 0);
        return next ?? ids[0];
    }
}
