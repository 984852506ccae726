using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Value;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Value;

/// <summary>
/// One customer's purchases as the value models read them: orders grouped by day (several orders
/// on one day are one purchase, as in the CDNOW definition), the first day's total kept apart
/// because repeat spend excludes it.
/// </summary>
internal struct PurchaseHistory
{
    public int CustomerId;
    public int FirstDay;
    public int LastDay;
    public int Days;
    public int Orders;
    public decimal Total;
    public decimal FirstDayTotal;
    public decimal Last12Months;

    public readonly int RepeatPurchases => Days - 1;

    /// <summary>x, t_x, T in weeks (BG/NBD) and the mean repeat-purchase value (Gamma-Gamma; 0 without repeats).</summary>
    public readonly RepeatSummary Summary(int asOfDay) => new(
        RepeatPurchases,
        (LastDay - FirstDay) / 7.0,
        (asOfDay - FirstDay) / 7.0,
        RepeatPurchases == 0 ? 0 : (double)((Total - FirstDayTotal) / RepeatPurchases));
}

/// <summary>Streams every order up to the as-of day in (customer, date) order and folds it into one <see cref="PurchaseHistory"/> per customer.</summary>
internal static class PurchaseReader
{
    public static async Task<List<PurchaseHistory>> ReadAsync(CrmDbContext db, SqlDialect dialect, DateOnly asOf, Action<long>? progress, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandTimeout = 0;
        var q = dialect.Quote;
        // the (CustomerId, OrderDate) index delivers the order; the as-of filter keeps a past run reproducible
        cmd.CommandText = $"SELECT {q("CustomerId")}, {q("OrderDate")}, {q("Amount")} FROM {q("Orders")} " +
                          $"WHERE {q("OrderDate")} <= @asOf ORDER BY {q("CustomerId")}, {q("OrderDate")}";
        var p = cmd.CreateParameter();
        p.ParameterName = "@asOf";
        p.Value = dialect.ToDb(asOf);
        cmd.Parameters.Add(p);

        var sqlite = dialect.Provider == DatabaseProvider.Sqlite;
        var yearAgo = asOf.AddMonths(-12).DayNumber;
        var result = new List<PurchaseHistory>();
        var current = new PurchaseHistory { CustomerId = -1 };
        long rows = 0;
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            var customer = reader.GetInt32(0);
            var day = (sqlite ? Lifecycle.EvaluationReader.ParseDate(reader.GetString(1)) : reader.GetFieldValue<DateOnly>(1)).DayNumber;
            var amount = sqlite ? (decimal)reader.GetDouble(2) : reader.GetDecimal(2);
            if (customer != current.CustomerId)
            {
                if (current.CustomerId >= 0) result.Add(current);
                current = new PurchaseHistory { CustomerId = customer, FirstDay = day, LastDay = day, Days = 1 };
            }
            else if (day != current.LastDay)
            {
                current.Days++;
                current.LastDay = day;
            }
            if (day == current.FirstDay) current.FirstDayTotal += amount;
            current.Orders++;
            current.Total += amount;
            if (day > yearAgo) current.Last12Months += amount;
            if (++rows % 500_000 == 0) progress?.Invoke(rows);
        }
        if (current.CustomerId >= 0) result.Add(current);
        progress?.Invoke(rows);
        return result;
    }
}
