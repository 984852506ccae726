using CrmBlazor.Data.Import;
using System.Globalization;
using System.Text;

namespace CrmBlazor.Data.Service;

/// <summary>
/// Writes the ticket list as CSV (UTF-8 with BOM, so Excel opens Chinese text correctly), one row
/// per ticket as it streams in. Type is the data-dictionary code, status and priority the English
/// names; people are e-mail addresses; times ISO 8601 UTC.
/// </summary>
public static class TicketCsvExport
{
    public static readonly string[] Columns =
        ["ticket_no", "type", "priority", "status", "summary", "customer", "created_by", "created_at", "handler", "assigned_at", "handled_at", "satisfaction", "rehandles"];

    /// <returns>The number of tickets written.</returns>
    public static async Task<long> WriteAsync(IAsyncEnumerable<TicketRow> rows, Stream output, Func<string?, string> userName, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Columns));
        long count = 0;
        var line = new StringBuilder(256);
        await foreach (var r in rows.WithCancellation(ct))
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"T{r.Id:D6}").Append(',');
            CsvWriting.AppendCell(line, r.TypeCode).Append(',');
            line.Append(r.Priority).Append(',');
            line.Append(r.Status).Append(',');
            CsvWriting.AppendCell(line, r.Summary).Append(',');
            CsvWriting.AppendCell(line, r.CustomerName).Append(',');
            CsvWriting.AppendCell(line, userName(r.CreatedById)).Append(',');
            line.Append(Time(r.CreatedAt)).Append(',');
            CsvWriting.AppendCell(line, userName(r.AssignedToId)).Append(',');
            line.Append(Time(r.AssignedAt)).Append(',');
            line.Append(Time(r.HandledAt)).Append(',');
            line.Append(r.Satisfaction?.ToString(CultureInfo.InvariantCulture)).Append(',');
            line.Append(r.RehandleCount.ToString(CultureInfo.InvariantCulture));
            await writer.WriteLineAsync(line, ct);
            if (++count % 2_000 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
        return count;
    }

    private static string Time(DateTime? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}
