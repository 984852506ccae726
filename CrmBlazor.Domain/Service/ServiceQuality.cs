namespace CrmBlazor.Domain.Service;

/// <summary>
/// One ticket as the quality measures read it. <see cref="FirstAssignedAt"/> is the first
/// assignment (a re-assignment does not reset the clock); <see cref="HandledAt"/> the latest
/// handling; <see cref="ClosedAt"/> the feedback that closed it (null while open).
/// </summary>
public sealed record TicketFact(int Id, string TypeCode, TicketPriority Priority, TicketStatus Status, string? HandlerId,
    DateTime CreatedAt, DateTime? FirstAssignedAt, DateTime? HandledAt, DateTime? ClosedAt, int? Satisfaction, int RehandleCount)
{
    public bool IsHandled => Status is TicketStatus.Handled or TicketStatus.FeedbackGiven or TicketStatus.Archived;
    public bool IsClosed => ClosedAt is not null && Status is TicketStatus.FeedbackGiven or TicketStatus.Archived;
    /// <summary>Feedback was given at least once: it closed the ticket, or sent it back for re-handling.</summary>
    public bool HadFeedback => IsClosed || RehandleCount > 0;
}

/// <summary>A completed revisit (回访): who made it, when, and the type of the ticket it followed (null after a purchase).</summary>
public sealed record RevisitFact(string AssignedToId, DateTime CompletedAt, string? TicketTypeCode);

/// <summary>Hours from creation to a milestone: how many tickets reached it, the mean and the 90th percentile (nearest rank).</summary>
public sealed record DurationStats(int Count, double? MeanHours, double? P90Hours);

/// <summary>The measures of one group of tickets (all, one handler, one type or one month). Rates are 0–1, null when their base is empty.</summary>
public sealed record QualityMeasures(
    string Key,
    int Tickets,
    int Handled,
    double? HandledRate,
    DurationStats ToAssign,
    DurationStats ToHandle,
    DurationStats ToClose,
    int Closed,
    double? FirstContactRate,
    double? AverageSatisfaction,
    int Complaints,
    double? ComplaintShare,
    double? RehandleRate,
    int Revisits);

public sealed record ServiceQualityReport(QualityMeasures Total, IReadOnlyList<QualityMeasures> ByHandler,
    IReadOnlyList<QualityMeasures> ByType, IReadOnlyList<QualityMeasures> ByMonth);

/// <summary>
/// Service-level and quality measures (服务质量监控, PRODUCT.md §5) over plain ticket records:
/// handled rate (handled, closed or archived ÷ all), mean and p90 hours to first assignment, to
/// handling and to closing, first-contact resolution (closed without re-handling ÷ closed),
/// average closing satisfaction, complaint share, re-handle rate (re-handled ÷ tickets that got
/// feedback) — in total and per handler, per type and per month of creation; plus revisit counts.
/// </summary>
public static class ServiceQuality
{
    public const string ComplaintType = "complaint";
    /// <summary>The handler key of tickets nobody is assigned to.</summary>
    public const string Unassigned = "";

    public static ServiceQualityReport Measure(IReadOnlyCollection<TicketFact> tickets, IReadOnlyCollection<RevisitFact> revisits)
    {
        var byHandler = tickets.GroupBy(t => t.HandlerId ?? Unassigned)
            .Select(g => Of(g.Key, g.ToArray(), revisits.Count(r => r.AssignedToId == g.Key)))
            .ToList();
        // a revisit-maker who handled no ticket in the range still shows their revisits
        foreach (var extra in revisits.GroupBy(r => r.AssignedToId).Where(g => byHandler.All(h => h.Key != g.Key)))
            byHandler.Add(Of(extra.Key, [], extra.Count()));
        return new ServiceQualityReport(
            Of("", tickets, revisits.Count),
            byHandler.OrderByDescending(m => m.Tickets).ThenBy(m => m.Key, StringComparer.Ordinal).ToArray(),
            tickets.GroupBy(t => t.TypeCode).Select(g => Of(g.Key, g.ToArray(), revisits.Count(r => r.TicketTypeCode == g.Key)))
                .OrderByDescending(m => m.Tickets).ThenBy(m => m.Key, StringComparer.Ordinal).ToArray(),
            tickets.GroupBy(t => MonthKey(t.CreatedAt)).Select(g => Of(g.Key, g.ToArray(), revisits.Count(r => MonthKey(r.CompletedAt) == g.Key)))
                .OrderBy(m => m.Key, StringComparer.Ordinal).ToArray());
    }

    public static string MonthKey(DateTime at) => $"{at.Year:D4}-{at.Month:D2}";

    public static QualityMeasures Of(string key, IReadOnlyCollection<TicketFact> tickets, int revisits)
    {
        var handled = tickets.Count(t => t.IsHandled);
        var closed = tickets.Where(t => t.IsClosed).ToArray();
        var rated = closed.Where(t => t.Satisfaction is not null).ToArray();
        var complaints = tickets.Count(t => t.TypeCode == ComplaintType);
        var withFeedback = tickets.Count(t => t.HadFeedback);
        return new QualityMeasures(key, tickets.Count, handled, Rate(handled, tickets.Count),
            Durations(tickets, t => t.FirstAssignedAt),
            Durations(tickets, t => t.HandledAt),
            Durations(tickets, t => t.IsClosed ? t.ClosedAt : null),
            closed.Length,
            Rate(closed.Count(t => t.RehandleCount == 0), closed.Length),
            rated.Length == 0 ? null : rated.Average(t => t.Satisfaction!.Value),
            complaints, Rate(complaints, tickets.Count),
            Rate(tickets.Count(t => t.RehandleCount > 0), withFeedback),
            revisits);
    }

    public static DurationStats Durations(IEnumerable<TicketFact> tickets, Func<TicketFact, DateTime?> milestone)
    {
        var hours = tickets.Select(t => milestone(t) is { } at ? (at - t.CreatedAt).TotalHours : (double?)null)
            .Where(h => h is not null).Select(h => Math.Max(0, h!.Value)).Order().ToArray();
        return hours.Length == 0 ? new DurationStats(0, null, null) : new DurationStats(hours.Length, hours.Average(), Percentile(hours, 0.9));
    }

    /// <summary>Nearest-rank percentile of sorted values: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
