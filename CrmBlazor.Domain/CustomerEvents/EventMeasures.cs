namespace CrmBlazor.Domain.CustomerEvents;

/// <summary>One invitation as the measures read it.</summary>
public readonly record struct ParticipationFact(RegistrationStatus Registration, AttendanceStatus? Attendance, bool? Passed, int? Satisfaction);

/// <summary>
/// An event's response (or several events' together): attendance ÷ invitations, average
/// satisfaction of those who rated, and for trainings the pass rate of the attendees who were scored.
/// Rates are null when their denominator is zero — "no data", not 0 %.
/// </summary>
public sealed record EventMeasures(int Invitations, int Registered, int Declined, int Attended, int NoShows,
    int Rated, int SatisfactionTotal, int Scored, int Passed)
{
    public static readonly EventMeasures Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public double? AverageSatisfaction => Rated == 0 ? null : Math.Round((double)SatisfactionTotal / Rated, 2);

    public double? AttendanceRate => Invitations == 0 ? null : (double)Attended / Invitations;
    public double? RegistrationRate => Invitations == 0 ? null : (double)Registered / Invitations;
    public double? PassRate => Scored == 0 ? null : (double)Passed / Scored;

    public static EventMeasures From(IEnumerable<ParticipationFact> facts)
    {
        int invitations = 0, registered = 0, declined = 0, attended = 0, noShows = 0, rated = 0, scored = 0, passed = 0, stars = 0;
        foreach (var f in facts)
        {
            invitations++;
            if (f.Registration == RegistrationStatus.Registered) registered++;
            if (f.Registration == RegistrationStatus.Declined) declined++;
            if (f.Attendance == AttendanceStatus.Attended) attended++;
            if (f.Attendance == AttendanceStatus.NoShow) noShows++;
            if (f.Satisfaction is { } s) { rated++; stars += s; }
            if (f.Passed is { } p) { scored++; if (p) passed++; }
        }
        return new(invitations, registered, declined, attended, noShows, rated, stars, scored, passed);
    }

    /// <summary>Several events' measures as one (the events list's totals).</summary>
    public static EventMeasures Sum(IEnumerable<EventMeasures> parts)
    {
        var list = parts.ToList();
        return new(list.Sum(m => m.Invitations), list.Sum(m => m.Registered), list.Sum(m => m.Declined), list.Sum(m => m.Attended),
            list.Sum(m => m.NoShows), list.Sum(m => m.Rated), list.Sum(m => m.SatisfactionTotal), list.Sum(m => m.Scored), list.Sum(m => m.Passed));
    }
}
