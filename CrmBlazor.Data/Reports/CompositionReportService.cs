using System.Linq.Expressions;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Reports;

/// <summary>The dimension a composition report (客户构成分析) groups customers by.</summary>
public enum CompositionDimension { Stage, Level, Region, Industry, Credit, Satisfaction, Owner }

public sealed record CompositionSlice(string? Key, int Count, decimal TotalSpend);

/// <summary>Customer composition: customer count and spend per level, region, industry, stage, …, over the customers the caller may see.</summary>
public sealed class CompositionReportService(CrmDbFactory dbFactory)
{
    public async Task<IReadOnlyList<CompositionSlice>> GetAsync(CompositionDimension dimension, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        var customers = db.Customers.AsNoTracking();
        var slices = dimension switch
        {
            CompositionDimension.Stage => await GroupAsync(customers, c => c.Stage, ct),
            CompositionDimension.Level => await GroupAsync(customers, c => c.LevelCode, ct),
            CompositionDimension.Region => await GroupAsync(customers, c => c.RegionCode, ct),
            CompositionDimension.Industry => await GroupAsync(customers, c => c.IndustryCode, ct),
            CompositionDimension.Credit => await GroupAsync(customers, c => c.Credit, ct),
            CompositionDimension.Satisfaction => await GroupAsync(customers, c => c.Satisfaction, ct),
            CompositionDimension.Owner => await GroupAsync(customers, c => c.OwnerId, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
        };
        return slices.OrderByDescending(s => s.Count).ThenBy(s => s.Key, StringComparer.Ordinal).ToArray();
    }

    private static async Task<IEnumerable<CompositionSlice>> GroupAsync<TKey>(IQueryable<Customer> customers, Expression<Func<Customer, TKey>> key, CancellationToken ct)
    {
        var groups = await customers.GroupBy(key)
            .Select(g => new { g.Key, Count = g.Count(), Spend = g.Sum(c => c.TotalSpend) })
            .ToListAsync(ct);
        return groups.Select(g => new CompositionSlice(g.Key?.ToString(), g.Count, g.Spend));
    }
}
