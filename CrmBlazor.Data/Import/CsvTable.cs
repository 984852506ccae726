using System.Text;

namespace CrmBlazor.Data.Import;

/// <summary>One data row of a CSV file with its line number in the file (the header is line 1) and its fields as written.</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The row's fields in file order, untouched — for handing rejected rows back to the user.</summary>
    public IReadOnlyList<string> Raw { get; init; } = [];

    /// <summary>How many columns the header has: a row with more non-empty fields than that is misaligned (often an unquoted comma).</summary>
    public int HeaderCount { get; init; } = int.MaxValue;

    public bool HasExtraFields => Raw.Count > HeaderCount && Raw.Skip(HeaderCount).Any(f => !string.IsNullOrWhiteSpace(f));

    public string? Get(string column) => Values.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>A CSV file read into rows keyed by our column names.</summary>
public sealed record CsvTable(IReadOnlyList<string> Columns, IReadOnlyList<CsvRow> Rows, IReadOnlyList<string> UnknownHeaders)
{
    /// <summary>The file's header line as written.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];
}

/// <summary>The header of a file and its first rows, with the field each header was matched to (null: none).</summary>
public sealed record CsvPreview(IReadOnlyList<string> Headers, IReadOnlyList<string?> Detected, IReadOnlyList<IReadOnlyList<string>> FirstRows);

/// <summary>
/// Reads UTF-8 CSV (with or without BOM, comma-separated, quoted fields) and maps each header to
/// one of the expected column names — by the name itself, case-insensitive, or by an alias (e.g. a
/// Chinese header), or as the caller's mapping says. Headers that map to nothing are reported, not
/// silently dropped.
/// </summary>
public static class CsvReading
{
    public const int MaxRows = 200_000;

    public static CsvTable Read(Stream stream, IReadOnlyDictionary<string, string[]> columnsWithAliases) =>
        Read(stream, columnsWithAliases, null);

    /// <param name="mapping">File header → column name, for headers the aliases do not know (or to override them); an empty value ignores the header.</param>
    public static CsvTable Read(Stream stream, IReadOnlyDictionary<string, string[]> columnsWithAliases, IReadOnlyDictionary<string, string>? mapping)
    {
        using var reader = Open(stream);
        using var records = CsvParser.Parse(reader).GetEnumerator();
        if (!records.MoveNext())
            throw new Domain.Common.DomainException("Import.Empty", "The file is empty.");
        var headers = records.Current.Fields.Select(Clean).ToArray();
        var map = new Dictionary<int, string>();
        var unknown = new List<string>();
        for (var i = 0; i < headers.Length; i++)
        {
            var h = headers[i];
            string? column;
            if (mapping is not null && mapping.TryGetValue(h, out var chosen))
            {
                column = string.IsNullOrWhiteSpace(chosen) ? null : chosen;
                if (column is not null && !columnsWithAliases.ContainsKey(column))
                    throw new Domain.Common.DomainException("Import.UnknownField", $"'{column}' is not a field of this import.", column);
                if (column is not null && map.ContainsValue(column))
                    throw new Domain.Common.DomainException("Import.FieldTwice", $"Two columns are mapped to '{column}'.", column);
                if (column is null) continue; // ignored on purpose
            }
            else column = Detect(h, columnsWithAliases);
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
            rows.Add(new CsvRow(line, values) { Raw = fields, HeaderCount = headers.Length });
        }
        return new CsvTable(map.Values.ToArray(), rows, unknown) { Headers = headers };
    }

    /// <summary>The header, the field each header matches by name, and the first <paramref name="rows"/> rows — for the mapping step.</summary>
    public static CsvPreview Preview(Stream stream, IReadOnlyDictionary<string, string[]> columnsWithAliases, int rows = 5)
    {
        using var reader = Open(stream);
        var records = CsvParser.Parse(reader).Take(rows + 1).ToList();
        if (records.Count == 0)
            throw new Domain.Common.DomainException("Import.Empty", "The file is empty.");
        var headers = records[0].Fields.Select(Clean).ToArray();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var detected = headers.Select(h => Detect(h, columnsWithAliases) is { } c && taken.Add(c) ? c : null).ToArray();
        return new CsvPreview(headers, detected, records.Skip(1).Select(r => (IReadOnlyList<string>)r.Fields).ToArray());
    }

    public static string? Detect(string header, IReadOnlyDictionary<string, string[]> columnsWithAliases)
    {
        var h = Clean(header);
        return columnsWithAliases.FirstOrDefault(c => string.Equals(c.Key, h, StringComparison.OrdinalIgnoreCase)
            || c.Value.Any(a => string.Equals(a, h, StringComparison.OrdinalIgnoreCase))).Key;
    }

    private static string Clean(string header) => header.Trim().TrimStart('\uFEFF').Trim();

    private static StreamReader Open(Stream stream) =>
        new(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
}
