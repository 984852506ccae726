namespace CrmBlazor.Domain.Care;

/// <summary>What a greeting (关怀问候) is for.</summary>
public enum CareOccasion { NewYear, SpringFestival, DragonBoat, MidAutumn, NationalDay, Birthday }

/// <summary>
/// The Chinese holidays greetings are sent for. New Year's Day (元旦) and National Day (国庆节)
/// fall on fixed dates; Spring Festival (春节), Dragon Boat (端午节) and Mid-Autumn (中秋节) follow
/// the lunar calendar and come from a table (2026–2028) — a year outside it has no lunar holidays
/// until the table is extended.
/// </summary>
public static class ChineseHolidays
{
    private static readonly Dictionary<int, (DateOnly Spring, DateOnly DragonBoat, DateOnly MidAutumn)> Lunar = new()
    {
        [2026] = (new(2026, 2, 17), new(2026, 6, 19), new(2026, 9, 25)),
        [2027] = (new(2027, 2, 6), new(2027, 6, 9), new(2027, 9, 15)),
        [2028] = (new(2028, 1, 26), new(2028, 5, 28), new(2028, 10, 3)),
    };

    public static IReadOnlyCollection<int> LunarYears => Lunar.Keys;

    public static IEnumerable<(CareOccasion Occasion, DateOnly Date)> InYear(int year)
    {
        yield return (CareOccasion.NewYear, new DateOnly(year, 1, 1));
        if (Lunar.TryGetValue(year, out var l))
        {
            yield return (CareOccasion.SpringFestival, l.Spring);
            yield return (CareOccasion.DragonBoat, l.DragonBoat);
            yield return (CareOccasion.MidAutumn, l.MidAutumn);
        }
        yield return (CareOccasion.NationalDay, new DateOnly(year, 10, 1));
    }

    /// <summary>The holidays from <paramref name="from"/> to <paramref name="to"/> (both included), by date.</summary>
    public static IReadOnlyList<(CareOccasion Occasion, DateOnly Date)> Between(DateOnly from, DateOnly to) =>
        Enumerable.Range(from.Year, Math.Max(0, to.Year - from.Year + 1)).SelectMany(InYear)
            .Where(h => h.Date >= from && h.Date <= to).OrderBy(h => h.Date).ToArray();
}

/// <summary>A contact as greeting planning reads it.</summary>
public sealed record CareContact(int ContactId, int CustomerId, string CustomerName, string ContactName, string? OwnerId,
    bool ConsentGiven, bool Erased, DateOnly? Birthday);

/// <summary>A greeting to send: to whom, for what, on which date, and when its task is due.</summary>
public sealed record PlannedGreeting(CareOccasion Occasion, DateOnly Date, DateOnly DueDate, CareContact Contact);

/// <summary>
/// Plans greetings over a date range: every holiday for every contact who consented to being
/// contacted, and each such contact's birthday (29 February on 28 February in other years). A
/// contact without consent, or erased, gets none — consent is a legal precondition (PIPL), not a
/// preference. The task is due <c>leadDays</c> before the occasion, never before <c>today</c>.
/// </summary>
public static class GreetingPlanner
{
    public static IReadOnlyList<PlannedGreeting> Plan(IEnumerable<CareContact> contacts, DateOnly from, DateOnly to, int leadDays, DateOnly today)
    {
        var holidays = ChineseHolidays.Between(from, to);
        var plan = new List<PlannedGreeting>();
        foreach (var c in contacts)
        {
            if (!c.ConsentGiven || c.Erased) continue;
            foreach (var (occasion, date) in holidays)
                plan.Add(new PlannedGreeting(occasion, date, Due(date), c));
            if (c.Birthday is { } birthday)
                foreach (var date in BirthdaysBetween(birthday, from, to))
                    plan.Add(new PlannedGreeting(CareOccasion.Birthday, date, Due(date), c));
        }
        return plan.OrderBy(g => g.Date).ThenBy(g => g.Occasion).ThenBy(g => g.Contact.CustomerName, StringComparer.Ordinal).ThenBy(g => g.Contact.ContactId).ToArray();

        DateOnly Due(DateOnly date)
        {
            var due = date.AddDays(-leadDays);
            return due < today ? today : due;
        }
    }

    public static IEnumerable<DateOnly> BirthdaysBetween(DateOnly birthday, DateOnly from, DateOnly to)
    {
        for (var year = from.Year; year <= to.Year; year++)
        {
            var day = birthday.Month == 2 && birthday.Day == 29 && !DateTime.IsLeapYear(year) ? 28 : birthday.Day;
            var date = new DateOnly(year, birthday.Month, day);
            if (date >= from && date <= to) yield return date;
        }
    }

    /// <summary>
    /// The stored title of a care task: occasion, date and contact ("SpringFestival 2027-02-06: 王芳"),
    /// read back by <see cref="TryParseTitle"/> to show it in the reader's language; its part before
    /// the colon (<see cref="Key"/>) with the contact id identifies the greeting, so each is planned once.
    /// </summary>
    public static string Title(CareOccasion occasion, DateOnly date, string contactName)
    {
        var title = $"{Key(occasion, date)}: {contactName}";
        return title.Length <= 200 ? title : title[..200];
    }

    public static string Key(CareOccasion occasion, DateOnly date) => $"{occasion} {date:yyyy-MM-dd}";

    public static bool TryParseTitle(string title, out CareOccasion occasion, out DateOnly date, out string contactName)
    {
        occasion = default;
        date = default;
        contactName = "";
        var colon = title.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0) return false;
        var head = title[..colon].Split(' ');
        contactName = title[(colon + 2)..];
        return head.Length == 2 && Enum.TryParse(head[0], out occasion) && Enum.IsDefined(occasion)
            && DateOnly.TryParseExact(head[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);
    }
}
