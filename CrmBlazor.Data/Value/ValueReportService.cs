using CrmBlazor.Data.Access;
using CrmBlazor.Data.Reports;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Value;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Value;

public sealed record SegmentSlice(RfmSegment Segment, int Customers, int ClvCustomers, decimal Clv, decimal Revenue12Months)
{
    public decimal? AverageClv => ClvCustomers == 0 ? null : Math.Round(Clv / ClvCustomers, 2);
}

/// <summary>One cell of the RFM segment map: recency score × ⌈(F + M) / 2⌉, the segment it belongs to, its customers.</summary>
public sealed record RfmCell(int R, int Fm, RfmSegment Segment, int Customers);

public sealed record ClvBandSlice(int Band, decimal From, decimal? To, int Customers, decimal Clv);

public sealed record TopValueCustomer(int CustomerId, string Number, string Name, string? OwnerId, RfmSegment Segment, ValueTier Tier,
    decimal? Clv, double? ProbabilityAlive, double? ExpectedPurchases, ChurnRiskLevel Risk);

/// <summary>The value report (客户价值分析) as of the last scoring, for the caller's customers and the filter's dimensions.</summary>
public sealed record ValueReport(ValueRunRow? Run, int Customers, int ClvCustomers, decimal Clv, IReadOnlyList<SegmentSlice> Segments,
    IReadOnlyList<RfmCell> Map, IReadOnlyList<ClvBandSlice> Bands, IReadOnlyList<TopValueCustomer> Top);

/// <summary>
/// Customer value (RFM segment map, CLV distribution and by segment, top customers by CLV). Reads
/// the aggregates the nightly scoring rebuilds (a few thousand rows, whatever the customer count)
/// and, for the top list, the CLV index — so the page stays within budget at a million customers.
/// A manager's aggregates are their team's (query filters, as for every report).
/// </summary>
public sealed class ValueReportService(CrmDbFactory dbFactory)
{
    public const int TopCount = 10;

    public async Task<ValueReport> GetAsync(ReportFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        var run = await db.ValueModelRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);

        var cells = await db.ReportValueSegments.AsNoTracking().Apply(filter)
            .GroupBy(x => new { x.RfmR, x.RfmFm })
            .Select(g => new { g.Key.RfmR, g.Key.RfmFm, Customers = g.Sum(x => x.Customers), ClvCustomers = g.Sum(x => x.ClvCustomers), Clv = g.Sum(x => x.Clv), Revenue = g.Sum(x => x.Revenue12Months) })
            .ToListAsync(ct);
        var map = cells.Select(c => new RfmCell(c.RfmR, c.RfmFm, Rfm.SegmentOf(c.RfmR, c.RfmFm, c.RfmFm), c.Customers))
            .OrderByDescending(c => c.R).ThenBy(c => c.Fm).ToArray();
        var segments = cells.GroupBy(c => Rfm.SegmentOf(c.RfmR, c.RfmFm, c.RfmFm))
            .Select(g => new SegmentSlice(g.Key, g.Sum(c => c.Customers), g.Sum(c => c.ClvCustomers), g.Sum(c => c.Clv), g.Sum(c => c.Revenue)))
            .OrderBy(s => s.Segment).ToArray();

        var bandRows = await db.ReportValueClv.AsNoTracking().Apply(filter)
            .GroupBy(x => x.Band).Select(g => new { Band = g.Key, Customers = g.Sum(x => x.Customers), Clv = g.Sum(x => x.Clv) })
            .ToDictionaryAsync(x => x.Band, ct);
        var bands = Enumerable.Range(0, ClvBands.Edges.Length).Select(b =>
        {
            var (from, to) = ClvBands.Range(b);
            return bandRows.TryGetValue(b, out var row) ? new ClvBandSlice(b, from, to, row.Customers, row.Clv) : new ClvBandSlice(b, from, to, 0, 0);
        }).ToArray();

        var top = await TopAsync(db, filter, ct);
        return new ValueReport(
            ValueRunRow.Of(run),
            segments.Sum(s => s.Customers), segments.Sum(s => s.ClvCustomers), segments.Sum(s => s.Clv), segments, map, bands, top);
    }

    /// <summary>
    /// The customers with the highest CLV: a walk down the CLV index (ties by id in the same
    /// direction, so no sort), each score checked against its customer — the caller's access and the
    /// filter's dimensions — by primary key until ten match; then their names. As one join SQLite
    /// drove the query from a manager's customers instead and sorted them (5 s at a million).
    /// </summary>
    private static async Task<IReadOnlyList<TopValueCustomer>> TopAsync(CrmDbContext db, ReportFilter f, CancellationToken ct)
    {
        var customers = db.Customers.AsNoTracking().Apply(f);
        var top = await db.ValueScores.AsNoTracking()
            .Where(v => v.Clv != null && customers.Any(c => c.Id == v.CustomerId))
            .OrderByDescending(v => v.Clv).ThenByDescending(v => v.CustomerId)
            .Take(TopCount)
            .Select(v => new { v.CustomerId, v.RfmSegment, v.ValueTier, v.Clv, v.ProbabilityAlive, v.ExpectedPurchases, v.ChurnRisk })
            .ToListAsync(ct);
        var ids = top.Select(t => t.CustomerId).ToArray();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.Name, c.OwnerId }).ToDictionaryAsync(c => c.Id, ct);
        return top.Where(t => names.ContainsKey(t.CustomerId)).Select(t =>
        {
            var c = names[t.CustomerId];
            return new TopValueCustomer(c.Id, c.Number, c.Name, c.OwnerId, t.RfmSegment, t.ValueTier, t.Clv, t.ProbabilityAlive, t.ExpectedPurchases, t.ChurnRisk);
        }).ToArray();
    }
}
