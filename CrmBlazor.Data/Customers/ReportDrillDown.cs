using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Data.Customers;

/// <summary>
/// The customer list's filters that reproduce a report's bar or slice (CustomerQuery's drill-down
/// fields): each reads the same table the report counted, so the list holds exactly its customers.
/// </summary>
internal static class ReportDrillDown
{
    public static IQueryable<Customer> Apply(IQueryable<Customer> query, CrmDbContext db, CustomerQuery q)
    {
        if (q.RevenueYear is { } year)
        {
            var (min, max) = (q.RevenueMinBin ?? -999, q.RevenueMaxBin ?? int.MaxValue);
            var inBins = db.ReportCustomerRevenue.Where(r => r.Year == year && r.AmountBin >= min && r.AmountBin <= max).Select(r => r.CustomerId);
            query = query.Where(c => inBins.Contains(c.Id));
        }
        if (q.ChurnWarning is { } status)
        {
            var cases = db.ChurnCases.Where(cc => cc.Status == status);
            if (q.WarnedFrom is { } from) { var f = Utc(from); cases = cases.Where(cc => cc.RaisedAt >= f); }
            if (q.WarnedTo is { } to) { var t = Utc(to.AddDays(1)); cases = cases.Where(cc => cc.RaisedAt < t); }
            var ids = cases.Select(cc => cc.CustomerId);
            query = query.Where(c => ids.Contains(c.Id));
        }
        if (!string.IsNullOrEmpty(q.ChurnReason))
        {
            var reason = q.ChurnReason;
            var cases = db.ChurnCases.Where(cc => cc.Status == ChurnCaseStatus.Confirmed && cc.ConfirmedReasonCode == reason);
            if (q.ChurnedFrom is { } from) { var f = Utc(from); cases = cases.Where(cc => cc.ClosedAt >= f); }
            if (q.ChurnedTo is { } to) { var t = Utc(to.AddDays(1)); cases = cases.Where(cc => cc.ClosedAt < t); }
            var ids = cases.Select(cc => cc.CustomerId);
            query = query.Where(c => ids.Contains(c.Id));
        }
        if (q.MovedTo is not null || q.MovedFrom is not null || q.MovedFromNone)
        {
            var moves = db.StageHistory.AsQueryable();
            if (q.MovedTo is { } to) moves = moves.Where(h => h.ToStage == to);
            if (q.MovedFromNone) moves = moves.Where(h => h.FromStage == null);
            else if (q.MovedFrom is { } from) moves = moves.Where(h => h.FromStage == from);
            if (q.MovedSince is { } since) { var s = Utc(since); moves = moves.Where(h => h.At >= s); }
            if (q.MovedUntil is { } until) { var u = Utc(until.AddDays(1)); moves = moves.Where(h => h.At < u); }
            var ids = moves.Select(h => h.CustomerId);
            query = query.Where(c => ids.Contains(c.Id));
        }
        if (q.InStage is { } inStage && q.InStageOn is { } on)
        {
            var end = Utc(on.AddDays(1));
            query = query.Where(c => db.StageHistory.Where(h => h.CustomerId == c.Id && h.At < end)
                .OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Select(h => (LifecycleStage?)h.ToStage).FirstOrDefault() == inStage);
        }
        return query;
    }

    private static DateTime Utc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
