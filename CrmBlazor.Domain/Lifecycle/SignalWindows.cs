namespace CrmBlazor.Domain.Lifecycle;

/// <summary>The date windows the stage rules look through, fixed once per evaluation run.</summary>
public sealed class SignalWindows
{
    /// <summary>Usage and service trends compare the last 30 days with the 30 before.</summary>
    public const int TrendWindowDays = 30;

    /// <summary>Consecutive active months are counted over at most this many months back.</summary>
    public const int MonthsTracked = 64;

    public SignalWindows(DateOnly asOf, StageThresholds t)
    {
        AsOf = asOf;
        AsOfDay = asOf.DayNumber;
        AsOfMonth = MonthIndex(asOf);
        RepeatFromDay = asOf.AddDays(-t.GrowingRepeatWindowDays).DayNumber;
        ArpuFromDay = asOf.AddMonths(-12).DayNumber;
        End = asOf.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        SignalFrom = asOf.AddDays(-t.ProspectSignalWindowDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        CurrentFrom = asOf.AddDays(-TrendWindowDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        PreviousFrom = asOf.AddDays(-2 * TrendWindowDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    public DateOnly AsOf { get; }
    internal int AsOfDay { get; }
    internal int AsOfMonth { get; }
    internal int RepeatFromDay { get; }
    internal int ArpuFromDay { get; }
    /// <summary>The last moment of the as-of day: later events do not count.</summary>
    public DateTime End { get; }
    /// <summary>Prospect signals (visits, forms, events) count after this moment.</summary>
    public DateTime SignalFrom { get; }
    public DateTime CurrentFrom { get; }
    public DateTime PreviousFrom { get; }

    /// <summary>The earliest moment any windowed event can matter (all-time events — referrals, unsubscribe, closure — always do).</summary>
    public DateTime EarliestWindowed => SignalFrom < PreviousFrom ? SignalFrom : PreviousFrom;

    internal static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;
}

/// <summary>
/// One customer's orders folded one at a time, in any order, into the figures the stage rules
/// read — so the batch recompute streams ten million orders without holding them, and gives the
/// same figures as the single-customer path (both use this type).
/// </summary>
public struct OrderAggregate
{
    private int _firstDay;
    private int _lastDay;
    private int _inRepeatWindow;
    private ulong _months;

    public int Count { get; private set; }
    public decimal Total { get; private set; }
    public decimal FirstAmount { get; private set; }
    /// <summary>Revenue of the last 12 months (for ARPU).</summary>
    public decimal Recent { get; private set; }

    public readonly DateOnly? FirstDate => Count == 0 ? null : DateOnly.FromDayNumber(_firstDay);
    public readonly DateOnly? LastDate => Count == 0 ? null : DateOnly.FromDayNumber(_lastDay);

    /// <summary>Adds one order; orders after the as-of date are ignored. Returns whether it counted.</summary>
    public bool Add(DateOnly date, decimal amount, SignalWindows w)
    {
        var day = date.DayNumber;
        if (day > w.AsOfDay) return false;
        // the first order is the earliest; of several on that day the smallest, so the result
        // never depends on the order the rows arrive in
        if (Count == 0 || day < _firstDay)
        {
            _firstDay = day;
            FirstAmount = amount;
        }
        else if (day == _firstDay && amount < FirstAmount)
            FirstAmount = amount;
        if (Count == 0 || day > _lastDay) _lastDay = day;
        Count++;
        Total += amount;
        if (day > w.RepeatFromDay) _inRepeatWindow++;
        if (day > w.ArpuFromDay) Recent += amount;
        var back = w.AsOfMonth - SignalWindows.MonthIndex(date);
        if (back < SignalWindows.MonthsTracked) _months |= 1UL << back;
        return true;
    }

    /// <summary>Orders other than the first inside the repeat window.</summary>
    public readonly int RepeatOrdersInWindow(SignalWindows w) =>
        Count == 0 ? 0 : _inRepeatWindow - (_firstDay > w.RepeatFromDay ? 1 : 0);

    /// <summary>
    /// Consecutive calendar months with an order, counted back from the as-of month — or from the
    /// month before when the as-of month has no order yet (it may simply not be over).
    /// </summary>
    public readonly int ConsecutiveMonths()
    {
        var bit = (_months & 1UL) != 0 ? 0 : 1;
        var count = 0;
        while (bit < SignalWindows.MonthsTracked && (_months & (1UL << bit)) != 0) { count++; bit++; }
        return count;
    }

    /// <summary>Average monthly revenue over the last 12 months (or the months since the first order, if fewer).</summary>
    public readonly decimal Arpu(SignalWindows w)
    {
        if (Count == 0) return 0;
        var months = Math.Clamp(w.AsOfMonth - SignalWindows.MonthIndex(DateOnly.FromDayNumber(_firstDay)) + 1, 1, 12);
        return Recent / months;
    }
}

/// <summary>One customer's behaviour events and service tickets folded into the signals the stage rules read.</summary>
public sealed class EventAggregate
{
    private HashSet<string>? _features;

    public int Referrals { get; private set; }
    public int SiteVisits { get; private set; }
    public bool FilledLeadForm { get; private set; }
    public bool JoinedEvent { get; private set; }
    public decimal UsageCurrent { get; private set; }
    public decimal UsagePrevious { get; private set; }
    public int ServiceContactsCurrent { get; private set; }
    public int ServiceContactsPrevious { get; private set; }
    public bool Unsubscribed { get; private set; }
    public bool AccountClosed { get; private set; }
    public int CoreFeaturesUsed => _features?.Count ?? 0;

    public void Add(DateTime at, Behaviour.BehaviourEventType type, decimal value, string? detail, SignalWindows w)
    {
        if (at > w.End) return;
        var inSignal = at > w.SignalFrom;
        var inCurrent = at > w.CurrentFrom;
        var inPrevious = !inCurrent && at > w.PreviousFrom;
        switch (type)
        {
            case Behaviour.BehaviourEventType.Referral: Referrals++; break;
            case Behaviour.BehaviourEventType.Unsubscribe: Unsubscribed = true; break;
            case Behaviour.BehaviourEventType.AccountClosed: AccountClosed = true; break;
            case Behaviour.BehaviourEventType.SiteVisit when inSignal: SiteVisits++; break;
            case Behaviour.BehaviourEventType.LeadForm when inSignal: FilledLeadForm = true; break;
            case Behaviour.BehaviourEventType.EventParticipation when inSignal: JoinedEvent = true; break;
            case Behaviour.BehaviourEventType.FeatureUse when inCurrent:
                (_features ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(detail ?? "");
                break;
            case Behaviour.BehaviourEventType.UsageMinutes when inCurrent: UsageCurrent += value; break;
            case Behaviour.BehaviourEventType.UsageMinutes when inPrevious: UsagePrevious += value; break;
            case Behaviour.BehaviourEventType.ServiceContact when inCurrent: ServiceContactsCurrent++; break;
            case Behaviour.BehaviourEventType.ServiceContact when inPrevious: ServiceContactsPrevious++; break;
        }
    }

    /// <summary>A service ticket opened at <paramref name="at"/> is a service contact.</summary>
    public void AddTicket(DateTime at, SignalWindows w)
    {
        if (at > w.End) return;
        if (at > w.CurrentFrom) ServiceContactsCurrent++;
        else if (at > w.PreviousFrom) ServiceContactsPrevious++;
    }
}
