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

/// <summary>How the report facts are filtered by <see cref="ReportFilter"/>'s dimensions ('' stands for "none").</summary>
internal static class ReportFilterExtensions
{
    public static IQueryable<CustomerCubeFact> Apply(this IQueryable<CustomerCubeFact> q, ReportFilter f)
    {
        if (!string.IsNullOrEmpty(f.RegionCode)) q = q.Where(x => x.RegionCode == f.RegionCode);
        if (!string.IsNullOrEmpty(f.IndustryCode)) q = q.Where(x => x.IndustryCode == f.IndustryCode);
        if (!string.IsNullOrEmpty(f.OwnerId)) q = q.Where(x => x.OwnerId == f.OwnerId);
        if (!string.IsNullOrEmpty(f.LevelCode)) q = q.Where(x => x.LevelCode == f.LevelCode);
        if (f.Stage is { } stage) { var s = stage.ToString(); q = q.Where(x => x.Stage == s); }
        return q;
    }

    public static IQueryable<CustomerRevenueFact> Apply(this IQueryable<CustomerRevenueFact> q, ReportFilter f)
    {
        if (!string.IsNullOrEmpty(f.RegionCode)) q = q.Where(x => x.RegionCode == f.RegionCode);
        if (!string.IsNullOrEmpty(f.IndustryCode)) q = q.Where(x => x.IndustryCode == f.IndustryCode);
        if (!string.IsNullOrEmpty(f.OwnerId)) q = q.Where(x => x.OwnerId == f.OwnerId);
        if (!string.IsNullOrEmpty(f.LevelCode)) q = q.Where(x => x.LevelCode == f.LevelCode);
        if (f.Stage is { } stage) { var s = stage.ToString(); q = q.Where(x => x.Stage == s); }
        return q;
    }

    public static IQueryable<StageFlowFact> Apply(this IQueryable<StageFlowFact> q, ReportFilter f)
    {
        if (!string.IsNullOrEmpty(f.RegionCode)) q = q.Where(x => x.RegionCode == f.RegionCode);
        if (!string.IsNullOrEmpty(f.IndustryCode)) q = q.Where(x => x.IndustryCode == f.IndustryCode);
        if (!string.IsNullOrEmpty(f.OwnerId)) q = q.Where(x => x.OwnerId == f.OwnerId);
        if (!string.IsNullOrEmpty(f.LevelCode)) q = q.Where(x => x.LevelCode == f.LevelCode);
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
