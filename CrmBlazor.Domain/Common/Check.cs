using System.Text.RegularExpressions;

namespace CrmBlazor.Domain.Common;

/// <summary>Argument rules shared by the entities; each failure is a coded <see cref="DomainException"/>.</summary>
public static partial class Check
{
    public static string Required(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainException("Validation.Required", $"{field} is required.", field);
        return MaxLength(value.Trim(), field, maxLength)!;
    }

    public static string? Optional(string? value, string field, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value) ? null : MaxLength(value.Trim(), field, maxLength);

    public static string? MaxLength(string? value, string field, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            throw new DomainException("Validation.TooLong", $"{field} must be at most {maxLength} characters.", field, maxLength);
        return value;
    }

    public static int Range(int value, string field, int min, int max)
    {
        if (value < min || value > max)
            throw new DomainException("Validation.Range", $"{field} must be between {min} and {max}.", field, min, max);
        return value;
    }

    public static int? Range(int? value, string field, int min, int max) =>
        value is null ? null : Range(value.Value, field, min, max);

    public static decimal NotNegative(decimal value, string field)
    {
        if (value < 0)
            throw new DomainException("Validation.NotNegative", $"{field} must not be negative.", field);
        return value;
    }

    public static decimal? NotNegative(decimal? value, string field) =>
        value is null ? null : NotNegative(value.Value, field);

    /// <summary>Phone numbers: digits with optional +, spaces, dashes and parentheses; 5–20 digits.</summary>
    public static string? Phone(string? value, string field)
    {
        var v = Optional(value, field, 30);
        if (v is null) return null;
        var digits = v.Count(char.IsAsciiDigit);
        if (!PhonePattern().IsMatch(v) || digits < 5 || digits > 20)
            throw new DomainException("Validation.Phone", $"{field} is not a valid phone number.", field);
        return v;
    }

    public static string? Email(string? value, string field)
    {
        var v = Optional(value, field, 254);
        if (v is null) return null;
        if (!EmailPattern().IsMatch(v))
            throw new DomainException("Validation.Email", $"{field} is not a valid e-mail address.", field);
        return v;
    }

    public static string? Url(string? value, string field)
    {
        var v = Optional(value, field, 300);
        if (v is null) return null;
        var candidate = v.Contains("://", StringComparison.Ordinal) ? v : "https://" + v;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || !uri.Host.Contains('.'))
            throw new DomainException("Validation.Url", $"{field} is not a valid web address.", field);
        return v;
    }

    public static string? Postcode(string? value, string field)
    {
        var v = Optional(value, field, 12);
        if (v is not null && !PostcodePattern().IsMatch(v))
            throw new DomainException("Validation.Postcode", $"{field} is not a valid postcode.", field);
        return v;
    }

    [GeneratedRegex(@"^\+?[0-9()\-\s]+$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[0-9A-Za-z\- ]{3,12}$")]
    private static partial Regex PostcodePattern();
}
