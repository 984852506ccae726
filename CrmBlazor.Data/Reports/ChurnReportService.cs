using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Reports;

/// <summary>
/// One month of churn: customers classified Churned in it, customers trading at its start (New,
/// Growing, Mature or Declining), and the churn rate = churned ÷ trading at the start.
/// </summary>
public sealed record ChurnMonth(DateOnly Month, int Churned, int TradingAtStart)
{
    public double Rate => TradingAtStart == 0 ? 0 : (double)Churned / TradingAtStart;
}

public sealed record ChurnReasonSlice(string? ReasonCode, int Count);

public sealed record WarningStatusCount(ChurnCaseStatus Status, int Count);

/// <summary>A churned customer: churn confirmed (确定流失) with the reason, by the owner, after the last order.</summary>
public sealed record ChurnedCustomerRow(int CustomerId, string Number, string Name, string? OwnerId, string? ReasonCode, DateTime ConfirmedAt, DateOnly? LastOrderDate);

public sealed record ChurnReport(DateOnly Start, DateOnly End, IReadOnlyList<ChurnMonth> Months, IReadOnlyList<WarningStatusCount> Warnings,
    IReadOnlyList<ChurnReasonSlice> Reasons, int Confirmed);

/// <summary>
/// Churn analysis (客户流失分析): the churn rate per month (from the stage flows of migration 0006),
/// churn warnings raised in the period by where they stand (open, postponed, confirmed, resolved),
/// the reasons of the churn confirmed in the period, and those customers with owner and last order.
/// </summary>
public sealed class ChurnReportService(CrmDbFactory dbFactory, TimeProvider clock)
{
    private static readonly LifecycleStage[] Trading = [LifecycleStage.New, LifecycleStage.Growing, LifecycleStage.Mature, LifecycleStage.Declining];

    public async Task<ChurnReport> GetAsync(ReportFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        var (_, last, start, end) = filter.Months(Today);
        var flows = await StageFlows.UpToAsync(db, filter, last, ct);
        // the customers at a month's start are those at the previous month's end
        var counts = StageFlows.CountsByMonth(flows, start.AddMonths(-1), end);
        var months = new List<ChurnMonth>();
        for (var m = new DateOnly(start.Year, start.Month, 1); m <= end; m = m.AddMonths(1))
        {
            var key = StageFlows.Key(m);
            var churned = flows.Where(f => f.Month == key && f.To == nameof(LifecycleStage.Churned) && f.From != nameof(LifecycleStage.Churned)).Sum(f => f.Transitions);
            var trading = counts.Where(c => c.Month == m.AddMonths(-1) && Trading.Contains(c.Stage)).Sum(c => c.Customers);
            months.Add(new ChurnMonth(m, churned, trading));
        }
        var (from, to) = Window(start, end);
        var warnings = await Cases(db, filter).Where(c => c.RaisedAt >= from && c.RaisedAt < to)
            .GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var reasons = await Confirmed(db, filter, from, to)
            .GroupBy(c => c.ConfirmedReasonCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new ChurnReport(start, end, months,
            Enum.GetValues<ChurnCaseStatus>().Select(s => new WarningStatusCount(s, warnings.FirstOrDefault(w => w.Key == s)?.Count ?? 0)).ToArray(),
            reasons.OrderByDescending(r => r.Count).Select(r => new ChurnReasonSlice(r.Key, r.Count)).ToArray(),
            reasons.Sum(r => r.Count));
    }

    /// <summary>The churned customers of the period, latest confirmation first.</summary>
    public async Task<PagedResult<ChurnedCustomerRow>> ChurnedAsync(ReportFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewReports);
        var (_, _, start, end) = filter.Months(Today);
        var (from, to) = Window(start, end);
        var cases = Confirmed(db, filter, from, to);
        var total = await cases.CountAsync(ct);
        var rows = await cases.OrderByDescending(c => c.ClosedAt).ThenByDescending(c => c.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Join(db.Customers, cc => cc.CustomerId, c => c.Id, (cc, c) => new ChurnedCustomerRow(c.Id, c.Number, c.Name, c.OwnerId, cc.ConfirmedReasonCode,
                cc.ClosedAt!.Value, c.LastOrderDate))
            .ToListAsync(ct);
        return new PagedResult<ChurnedCustomerRow>(rows.OrderByDescending(r => r.ConfirmedAt).ToArray(), total);
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The period as UTC instants [from, to).</summary>
    internal static (DateTime From, DateTime To) Window(DateOnly start, DateOnly end) =>
        (start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private static IQueryable<ChurnCase> Confirmed(CrmDbContext db, ReportFilter filter, DateTime from, DateTime to) =>
        Cases(db, filter).Where(c => c.Status == ChurnCaseStatus.Confirmed && c.ClosedAt >= from && c.ClosedAt < to);

    private static IQueryable<ChurnCase> Cases(CrmDbContext db, ReportFilter filter)
    {
        var cases = db.ChurnCases.AsNoTracking();
        var hasDimension = !string.IsNullOrEmpty(filter.RegionCode) || !string.IsNullOrEmpty(filter.IndustryCode) || !string.IsNullOrEmpty(filter.OwnerId)
            || !string.IsNullOrEmpty(filter.LevelCode) || filter.Stage is not null;
        if (!hasDimension) return cases;
        var customers = db.Customers.Apply(filter);
        return cases.Where(cc => customers.Any(c => c.Id == cc.CustomerId));
    }
}
