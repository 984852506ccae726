using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.BasicData;

/// <summary>The places that store a dictionary code.</summary>
public enum DictionaryUsePlace { Customers, Opportunities, Users, LeadRules, Tickets, ChurnCases, FollowUpTasks }

/// <summary><see cref="Count"/> records of <see cref="Place"/> hold the code.</summary>
public sealed record DictionaryUse(DictionaryUsePlace Place, int Count);

/// <summary>An entry still in use cannot be deleted; <see cref="Uses"/> says where (the UI offers to deactivate it instead).</summary>
public sealed class DictionaryEntryInUseException(string code, IReadOnlyList<DictionaryUse> uses)
    : DomainException("Dictionary.InUse", $"{code} is used by {string.Join(", ", uses.Select(u => $"{u.Count} {u.Place}"))}; deactivate it instead.", code)
{
    public IReadOnlyList<DictionaryUse> Uses { get; } = uses;
}

/// <summary>
/// Counts, for one code, every table and column that stores codes of its kind — across the whole
/// company (query filters ignored): a record the admin cannot see still holds the code.
/// </summary>
internal static class DictionaryUsage
{
    public static async Task<IReadOnlyList<DictionaryUse>> CountAsync(CrmDbContext db, DictionaryKind kind, string code, CancellationToken ct)
    {
        var uses = new List<DictionaryUse>();
        async Task Add(DictionaryUsePlace place, Task<int> count)
        {
            var n = await count;
            var i = uses.FindIndex(u => u.Place == place);
            if (i >= 0) uses[i] = uses[i] with { Count = uses[i].Count + n };
            else if (n > 0) uses.Add(new DictionaryUse(place, n));
        }
        var customers = db.Customers.IgnoreQueryFilters();
        var opportunities = db.Opportunities.IgnoreQueryFilters();
        switch (kind)
        {
            case DictionaryKind.CustomerLevel:
                await Add(DictionaryUsePlace.Customers, customers.CountAsync(c => c.LevelCode == code, ct));
                break;
            case DictionaryKind.Region:
                await Add(DictionaryUsePlace.Customers, customers.CountAsync(c => c.RegionCode == code, ct));
                await Add(DictionaryUsePlace.Opportunities, opportunities.CountAsync(o => o.RegionCode == code, ct));
                await Add(DictionaryUsePlace.Users, UsersWithAsync(db, code, region: true, ct));
                await Add(DictionaryUsePlace.LeadRules, db.LeadDistributionRules.CountAsync(r => r.Kind == LeadRuleKind.Region && r.MatchCode == code, ct));
                break;
            case DictionaryKind.Industry:
                await Add(DictionaryUsePlace.Customers, customers.CountAsync(c => c.IndustryCode == code, ct));
                await Add(DictionaryUsePlace.Opportunities, opportunities.CountAsync(o => o.IndustryCode == code, ct));
                await Add(DictionaryUsePlace.Users, UsersWithAsync(db, code, region: false, ct));
                await Add(DictionaryUsePlace.LeadRules, db.LeadDistributionRules.CountAsync(r => r.Kind == LeadRuleKind.Industry && r.MatchCode == code, ct));
                break;
            case DictionaryKind.OpportunitySource:
                await Add(DictionaryUsePlace.Opportunities, opportunities.CountAsync(o => o.SourceCode == code, ct));
                break;
            case DictionaryKind.ServiceType:
                await Add(DictionaryUsePlace.Tickets, db.Tickets.IgnoreQueryFilters().CountAsync(t => t.TypeCode == code, ct));
                break;
            case DictionaryKind.ChurnReason:
                await Add(DictionaryUsePlace.ChurnCases, db.ChurnCases.IgnoreQueryFilters().CountAsync(c => c.ConfirmedReasonCode == code, ct));
                break;
            case DictionaryKind.FollowUpChannel:
                await Add(DictionaryUsePlace.FollowUpTasks, db.FollowUpTasks.IgnoreQueryFilters().CountAsync(t => t.ChannelCode == code, ct));
                break;
            case DictionaryKind.Tag:
                await Add(DictionaryUsePlace.Customers, db.CustomerTags.IgnoreQueryFilters().CountAsync(t => t.TagCode == code, ct));
                break;
        }
        return uses;
    }

    /// <summary>Users whose region or industry specialities (comma-separated codes) include the code.</summary>
    private static async Task<int> UsersWithAsync(CrmDbContext db, string code, bool region, CancellationToken ct)
    {
        var lists = region
            ? await db.Users.AsNoTracking().Where(u => u.RegionCodes != null && u.RegionCodes.Contains(code)).Select(u => u.RegionCodes!).ToListAsync(ct)
            : await db.Users.AsNoTracking().Where(u => u.IndustryCodes != null && u.IndustryCodes.Contains(code)).Select(u => u.IndustryCodes!).ToListAsync(ct);
        return lists.Count(l => l.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(code, StringComparer.Ordinal));
    }
}
