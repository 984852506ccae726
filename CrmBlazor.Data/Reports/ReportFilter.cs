using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Data.Reports;

/// <summary>
/// The filter bar of every executive report. Dimensions are the customer's current ones; the
/// period is inclusive (<see cref="From"/> … <see cref="To"/>); a report reads what applies to it
/// (the contribution report reads <see cref="Year"/> and <see cref="Name"/>).
/// </summary>
public sealed record ReportFilter
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int? Year { get; init; }
    public string? RegionCode { get; init; }
    public string? IndustryCode { get; init; }
    public string? OwnerId { get; init; }
    public LifecycleStage? Stage { get; init; }
    public string? LevelCode { get; init; }
    public string? Name { get; init; }

    /// <summary>The period's months (yyyy-MM), defaulting to the twelve months up to <paramref name="today"/>.</summary>
    public (string First, string Last, DateOnly Start, DateOnly End) Months(DateOnly today)
    {
        var end = To ?? today;
        var start = From ?? new DateOnly(end.Year, end.Month, 1).AddMonths(-11);
        if (start > end) (start, end) = (end, start);
        return (start.ToString("yyyy-MM"), end.ToString("yyyy-MM"), start, end);
    }
}

/// <summary>An aggregate row keyed by the customer's filter dimensions ('' stands for "none").</summary>
public interface IReportDimensions
{
    string OwnerId { get; }
    string LevelCode { get; }
    string RegionCode { get; }
    string IndustryCode { get; }
}

/// <summary>An aggregate row also keyed by the customer's current stage (its name).</summary>
public interface IReportStageDimension : IReportDimensions
{
    string Stage { get; }
}

/// <summary>How the report aggregates are filtered by <see cref="ReportFilter"/>'s dimensions.</summary>
internal static class ReportFilterExtensions
{
    public static IQueryable<T> Apply<T>(this IQueryable<T> q, ReportFilter f) where T : IReportDimensions
    {
        if (!string.IsNullOrEmpty(f.RegionCode)) q = q.Where(x => x.RegionCode == f.RegionCode);
        if (!string.IsNullOrEmpty(f.IndustryCode)) q = q.Where(x => x.IndustryCode == f.IndustryCode);
        if (!string.IsNullOrEmpty(f.OwnerId)) q = q.Where(x => x.OwnerId == f.OwnerId);
        if (!string.IsNullOrEmpty(f.LevelCode)) q = q.Where(x => x.LevelCode == f.LevelCode);
        // an aggregate without a stage key (the stage flows: from → to) ignores the stage filter
        if (f.Stage is { } stage && typeof(IReportStageDimension).IsAssignableFrom(typeof(T)))
        {
            var s = stage.ToString();
            q = q.Where(x => ((IReportStageDimension)x).Stage == s);
        }
        return q;
    }

    public static IQueryable<Domain.Customers.Customer> Apply(this IQueryable<Domain.Customers.Customer> q, ReportFilter f)
    {
        if (!string.IsNullOrEmpty(f.RegionCode)) q = q.Where(x => x.RegionCode == f.RegionCode);
        if (!string.IsNullOrEmpty(f.IndustryCode)) q = q.Where(x => x.IndustryCode == f.IndustryCode);
        if (!string.IsNullOrEmpty(f.OwnerId)) q = q.Where(x => x.OwnerId == f.OwnerId);
        if (!string.IsNullOrEmpty(f.LevelCode)) q = q.Where(x => x.LevelCode == f.LevelCode);
        if (f.Stage is { } stage) q = q.Where(x => x.Stage == stage);
        return q;
    }
}
