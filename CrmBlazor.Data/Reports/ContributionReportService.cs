using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Customers;
using CrmBlazor.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Reports;

/// <summary>
/// About one twentieth (5 %) of the ranked customers: ranks <see cref="FromRank"/>…<see cref="ToRank"/>
/// (1-based), their revenue, and the cumulative shares up to and including it. A bucket is a run of
/// amount bins (<see cref="MinBin"/>…<see cref="MaxBin"/>, see <see cref="RevenueBins"/>), so the
/// drill-down lists exactly its customers; <see cref="MinAmount"/>/<see cref="MaxAmount"/> are the bins' edges.
/// </summary>
public sealed record ParetoBucket(int Index, int FromRank, int ToRank, decimal Revenue, double CumulativeCustomerShare, double CumulativeRevenueShare,
    int MinBin, int MaxBin)
{
    public int Customers => ToRank - FromRank + 1;
    public decimal MinAmount => RevenueBins.LowerEdge(MinBin);
    public decimal MaxAmount => RevenueBins.UpperEdge(MaxBin);
}

public sealed record RankedCustomer(int Rank, int CustomerId, string Number, string Name, string? OwnerId, decimal Amount, int OrderCount, double Share);

/// <summary>The contribution report of one year: the 80/20 curve, the share of the top 20 %, and the customers at the top.</summary>
public sealed record ContributionReport(int Year, IReadOnlyList<int> Years, int Customers, decimal Revenue, double Top20Share,
    IReadOnlyList<ParetoBucket> Buckets, IReadOnlyList<RankedCustomer> Top);

/// <summary>
/// Customer contribution (客户贡献分析): customers ranked by their order amount in a year, with the
/// Pareto (80/20) curve. Reads the per-customer-per-year revenue of migration 0005 through its
/// (Year, Amount, dimensions) index. The curve comes from a histogram the database computes
/// (amount bins 5 % wide), never from a million rows sent to the application: buckets are whole
/// bins, so their counts, revenue and cumulative shares are exact; the share of the top 20 % is
/// exact too (the bin where the 20 % line falls is summed row by row).
/// </summary>
public sealed class ContributionReportService(CrmDbFactory dbFactory, TimeProvider clock)
{
    public const int BucketCount = 20;
    public const int TopCount = 10;

