using System.Globalization;

namespace CrmBlazor.Web.Localization;

/// <summary>Dates, numbers and money (always CNY) in the reader's culture.</summary>
public static class Formats
{
    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    private static NumberFormatInfo MoneyFormat
    {
        get
        {
            var nf = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
            nf.CurrencySymbol = IsChinese ? "¥" : "CN¥";
            nf.CurrencyNegativePattern = 1;
            return nf;
        }
    }

    public static string Money(decimal? amount, int decimals = 0) =>
        amount is null ? "—" : amount.Value.ToString("C" + decimals, MoneyFormat);

    /// <summary>Axis labels: ¥12万 / ¥3.5亿 in Chinese, CN¥120k / CN¥3.5M in English.</summary>
    public static string CompactMoney(decimal amount)
    {
        var symbol = IsChinese ? "¥" : "CN¥";
        var c = CultureInfo.CurrentCulture;
        if (IsChinese)
            return Math.Abs(amount) >= 100_000_000m ? $"{symbol}{(amount / 100_000_000m).ToString("0.#", c)}亿"
                : Math.Abs(amount) >= 10_000m ? $"{symbol}{(amount / 10_000m).ToString("0.#", c)}万" : $"{symbol}{amount.ToString("0", c)}";
        return Math.Abs(amount) >= 1_000_000m ? $"{symbol}{(amount / 1_000_000m).ToString("0.#", c)}M"
            : Math.Abs(amount) >= 1_000m ? $"{symbol}{(amount / 1_000m).ToString("0.#", c)}k" : $"{symbol}{amount.ToString("0", c)}";
    }

    /// <summary>An axis label in the unit the axis maximum calls for, so one axis never mixes 万 and 亿.</summary>
    public static string MoneyAxis(decimal amount, decimal axisMax)
    {
        var c = CultureInfo.CurrentCulture;
        var symbol = IsChinese ? "¥" : "CN¥";
        var (unit, suffix) = IsChinese
            ? axisMax >= 100_000_000m ? (100_000_000m, "亿") : axisMax >= 10_000m ? (10_000m, "万") : (1m, "")
            : axisMax >= 1_000_000m ? (1_000_000m, "M") : axisMax >= 1_000m ? (1_000m, "k") : (1m, "");
        return amount == 0 ? $"{symbol}0" : $"{symbol}{(amount / unit).ToString("0.##", c)}{suffix}";
    }

    public static string Number(decimal? value, int decimals = 0) =>
        value is null ? "—" : value.Value.ToString("N" + decimals, CultureInfo.CurrentCulture);

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Date(DateOnly? date) => date is null ? "—" : date.Value.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>Stored times are UTC; people read China Standard Time (the company's zone).</summary>
    public static string DateTime(DateTime? utc) => utc is null ? "—" : ToLocal(utc.Value).ToString("g", CultureInfo.CurrentCulture);

    public static string Date(DateTime? utc) => utc is null ? "—" : ToLocal(utc.Value).ToString("d", CultureInfo.CurrentCulture);

    public static System.DateTime ToLocal(System.DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), China);

    /// <summary>The UTC instant a local (China) calendar day begins — for date-range filters on stored UTC times.</summary>
    public static System.DateTime StartOfDayUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), China);

    private static readonly TimeZoneInfo China = FindChina();

    private static TimeZoneInfo FindChina()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time"); }
    }

    /// <summary>Ticket and opportunity numbers as people quote them on the phone.</summary>
    public static string TicketNo(int id) => $"T{id:D6}";

    public static string OpportunityNo(int id) => $"O{id:D6}";

    public static string Percent(double? value, int decimals = 0) =>
        value is null ? "—" : (value.Value / 100).ToString("P" + decimals, CultureInfo.CurrentCulture);
}
