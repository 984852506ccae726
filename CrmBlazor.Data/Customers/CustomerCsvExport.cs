using CrmBlazor.Data.Import;
using System.Globalization;
using System.Text;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Data.Customers;

/// <summary>
/// Writes the customer list as CSV (UTF-8 with BOM, so Excel opens Chinese text correctly): one row
/// per customer as it streams in, flushed in blocks — memory stays flat for a million rows.
/// Stage is the import/export code (<c>prospect … churned</c>); reasons are readable text in the
/// language the caller's <paramref name="reasonsText"/> speaks; dates ISO, amounts with a dot; the phone
/// as <see cref="CustomerService.StreamAsync"/> gives it (masked where the caller may not see it in clear).
/// </summary>
public static class CustomerCsvExport
{
    public static readonly string[] Columns =
        ["customer_no", "name", "owner", "stage", "stage_entered", "reasons", "last_order_date", "order_count", "total_spend",
         "rfm_segment", "value_tier", "clv", "p_alive", "churn_risk", "phone"];

    /// <returns>The number of customers written.</returns>
    public static async Task<long> WriteAsync(IAsyncEnumerable<CustomerRow> rows, Stream output, Func<string?, string> ownerName,
        Func<CustomerRow, string> reasonsText, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Columns));
        long count = 0;
        var line = new StringBuilder(256);
        await foreach (var r in rows.WithCancellation(ct))
        {
            line.Clear();
            CsvWriting.AppendCell(line, r.Number).Append(',');
            CsvWriting.AppendCell(line, r.Name).Append(',');
            CsvWriting.AppendCell(line, ownerName(r.OwnerId)).Append(',');
            line.Append(r.Stage.ToCode()).Append(',');
            line.Append(r.StageEnteredAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
            CsvWriting.AppendCell(line, reasonsText(r)).Append(',');
            line.Append(r.LastOrderDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
            line.Append(r.OrderCount.ToString(CultureInfo.InvariantCulture)).Append(',');
            line.Append(r.TotalSpend.ToString("0.00", CultureInfo.InvariantCulture)).Append(',');
            // value scores by their code names (like the stage), empty for a customer not scored yet
            line.Append(r.Value?.Segment.ToString()).Append(',');
            line.Append(r.Value?.Tier.ToString()).Append(',');
            line.Append(r.Value?.Clv?.ToString("0.00", CultureInfo.InvariantCulture)).Append(',');
            line.Append(r.Value?.ProbabilityAlive?.ToString("0.0000", CultureInfo.InvariantCulture)).Append(',');
            line.Append(r.Value?.ChurnRisk.ToString()).Append(',');
            // the company phone as the stream carries it: clear where the caller may see it in clear, masked otherwise
            CsvWriting.AppendCell(line, r.Phone);
            await writer.WriteLineAsync(line, ct);
            if (++count % 2_000 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
        return count;
    }
}