    public async Task<ContributionReport> GetAsync(ReportFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        var years = await YearsAsync(db, ct);
        var year = filter.Year ?? (years.Count > 0 ? years[^1] : clock.GetUtcNow().Year);
        if (ByNameIndex(filter))
        {
            var named = await NamedAsync(db, filter, year, ct);
            var bins = named.GroupBy(x => x.AmountBin).Select(g => new RevenueBins.Bin(g.Key, g.Count(), g.Sum(x => x.Amount))).ToArray();
            var sum = bins.Sum(b => b.Sum);
            var top20 = sum == 0 ? 0 : (double)(named.Take((int)Math.Ceiling(named.Count * 0.2)).Sum(x => x.Amount) / sum);
            return new ContributionReport(year, years, named.Count, sum, top20, Buckets(bins, named.Count, sum),
                await WithNamesAsync(db, named.Take(TopCount).ToArray(), year, 0, sum, ct));
        }
        var facts = Facts(db, filter, year);
        var histogram = (await facts.GroupBy(x => x.AmountBin).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(x => x.Amount) }).ToListAsync(ct))
            .OrderByDescending(b => b.Key).Select(b => new RevenueBins.Bin(b.Key, b.Count, b.Sum)).ToArray();
        var customers = histogram.Sum(b => b.Count);
        var revenue = histogram.Sum(b => b.Sum);
        var top = await RankedAsync(db, facts, revenue, 0, TopCount, ct);
        var topShare = await TopShareAsync(facts, histogram, (int)Math.Ceiling(customers * 0.2), revenue, ct);
        return new ContributionReport(year, years, customers, revenue, topShare, Buckets(histogram, customers, revenue), top);
    }

    /// <summary>A page of the ranking (the grid under the charts); pass the report's totals to spare counting them again.</summary>
    public async Task<PagedResult<RankedCustomer>> RankAsync(ReportFilter filter, int year, int skip, int take, (int Customers, decimal Revenue)? totals = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        (skip, take) = (Math.Max(0, skip), Math.Clamp(take, 1, 200));
        if (ByNameIndex(filter))
        {
            var named = await NamedAsync(db, filter, year, ct);
            var sum = named.Sum(x => x.Amount);
            return new PagedResult<RankedCustomer>(await WithNamesAsync(db, named.Skip(skip).Take(take).ToArray(), year, skip, sum, ct), named.Count);
        }
        var facts = Facts(db, filter, year);
        var (count, revenue) = totals ?? (await facts.CountAsync(ct), await facts.SumAsync(x => x.Amount, ct));
        return new PagedResult<RankedCustomer>(await RankedAsync(db, facts, revenue, skip, take, ct), count);
    }

    private sealed record Named(int CustomerId, int AmountBin, decimal Amount);

    /// <summary>
    /// A name the trigram index can answer ("远航物流") usually matches few customers: they are found
    /// first and ranked in memory. A shorter one ("科技") may match a tenth of all customers: it filters
    /// the customer-years' own copy of the names in the one pass the report makes anyway (<see cref="Facts"/>).
    /// </summary>
    private static bool ByNameIndex(ReportFilter filter) =>
        !string.IsNullOrWhiteSpace(filter.Name) && CustomerNameSearch.IsIndexed(filter.Name.Trim());

    /// <summary>
    /// The year's amounts of the customers whose name contains the filter's text, largest first. The
    /// name search (<see cref="CustomerNameSearch"/>) runs once and the rest is done in memory.
    /// </summary>
    private static async Task<List<Named>> NamedAsync(CrmDbContext db, ReportFilter filter, int year, CancellationToken ct)
    {
        var name = filter.Name!.Trim();
        var named = db.Customers.MatchingIds(db, name);
        // the matching customers first, then each one's year by the (CustomerId, Year) key
        var rows = await (from id in named
                          from x in Facts(db, filter, year)
                          where x.CustomerId == id
                          select new Named(x.CustomerId, x.AmountBin, x.Amount)).ToListAsync(ct);
        return rows.OrderByDescending(x => x.Amount).ThenBy(x => x.CustomerId).ToList();
    }

    private static async Task<IReadOnlyList<RankedCustomer>> WithNamesAsync(CrmDbContext db, IReadOnlyList<Named> ranked, int year, int skip, decimal total,
        CancellationToken ct)
    {
        var ids = ranked.Select(r => r.CustomerId).ToArray();
        var orders = await db.ReportCustomerRevenue.AsNoTracking().Where(x => x.Year == year && ids.Contains(x.CustomerId))
            .ToDictionaryAsync(x => x.CustomerId, x => x.OrderCount, ct);
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.Name, c.OwnerId }).ToDictionaryAsync(c => c.Id, ct);
        return ranked.Where(r => customers.ContainsKey(r.CustomerId)).Select((r, i) =>
        {
            var c = customers[r.CustomerId];
            return new RankedCustomer(skip + i + 1, r.CustomerId, c.Number, c.Name, c.OwnerId, r.Amount, orders.GetValueOrDefault(r.CustomerId), total == 0 ? 0 : (double)(r.Amount / total));
        }).ToArray();
    }

    /// <summary>The year's customer amounts under the filter's dimensions and a short name (a longer one is applied by <see cref="NamedAsync"/>).</summary>
    private static IQueryable<CustomerRevenueFact> Facts(CrmDbContext db, ReportFilter filter, int year)
    {
        var facts = db.ReportCustomerRevenue.AsNoTracking().Where(x => x.Year == year && x.AmountBin > -1000).Apply(filter);
        return string.IsNullOrWhiteSpace(filter.Name) || ByNameIndex(filter) ? facts : facts.WhereNameContains(x => x.Name, db, filter.Name.Trim());
    }

    /// <summary>The years with orders (the range is not sensitive, so it is read without the record filter: two index seeks).</summary>
    private static async Task<IReadOnlyList<int>> YearsAsync(CrmDbContext db, CancellationToken ct)
    {
        var all = db.ReportCustomerRevenue.IgnoreQueryFilters();
        if (!await all.AnyAsync(ct)) return [];
        var (min, max) = (await all.MinAsync(x => x.Year, ct), await all.MaxAsync(x => x.Year, ct));
        return Enumerable.Range(min, max - min + 1).ToArray();
    }

    private static async Task<IReadOnlyList<RankedCustomer>> RankedAsync(CrmDbContext db, IQueryable<CustomerRevenueFact> facts, decimal total,
        int skip, int take, CancellationToken ct)
    {
        // the bin first: the same order, read straight from the (Year, AmountBin, Amount, …) index
        var rows = await facts.OrderByDescending(x => x.AmountBin).ThenByDescending(x => x.Amount).ThenBy(x => x.CustomerId).Skip(skip).Take(take)
            .Join(db.Customers, f => f.CustomerId, c => c.Id, (f, c) => new { f.CustomerId, c.Number, c.Name, c.OwnerId, f.Amount, f.OrderCount })
            .ToListAsync(ct);
        // the join may reorder; the rank is the position in the amount order
        return rows.OrderByDescending(r => r.Amount).ThenBy(r => r.CustomerId)
            .Select((r, i) => new RankedCustomer(skip + i + 1, r.CustomerId, r.Number, r.Name, r.OwnerId, r.Amount, r.OrderCount,
                total == 0 ? 0 : (double)(r.Amount / total)))
            .ToArray();
    }

    /// <summary>The revenue share of the <paramref name="k"/> largest customers: whole bins above the line, plus the largest amounts of the bin it cuts.</summary>
    private static async Task<double> TopShareAsync(IQueryable<CustomerRevenueFact> facts, IReadOnlyList<RevenueBins.Bin> histogram, int k, decimal revenue,
        CancellationToken ct)
    {
        if (k == 0 || revenue == 0) return 0;
        decimal sum = 0;
        var taken = 0;
        foreach (var bin in histogram)
        {
            if (taken + bin.Count <= k)
            {
                (sum, taken) = (sum + bin.Sum, taken + bin.Count);
                if (taken == k) break;
                continue;
            }
            var rest = k - taken;
            sum += await facts.Where(x => x.AmountBin == bin.Number).OrderByDescending(x => x.Amount).Take(rest).SumAsync(x => x.Amount, ct);
            break;
        }
        return (double)(sum / revenue);
    }

    /// <summary>Whole bins (largest first) gathered into about twenty buckets of 5 % of the customers each.</summary>
    internal static IReadOnlyList<ParetoBucket> Buckets(IReadOnlyList<RevenueBins.Bin> bins, int customers, decimal revenue)
    {
        var histogram = bins.OrderByDescending(b => b.Number).ToArray();
        var buckets = new List<ParetoBucket>(BucketCount);
        var (count, sum, fromRank, first) = (0, 0m, 1, (int?)null);
        decimal bucketSum = 0;
        foreach (var bin in histogram)
        {
            first ??= bin.Number;
            (count, sum, bucketSum) = (count + bin.Count, sum + bin.Sum, bucketSum + bin.Sum);
            var target = (long)customers * (buckets.Count + 1) / BucketCount;
            if (count < target && bin != histogram[^1]) continue;
            buckets.Add(new ParetoBucket(buckets.Count, fromRank, count, bucketSum, (double)count / customers,
                revenue == 0 ? 0 : (double)(sum / revenue), bin.Number, first.Value));
            (fromRank, first, bucketSum) = (count + 1, null, 0);
        }
        return buckets;
    }
}

/// <summary>
/// Amount bins of the contribution report: bin = ⌊ln(amount) × <see cref="PerE"/>⌋, about 5 % wide,
/// stored with each customer-year by the database (<see cref="CustomerRevenueFact.AmountBin"/>). The
/// customer list's drill-down filters on the same column, so it lists exactly a bucket's customers.
/// </summary>
public static class RevenueBins
{
    public const int PerE = 20;

    public sealed record Bin(int Number, int Count, decimal Sum);

    /// <summary>The smallest amount in <paramref name="bin"/>.</summary>
    public static decimal LowerEdge(int bin) => (decimal)Math.Exp((double)bin / PerE);

    /// <summary>The amount where the bin after <paramref name="bin"/> starts.</summary>
    public static decimal UpperEdge(int bin) => (decimal)Math.Exp((bin + 1.0) / PerE);
}
