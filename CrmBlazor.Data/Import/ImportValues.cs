using System.Globalization;
using CrmBlazor.Domain.Common;

namespace CrmBlazor.Data.Import;

/// <summary>Parses one field of a row — ISO dates, <c>.</c> decimals — refusing with a coded reason that names the field and the value.</summary>
internal static class ImportValues
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Refuses a row with more fields than the header — its values would land in the wrong columns.</summary>
    public static void EnsureAligned(CsvRow row)
    {
        if (row.HasExtraFields)
            throw new DomainException("Import.TooManyFields", $"The row has {row.Raw.Count} fields but the header only {row.HeaderCount} (an unquoted comma?).", row.Raw.Count, row.HeaderCount);
    }

    public static string Required(CsvRow row, string column, string field) =>
        row.Get(column) ?? throw new DomainException("Validation.Required", $"{field} is required.", field);

    /// <summary>A date or date-time in ISO form; times are UTC unless an offset is given.</summary>
    public static DateTime? DateTime(CsvRow row, string column, string field)
    {
        if (row.Get(column) is not { } text) return null;
        if (!System.DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
            throw new DomainException("Import.BadDate", $"{field}: '{text}' is not a date (yyyy-MM-dd or yyyy-MM-dd HH:mm:ss).", field, text);
        return System.DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }

    public static DateTime RequiredDateTime(CsvRow row, string column, string field) =>
        DateTime(row, column, field) ?? throw new DomainException("Validation.Required", $"{field} is required.", field);

    /// <summary>A number with <c>.</c> as decimal separator (no thousands separators, no currency signs).</summary>
    public static decimal? Decimal(CsvRow row, string column, string field)
    {
        if (row.Get(column) is not { } text) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new DomainException("Import.NotANumber", $"{field}: '{text}' is not a number.", field, text);
        return value;
    }

    /// <summary>A yes/no field: true/false, 1/0, yes/no, y/n, 是/否.</summary>
    public static bool? Boolean(CsvRow row, string column, string field)
    {
        if (row.Get(column) is not { } text) return null;
        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "y" or "是" => true,
            "false" or "0" or "no" or "n" or "否" => false,
            _ => throw new DomainException("Import.NotABoolean", $"{field}: '{text}' is not yes or no (true/false, 1/0, 是/否).", field, text),
        };
    }

    public static decimal NotNegative(decimal value, string field) => Check.NotNegative(value, field);

    /// <summary>A date after today (where users are, see <see cref="LocalToday"/>) is refused: imports carry history.</summary>
    public static void NotFuture(DateTime value, DateTime now, string field, string text)
    {
        if (LocalToday.IsFuture(DateOnly.FromDateTime(value), now))
            throw new DomainException("Import.FutureDate", $"{field}: {text} lies in the future.", field, text);
    }
}
