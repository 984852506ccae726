using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CrmBlazor.Data.Import;

namespace CrmBlazor.Data.Privacy;

/// <summary>One kind of record in an export (customer, contacts, orders, …): each record as its fields in stored order.</summary>
public sealed record ExportSection(string Name, IReadOnlyList<IReadOnlyDictionary<string, object?>> Records);

/// <summary>
/// Everything held about one person (PIPL art. 45), in clear — it is the person's own copy — as
/// JSON or as CSV (UTF-8 with BOM; one line per field: section, record, field, value, so every
/// section fits one file).
/// </summary>
public sealed record PersonalDataExport(string SubjectType, int SubjectId, DateTime ExportedAt, IReadOnlyList<ExportSection> Sections)
{
    public static readonly string[] CsvHeaders = ["section", "record", "field", "value"];

    public string FileName(string extension) => $"personal-data-{SubjectType.ToLowerInvariant()}-{SubjectId}.{extension}";

    public byte[] ToJson()
    {
        var document = new Dictionary<string, object?>
        {
            ["subject"] = SubjectType,
            ["id"] = SubjectId,
            ["exportedAt"] = ExportedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        foreach (var s in Sections) document[s.Name] = s.Records.Select(r => r.ToDictionary(f => f.Key, f => Plain(f.Value))).ToArray();
        return JsonSerializer.SerializeToUtf8Bytes(document, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        });
    }

    public byte[] ToCsv()
    {
        var lines = new List<string> { CsvWriting.Line(CsvHeaders) };
        foreach (var s in Sections)
            for (var i = 0; i < s.Records.Count; i++)
                foreach (var (field, value) in s.Records[i])
                    lines.Add(CsvWriting.Line([s.Name, (i + 1).ToString(CultureInfo.InvariantCulture), field, Text(Plain(value))]));
        return CsvWriting.Utf8WithBom(lines);
    }

    private static object? Plain(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        _ => value,
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
