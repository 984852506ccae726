using System.Data.Common;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Value;

namespace CrmBlazor.Data.Value;

/// <summary>Folds every scored customer into the value report's aggregates and writes them in the scoring's transaction.</summary>
internal sealed class ValueFactBuilder
{
    private readonly Dictionary<(Dimensions, int R, int Fm), (int Customers, int ClvCustomers, decimal Clv, decimal Revenue)> _segments = [];
    private readonly Dictionary<(Dimensions, int Band), (int Customers, decimal Clv)> _bands = [];

    public void Add(Dimensions d, RfmScore score, decimal? clv, decimal revenue12Months)
    {
        var key = (d with { StageValue = null }, score.R, (score.F + score.M + 1) / 2);
        var s = _segments.GetValueOrDefault(key);
        _segments[key] = (s.Customers + 1, s.ClvCustomers + (clv is null ? 0 : 1), s.Clv + (clv ?? 0), s.Revenue + revenue12Months);
        if (clv is not { } value) return;
        var bandKey = (d with { StageValue = null }, ClvBands.Of(value));
        var b = _bands.GetValueOrDefault(bandKey);
        _bands[bandKey] = (b.Customers + 1, b.Clv + value);
    }

    public async Task WriteAsync(CrmDbContext db, DbConnection connection, DbTransaction transaction, SqlDialect dialect, CancellationToken ct)
    {
        foreach (var table in new[] { "ReportValueSegments", "ReportValueClv" })
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM {dialect.Quote(table)}";
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using (var segments = BulkInserter.For<ValueSegmentFact>(db, connection, dialect,
                         "OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "RfmR", "RfmFm", "Customers", "ClvCustomers", "Clv", "Revenue12Months"))
        {
            foreach (var ((d, r, fm), v) in _segments)
                segments.Add(d.OwnerId, d.Stage, d.LevelCode, d.RegionCode, d.IndustryCode, r, fm, v.Customers, v.ClvCustomers, v.Clv, v.Revenue);
            await segments.FlushAsync(transaction, ct);
        }
        await using var bands = BulkInserter.For<ValueClvFact>(db, connection, dialect,
            "OwnerId", "Stage", "LevelCode", "RegionCode", "IndustryCode", "Band", "Customers", "Clv");
        foreach (var ((d, band), v) in _bands)
            bands.Add(d.OwnerId, d.Stage, d.LevelCode, d.RegionCode, d.IndustryCode, band, v.Customers, v.Clv);
        await bands.FlushAsync(transaction, ct);
    }
}
