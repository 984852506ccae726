using System.Text;

namespace CrmBlazor.Data.Import;

/// <summary>One data row of a CSV file with its line number in the file (the header is line 1).</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    public string? Get(string column) => Values.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>A CSV file read into rows keyed by our column names.</summary>
public sealed record CsvTable(IReadOnlyList<string> Columns, IReadOnlyList<CsvRow> Rows, IReadOnlyList<string> UnknownHeaders);

/// <summary>
/// Reads UTF-8 CSV (with or without BOM, comma-separated, quoted fields) and maps each header to
/// one of the expected column names — by the name itself, case-insensitive, or by an alias (e.g. a
/// Chinese header). Headers that map to nothing are reported, not silently dropped.
/// </summary>
public static class CsvReading
{
    public const int MaxRows = 200_000;

    public static CsvTable Read(Stream stream, IReadOnlyDictionary<string, string[]> columnsWithAliases)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        using var records = CsvParser.Parse(reader).GetEnumerator();
        if (!records.MoveNext())
            throw new Domain.Common.DomainException("Import.Empty", "The file is empty.");
        var headers = records.Current.Fields;
        var map = new Dictionary<int, string>();
        var unknown = new List<string>();
        for (var i = 0; i < headers.Length; i++)
        {
            var h = headers[i].Trim().TrimStart('\uFEFF');
            var column = columnsWithAliases.FirstOrDefault(c => string.Equals(c.Key, h, StringComparison.OrdinalIgnoreCase)
                || c.Value.Any(a => string.Equals(a, h, StringComparison.OrdinalIgnoreCase))).Key;
            if (column is null) { if (h.Length > 0) unknown.Add(h); }
            else if (!map.ContainsValue(column)) map[i] = column;
        }
        var rows = new List<CsvRow>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.All(string.IsNullOrWhiteSpace)) continue; // blank line
            if (rows.Count >= MaxRows)
                throw new Domain.Common.DomainException("Import.TooManyRows", $"A file may have at most {MaxRows} rows.", MaxRows);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (index, column) in map)
                values[column] = index < fields.Length ? fields[index].Trim() : "";
            rows.Add(new CsvRow(line, values));
        }
        return new CsvTable(map.Values.ToArray(), rows, unknown);
    }
}
