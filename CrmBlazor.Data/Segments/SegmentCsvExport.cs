using System.Text;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Data.Segments;

/// <summary>Writes a segment's contacts as CSV (UTF-8 with BOM; quoting and formula defusing as the customer export), already masked by the service.</summary>
public static class SegmentCsvExport
{
    public static readonly string[] Columns =
        ["customer_no", "customer", "owner", "stage", "contact", "title", "mobile", "office_phone", "email", "consent"];

    public static async Task<long> WriteAsync(IAsyncEnumerable<SegmentContactRow> rows, Stream output, Func<string?, string> ownerName, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Columns));
        long count = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            var fields = new[] { r.CustomerNumber, r.CustomerName, ownerName(r.CustomerOwnerId), r.Stage.ToCode(), r.ContactName, r.Title, r.Mobile, r.OfficePhone, r.Email, r.ConsentGiven ? "yes" : "no" };
            await writer.WriteLineAsync(string.Join(',', fields.Select(Field)));
            if (++count % 2_000 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
        return count;
    }

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
