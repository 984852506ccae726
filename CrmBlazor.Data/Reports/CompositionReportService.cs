using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Reports;

/// <summary>The dimension a composition report (客户构成分析) groups customers by.</summary>
public enum CompositionDimension { Stage, Level, Region, Industry, Credit, Satisfaction, Owner }

/// <summary>One slice: the dimension's value (null: not given), its customers and their total spend.</summary>
public sealed record CompositionSlice(string? Key, int Count, decimal TotalSpend);

public sealed record CompositionReport(int Customers, decimal TotalSpend, IReadOnlyDictionary<CompositionDimension, IReadOnlyList<CompositionSlice>> Slices);

/// <summary>
/// Customer composition: customers and spend per level, credit, satisfaction, region, industry,
/// stage and owner, over the customers the caller may see and the filter's dimensions. Reads the
/// composition cube (migration 0006: some ten thousand rows at a million customers) and rolls it
/// up per dimension in memory — one small query for every chart of the page.
/// </summary>
public sealed class CompositionReportService(CrmDbFactory dbFactory)
{
    public async Task<CompositionReport> GetAsync(ReportFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        var cells = await db.ReportCustomerCube.AsNoTracking().Apply(filter).Where(x => x.Customers > 0)
            .Select(x => new { x.OwnerId, x.Stage, x.LevelCode, x.RegionCode, x.IndustryCode, x.Credit, x.Satisfaction, x.Customers, x.TotalSpend })
            .ToListAsync(ct);
        IReadOnlyList<CompositionSlice> By(Func<int, string?> key) => cells
            .Select((c, i) => (Key: key(i), c.Customers, c.TotalSpend))
            .GroupBy(x => x.Key)
            .Select(g => new CompositionSlice(g.Key, g.Sum(x => x.Customers), g.Sum(x => x.TotalSpend)))
            .OrderByDescending(s => s.Count).ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToArray();
        static string? Code(string v) => v.Length == 0 ? null : v;
        static string? Rating(int v) => v == 0 ? null : v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var slices = new Dictionary<CompositionDimension, IReadOnlyList<CompositionSlice>>
        {
            [CompositionDimension.Stage] = By(i => cells[i].Stage),
            [CompositionDimension.Level] = By(i => Code(cells[i].LevelCode)),
            [CompositionDimension.Region] = By(i => Code(cells[i].RegionCode)),
            [CompositionDimension.Industry] = By(i => Code(cells[i].IndustryCode)),
            [CompositionDimension.Credit] = By(i => Rating(cells[i].Credit)),
            [CompositionDimension.Satisfaction] = By(i => Rating(cells[i].Satisfaction)),
            [CompositionDimension.Owner] = By(i => Code(cells[i].OwnerId)),
        };
        return new CompositionReport(cells.Sum(c => c.Customers), cells.Sum(c => c.TotalSpend), slices);
    }

    /// <summary>One dimension's slices (the earlier single-chart API).</summary>
    public async Task<IReadOnlyList<CompositionSlice>> GetAsync(CompositionDimension dimension, CancellationToken ct = default) =>
        (await GetAsync(new ReportFilter(), ct)).Slices[dimension];
}
