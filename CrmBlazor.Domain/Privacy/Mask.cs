namespace CrmBlazor.Domain.Privacy;

/// <summary>The masked forms users without the right see: <c>138****8888</c>, <c>z***@example.com</c>.</summary>
public static class Mask
{
    public static string? Value(PersonalKind kind, string? value) => kind switch
    {
        PersonalKind.Phone => Phone(value),
        PersonalKind.Email => Email(value),
        _ => Middle(value),
    };

    public static string? Phone(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        var digits = value.Where(char.IsAsciiDigit).ToArray();
        if (digits.Length < 7) return new string('*', value.Length);
        return $"{new string(digits[..3])}****{new string(digits[^4..])}";
    }

    public static string? Email(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        var at = value.IndexOf('@');
        if (at <= 0) return Middle(value);
        return $"{value[0]}***{value[at..]}";
    }

    /// <summary>Keeps the first and last character of longer values; short values are fully starred.</summary>
    public static string? Middle(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        if (value.Length <= 2) return new string('*', value.Length);
        if (value.Length <= 4) return value[0] + new string('*', value.Length - 1);
        return $"{value[0]}{new string('*', Math.Min(value.Length - 2, 6))}{value[^1]}";
    }
}
