using System.Globalization;
using System.Text;

namespace CrmBlazor.Web.Features.Reports.Shell;

/// <summary>
/// The data behind one chart as a CSV file: UTF-8 with a byte-order mark (so Excel opens Chinese
/// text correctly), fields quoted where needed, numbers in invariant form. Chart data is small, so
/// the file travels in the download link itself — no endpoint, no second query, the exact figures shown.
/// </summary>
public sealed record ReportCsv(IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows)
{
    public byte[] ToBytes()
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Headers.Select(Field)).Append("\r\n");
        foreach (var row in Rows) text.AppendJoin(',', row.Select(Field)).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public string ToDataUri() => "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String(ToBytes());

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
            double d => d.ToString("0.####", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // a leading = + - @ would be read as a formula by spreadsheets
        if (text.Length > 0 && text[0] is '=' or '+' or '@' && value is string) text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
