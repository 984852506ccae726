using System.Linq.Expressions;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Opportunities;

/// <summary>Opportunities (销售机会): the paged list. An account manager sees own-created and assigned ones through the scoped context.</summary>
public sealed class OpportunityService(CrmDbFactory dbFactory)
{
    private static readonly Dictionary<string, Expression<Func<Opportunity, object?>>> Sorts = new()
    {
        ["Id"] = o => o.Id,
        ["CustomerName"] = o => o.CustomerName,
        ["Summary"] = o => o.Summary,
        ["Probability"] = o => o.Probability,
        ["ExpectedAmount"] = o => o.ExpectedAmount,
        ["Status"] = o => o.Status,
        ["CreatedAt"] = o => o.CreatedAt,
        ["AssignedAt"] = o => o.AssignedAt,
        ["SourceCode"] = o => o.SourceCode,
    };

    public async Task<PagedResult<OpportunityRow>> ListAsync(OpportunityQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewOpportunities);
        var query = db.Opportunities.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim();
            query = query.Where(o => o.CustomerName.Contains(text) || o.Summary.Contains(text));
        }
        if (q.Status is { } status) query = query.Where(o => o.Status == status);
        if (!string.IsNullOrEmpty(q.SourceCode)) query = query.Where(o => o.SourceCode == q.SourceCode);
        if (!string.IsNullOrEmpty(q.AssignedToId)) query = query.Where(o => o.AssignedToId == q.AssignedToId);
        if (q.ProbabilityMin is { } min) query = query.Where(o => o.Probability >= min);
        if (q.ProbabilityMax is { } max) query = query.Where(o => o.Probability <= max);
        if (q.InPool is { } pool) query = query.Where(o => o.InPool == pool);
        var sorted = (IOrderedQueryable<Opportunity>)query.SortBy(q.SortBy, q.SortBy is null || q.Descending, Sorts, "CreatedAt");
        return await sorted.ThenByDescending(o => o.Id)
            .Select(o => new OpportunityRow(o.Id, o.CustomerName, o.Summary, o.SourceCode, o.Probability, o.ExpectedAmount, o.Status,
                o.CreatedById, o.CreatedAt, o.AssignedToId, o.AssignedAt, o.InPool, o.RegionCode, o.IndustryCode, o.Version))
            .ToPageAsync(q, ct);
    }
}
