using System.Globalization;
using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Service;

/// <summary>Where an open ticket stands against its due time.</summary>
public enum TicketDueState
{
    /// <summary>Handled, closed or archived: the due time no longer applies.</summary>
    NotApplicable,
    OnTime,
    /// <summary>Less than a quarter of the allowed time is left.</summary>
    DueSoon,
    Overdue,
}

public sealed record TicketDueStatus(TicketDueState State, DateTime? DueAt)
{
    public bool IsOverdue => State == TicketDueState.Overdue;
}

/// <summary>
/// The service levels and care delays an admin sets (stored settings <c>Service.*</c>): hours within
/// which a ticket must be handled, per ticket type and priority (a type without its own row uses
/// the <see cref="AnyType"/> row), and the days after which a revisit (回访) is due after an archived
/// ticket or a first purchase, and how many days before an occasion a greeting task is due.
/// </summary>
public sealed record ServiceLevels
{
    public const string KeyPrefix = "Service.";
    /// <summary>The row that applies to types without their own.</summary>
    public const string AnyType = "*";
    public const int MinHours = 1, MaxHours = 720, MaxDays = 365;

    private static readonly IReadOnlyDictionary<TicketPriority, int> DefaultHours = new Dictionary<TicketPriority, int>
    {
        [TicketPriority.Urgent] = 4, [TicketPriority.High] = 8, [TicketPriority.Normal] = 24, [TicketPriority.Low] = 72,
    };

    public static readonly ServiceLevels Default = new();

    /// <summary>(type code or <see cref="AnyType"/>, priority) → hours to handle.</summary>
    public IReadOnlyDictionary<(string Type, TicketPriority Priority), int> DueHours { get; private init; } =
        DefaultHours.ToDictionary(p => (AnyType, p.Key), p => p.Value);

    public int RevisitAfterTicketDays { get; private init; } = 3;
    public int RevisitAfterFirstPurchaseDays { get; private init; } = 7;
    public int GreetingLeadDays { get; private init; } = 3;

    public int HoursFor(string typeCode, TicketPriority priority) =>
        DueHours.TryGetValue((typeCode, priority), out var h) ? h
        : DueHours.TryGetValue((AnyType, priority), out var any) ? any
        : DefaultHours[priority];

    public DateTime DueAt(DateTime createdAt, string typeCode, TicketPriority priority) => createdAt.AddHours(HoursFor(typeCode, priority));

    /// <summary>A ticket's due state at <paramref name="now"/>: only a ticket still waiting to be handled (created or assigned) can be late.</summary>
    public TicketDueStatus StatusOf(TicketStatus status, string typeCode, TicketPriority priority, DateTime createdAt, DateTime now)
    {
        if (status is not (TicketStatus.Created or TicketStatus.Assigned)) return new TicketDueStatus(TicketDueState.NotApplicable, null);
        var hours = HoursFor(typeCode, priority);
        var due = createdAt.AddHours(hours);
        if (now > due) return new TicketDueStatus(TicketDueState.Overdue, due);
        return new TicketDueStatus((due - now).TotalHours < hours / 4.0 ? TicketDueState.DueSoon : TicketDueState.OnTime, due);
    }

    public TicketDueStatus StatusOf(ServiceTicket t, DateTime now) => StatusOf(t.Status, t.TypeCode, t.Priority, t.CreatedAt, now);

    public bool IsOverdue(ServiceTicket t, DateTime now) => StatusOf(t, now).IsOverdue;

