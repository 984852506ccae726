namespace CrmBlazor.Domain.Privacy;

/// <summary>
/// The masked forms users without the right see: <c>138****8888</c>, <c>+86 138****8888</c>,
/// <c>z***@example.com</c>, <c>****6789</c>. A mask never shows more than about half of a value and
/// always hides at least three characters; short values are starred completely.
/// </summary>
public static class Mask
{
    public static string? Value(PersonalKind kind, string? value) => kind switch
    {
        PersonalKind.Phone => Phone(value),
        PersonalKind.Email => Email(value),
        PersonalKind.IdNumber or PersonalKind.BankAccount => Tail(value),
        _ => Middle(value),
    };

    /// <summary>
    /// 11 digits or more: the first three and the last four (<c>138****8888</c>); 7–10 digits: stars and
    /// the last three or four (<c>****5678</c>); fewer: all stars. An international number written with
    /// its country code apart (<c>+86 138…</c>) keeps the code.
    /// </summary>
    public static string? Phone(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        var text = value.Trim();
        var prefix = "";
        if (text.StartsWith('+'))
        {
            var code = new string(text.Skip(1).TakeWhile(char.IsAsciiDigit).ToArray());
            var separated = code.Length is >= 1 and <= 3 && text.Length > code.Length + 1 && text[code.Length + 1] is ' ' or '-' or '(';
            prefix = separated ? $"+{code} " : "+";
            if (separated) text = text[(code.Length + 1)..];
        }
        var digits = text.Where(char.IsAsciiDigit).ToArray();
        if (digits.Length < 7) return new string('*', value.Length);
        if (digits.Length < 11) return $"{prefix}****{new string(digits[^Math.Min(4, digits.Length - 4)..])}";
        return $"{prefix}{new string(digits[..3])}****{new string(digits[^4..])}";
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

    /// <summary>Account and registration numbers: only the last four characters (spaces ignored) of a value of eight or more.</summary>
    public static string? Tail(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        var compact = value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return compact.Length < 8 ? new string('*', value.Length) : $"****{compact[^4..]}";
    }
}
