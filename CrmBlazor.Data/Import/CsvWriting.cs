using System.Text;

namespace CrmBlazor.Data.Import;

/// <summary>Writes CSV the way <see cref="CsvParser"/> reads it: fields with a comma, quote or line break are quoted, quotes doubled.</summary>
public static class CsvWriting
{
    public static string Line(IEnumerable<string?> fields) => string.Join(",", fields.Select(Field));

    public static string Field(string? value)
    {
        var v = value ?? "";
        return v.IndexOfAny([',', '"', '\n', '\r']) < 0 ? v : "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// Appends one cell of an export for people (RFC 4180 quoting); a leading = + - @ is defused so a
    /// spreadsheet never runs a cell as a formula.
    /// </summary>
    public static StringBuilder AppendCell(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value)) return line;
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        if (value.IndexOfAny([',', '"', '\n', '\r']) < 0) return line.Append(value);
        return line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>The file as UTF-8 with a byte-order mark, so spreadsheet programs read Chinese text correctly.</summary>
    public static byte[] Utf8WithBom(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
