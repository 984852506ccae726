using System.Text;

namespace CrmBlazor.Data.Import;

/// <summary>
/// RFC 4180 CSV: comma-separated, fields optionally in double quotes (a quote inside is doubled),
/// quoted fields may span lines; CRLF or LF line ends. Each record comes with the line number it
/// starts on, so a report can point at the line a person sees in their editor.
/// </summary>
public static class CsvParser
{
    public static IEnumerable<(int Line, string[] Fields)> Parse(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var atFieldStart = true;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { field.Append('"'); reader.Read(); }
                    else inQuotes = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when atFieldStart:
                    inQuotes = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (recordLine, fields.ToArray());
                    fields.Clear();
                    line++;
                    recordLine = line;
                    atFieldStart = true;
                    break;
                default:
                    field.Append(ch);
                    atFieldStart = false;
                    break;
            }
        }
        if (inQuotes)
            throw new Domain.Common.DomainException("Import.UnclosedQuote", $"A quoted field that starts on line {recordLine} is never closed.", recordLine);
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields.ToArray());
        }
    }
}
