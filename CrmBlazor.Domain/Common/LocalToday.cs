namespace CrmBlazor.Domain.Common;

/// <summary>
/// The latest calendar date that is "today" somewhere users are (up to UTC+14). A date the user
/// typed as today is refused as "in the future" only after that: China is UTC+8, so at 07:00 on
/// the 23rd there it is still the 22nd in UTC.
/// </summary>
public static class LocalToday
{
    public static DateOnly Latest(DateTime utcNow) => DateOnly.FromDateTime(utcNow.AddHours(14));

    public static bool IsFuture(DateOnly date, DateTime utcNow) => date > Latest(utcNow);
}
