using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Opportunities;

public enum LeadRuleKind { Region, Industry, RoundRobin, Pool }

/// <summary>
/// A lead distribution rule set by the sales manager: rules are tried in <see cref="Order"/>; the
/// first that matches decides the owner (by region or industry speciality, round robin among the
/// eligible account managers) or sends the lead to the pool.
/// </summary>
public sealed class LeadDistributionRule : VersionedEntity
{
    private LeadDistributionRule() { }

    public int Order { get; private set; }
    public LeadRuleKind Kind { get; private set; }
    /// <summary>The region or industry code the rule matches; empty for round robin and pool.</summary>
    public string? MatchCode { get; private set; }
    /// <summary>Comma-separated user ids eligible under this rule; empty means every active account manager with the speciality.</summary>
    public string? EligibleUserIds { get; private set; }
    public bool IsActive { get; private set; } = true;
    /// <summary>Round-robin cursor: the user id that received the last lead.</summary>
    public string? LastAssignedUserId { get; private set; }

    public static LeadDistributionRule Create(int order, LeadRuleKind kind, string? matchCode, IEnumerable<string>? eligibleUserIds)
    {
        if (kind is LeadRuleKind.Region or LeadRuleKind.Industry && string.IsNullOrWhiteSpace(matchCode))
            throw new DomainException("LeadRule.MatchRequired", "A region or industry rule needs the value it matches.");
        return new LeadDistributionRule
        {
            Order = order,
            Kind = kind,
            MatchCode = Check.Optional(matchCode, "MatchCode", 32),
            EligibleUserIds = eligibleUserIds is null ? null : string.Join(',', eligibleUserIds),
        };
    }

    public void SetActive(bool active) => IsActive = active;

    public void Reorder(int order) => Order = order;

    public void RecordAssignment(string userId) => LastAssignedUserId = userId;
}