    /// <summary>
    /// Builds and checks a full set: every hour value between <see cref="MinHours"/> and
    /// <see cref="MaxHours"/>, every <see cref="AnyType"/> priority present, days 0–<see cref="MaxDays"/>,
    /// and a more urgent priority never allowed more time than a less urgent one of the same type
    /// (as the values take effect, a type's empty cells being the <see cref="AnyType"/> values).
    /// </summary>
    public static ServiceLevels With(IReadOnlyDictionary<(string Type, TicketPriority Priority), int> dueHours, int revisitAfterTicketDays, int revisitAfterFirstPurchaseDays, int greetingLeadDays)
    {
        foreach (var ((type, priority), hours) in dueHours)
        {
            if (string.IsNullOrWhiteSpace(type) || type.Length > 32 || type.Contains('.'))
                throw new DomainException("ServiceLevel.BadType", $"'{type}' is not a ticket type.", type);
            if (hours is < MinHours or > MaxHours)
                throw new DomainException("ServiceLevel.HoursRange", $"Due time for {type}/{priority} must be {MinHours}–{MaxHours} hours.", MinHours, MaxHours);
        }
        foreach (var p in Enum.GetValues<TicketPriority>())
            if (!dueHours.ContainsKey((AnyType, p)))
                throw new DomainException("Validation.Required", $"The default due time for {p} is required.", p.ToString());
        // compared as they take effect: a type's empty cell is the "all types" value
        foreach (var type in dueHours.Keys.Select(k => k.Type).Distinct())
        {
            var ordered = Enum.GetValues<TicketPriority>().Select(p => (p, h: dueHours.TryGetValue((type, p), out var own) ? own : dueHours[(AnyType, p)])).ToArray();
            for (var i = 1; i < ordered.Length; i++)
                if (ordered[i].h > ordered[i - 1].h)
                    throw new DomainException("ServiceLevel.PriorityOrder", $"{ordered[i].p} may not allow more hours than {ordered[i - 1].p}.", ordered[i].p.ToString(), ordered[i - 1].p.ToString());
        }
        Days(revisitAfterTicketDays); Days(revisitAfterFirstPurchaseDays); Days(greetingLeadDays);
        return new ServiceLevels
        {
            DueHours = new Dictionary<(string, TicketPriority), int>(dueHours),
            RevisitAfterTicketDays = revisitAfterTicketDays,
            RevisitAfterFirstPurchaseDays = revisitAfterFirstPurchaseDays,
            GreetingLeadDays = greetingLeadDays,
        };

        static void Days(int days)
        {
            if (days is < 0 or > MaxDays) throw new DomainException("ServiceLevel.DaysRange", $"Days must be 0–{MaxDays}.", 0, MaxDays);
        }
    }

    /// <summary>Reads stored settings; a missing or unreadable value falls back to the default (the settings page always writes a valid set).</summary>
    public static ServiceLevels FromSettings(IReadOnlyDictionary<string, string> settings)
    {
        var hours = Default.DueHours.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, value) in settings)
        {
            if (!key.StartsWith(KeyPrefix + "Due.", StringComparison.Ordinal)) continue;
            var parts = key[(KeyPrefix.Length + 4)..].Split('.');
            if (parts.Length == 2 && Enum.TryParse<TicketPriority>(parts[1], out var p) && Int(value) is { } h and >= MinHours and <= MaxHours)
                hours[(parts[0], p)] = h;
        }
        int Day(string name, int fallback) => settings.TryGetValue(KeyPrefix + name, out var v) && Int(v) is { } d and >= 0 and <= MaxDays ? d : fallback;
        return new ServiceLevels
        {
            DueHours = hours,
            RevisitAfterTicketDays = Day(nameof(RevisitAfterTicketDays), Default.RevisitAfterTicketDays),
            RevisitAfterFirstPurchaseDays = Day(nameof(RevisitAfterFirstPurchaseDays), Default.RevisitAfterFirstPurchaseDays),
            GreetingLeadDays = Day(nameof(GreetingLeadDays), Default.GreetingLeadDays),
        };
    }

    public IEnumerable<KeyValuePair<string, string>> ToSettings()
    {
        foreach (var ((type, priority), hours) in DueHours.OrderBy(p => p.Key.Type, StringComparer.Ordinal).ThenBy(p => p.Key.Priority))
            yield return new($"{KeyPrefix}Due.{type}.{priority}", hours.ToString(CultureInfo.InvariantCulture));
        yield return new(KeyPrefix + nameof(RevisitAfterTicketDays), RevisitAfterTicketDays.ToString(CultureInfo.InvariantCulture));
        yield return new(KeyPrefix + nameof(RevisitAfterFirstPurchaseDays), RevisitAfterFirstPurchaseDays.ToString(CultureInfo.InvariantCulture));
        yield return new(KeyPrefix + nameof(GreetingLeadDays), GreetingLeadDays.ToString(CultureInfo.InvariantCulture));
    }

    private static int? Int(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
