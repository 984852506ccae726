using System.Globalization;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Value;

namespace CrmBlazor.Web.CommandLine;

/// <summary>A summary CSV the user's file cannot be read as; the message names the line and column.</summary>
public sealed class SummaryFileException(string message) : Exception(message);

/// <summary>
/// A per-customer summary CSV with a header naming its columns (any order, case-insensitive):
/// <c>ID</c>/<c>customer_id</c>, <c>frequency</c>/<c>x</c>, <c>recency</c>/<c>t_x</c>, <c>T</c>, and
/// optionally <c>monetary_value</c>/<c>zbar</c>. Other columns are ignored. Cells may be quoted;
/// LF or CRLF line ends; a UTF-8 byte-order mark is skipped.
/// </summary>
public sealed class SummaryFile
{
    private SummaryFile(string[] ids, RepeatSummary[] summaries, bool hasSpend) => (Ids, Summaries, HasSpend) = (ids, summaries, hasSpend);

    public string[] Ids { get; }
    public RepeatSummary[] Summaries { get; }
    public bool HasSpend { get; }

    public static SummaryFile Read(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? throw new SummaryFileException("the file is empty (a header line is needed).");
        var names = Split(header).Select(n => n.Trim()).ToArray();
        int Column(bool required, params string[] accepted)
        {
            var index = Array.FindIndex(names, n => accepted.Any(a => string.Equals(a, n, StringComparison.OrdinalIgnoreCase)));
            if (index < 0 && required)
                throw new SummaryFileException($"missing column '{accepted[0]}' (or '{accepted[1]}'); the header is: {header}");
            return index;
        }
        var id = Column(true, "customer_id", "ID");
        var x = Column(true, "frequency", "x");
        var tx = Column(true, "recency", "t_x");
        var t = Array.FindIndex(names, n => n is "T" or "t");
        if (t < 0) throw new SummaryFileException($"missing column 'T'; the header is: {header}");
        var spend = Column(false, "monetary_value", "zbar");
        var ids = new List<string>();
        var summaries = new List<RepeatSummary>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = Split(line);
            string Cell(int column, string name) => column < cells.Count ? cells[column].Trim()
                : throw new SummaryFileException($"line {lineNumber}: no value in column {name} (the line has {cells.Count} cells).");
            double Number(int column, string name)
            {
                var text = Cell(column, name);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                    throw new SummaryFileException($"line {lineNumber}: '{text}' in column {name} is not a number.");
                return value;
            }
            var customer = Cell(id, names[id]);
            if (customer.Length == 0) throw new SummaryFileException($"line {lineNumber}: the customer id is empty.");
            var summary = new RepeatSummary(Number(x, names[x]), Number(tx, names[tx]), Number(t, names[t]), spend >= 0 ? Number(spend, names[spend]) : 0);
            try
            {
                RepeatSummaries.Validate(summary, $"line {lineNumber}");
            }
            catch (DomainException e)
            {
                throw new SummaryFileException(e.Message);
            }
            ids.Add(customer);
            summaries.Add(summary);
        }
        if (summaries.Count == 0) throw new SummaryFileException("the file has a header but no customers.");
        return new SummaryFile([.. ids], [.. summaries], spend >= 0);
    }

    /// <summary>Splits one CSV line; a quoted cell may hold commas and doubled quotes.</summary>
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
