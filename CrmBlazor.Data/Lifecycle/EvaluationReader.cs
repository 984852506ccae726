using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Lifecycle;

/// <summary>Which customers one step of an evaluation reads: an id range (the batch) or a short list (one customer at once).</summary>
internal sealed record CustomerSlice(int From, int To, int[]? Ids)
{
    public static CustomerSlice Range(int from, int to) => new(from, to, null);
    public static CustomerSlice List(int[] ids) => new(0, 0, ids);

    public Expression<Func<T, bool>> Where<T>(Expression<Func<T, int>> id)
    {
        var p = id.Parameters[0];
        Expression body = Ids is { } list
            ? Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int)], Expression.Constant(list), id.Body)
            : Expression.AndAlso(Expression.GreaterThanOrEqual(id.Body, Expression.Constant(From)), Expression.LessThan(id.Body, Expression.Constant(To)));
        return Expression.Lambda<Func<T, bool>>(body, p);
    }
}

/// <summary>What one slice of customers needs for evaluation, read in a handful of set-based queries.</summary>
internal sealed record SliceData(
    IReadOnlyList<CustomerState> Customers,
    Dictionary<int, EventAggregate> Events,
    Dictionary<int, List<OpenCadenceTask>> Tasks,
    HashSet<int> ActiveChurnCustomers);

/// <summary>
/// The engine's reads. Orders are streamed with a plain data reader and folded into one
/// <see cref="OrderAggregate"/> per customer as they arrive — at ten million rows EF's
/// materialisation would cost more than the whole classification.
/// </summary>
internal static class EvaluationReader
{
    public static async Task<long> CountOrdersAsync(CrmDbContext db, CancellationToken ct) => await db.Orders.LongCountAsync(ct);

    /// <summary>Folds the orders of the slice (or of everyone when <paramref name="slice"/> is null) into <paramref name="into"/>.</summary>
    public static async Task ReadOrdersAsync(CrmDbContext db, SqlDialect dialect, CustomerSlice? slice, SignalWindows w,
        Dictionary<int, OrderAggregate> into, Action<long>? progress, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandTimeout = 0;
        var q = dialect.Quote;
        var sql = $"SELECT {q("CustomerId")}, {q("OrderDate")}, {q("Amount")} FROM {q("Orders")}";
        if (slice?.Ids is { } ids)
        {
            var names = new List<string>();
            for (var i = 0; i < ids.Length; i++)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = "@c" + i.ToString(CultureInfo.InvariantCulture);
                p.Value = ids[i];
                cmd.Parameters.Add(p);
                names.Add(p.ParameterName);
            }
            sql += $" WHERE {q("CustomerId")} IN ({string.Join(", ", names)})";
        }
        cmd.CommandText = sql;
        var sqlite = dialect.Provider == DatabaseProvider.Sqlite;
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            var customer = reader.GetInt32(0);
            var date = sqlite ? ParseDate(reader.GetString(1)) : reader.GetFieldValue<DateOnly>(1);
            var amount = sqlite ? (decimal)reader.GetDouble(2) : reader.GetDecimal(2);
            ref var aggregate = ref CollectionsMarshal.GetValueRefOrAddDefault(into, customer, out _);
            aggregate.Add(date, amount, w);
            if (++rows % 500_000 == 0) progress?.Invoke(rows);
        }
        progress?.Invoke(rows);
    }

    /// <summary>SQLite keeps dates as <c>yyyy-MM-dd</c> text; parsing the digits directly is several times faster than DateOnly.Parse.</summary>
    internal static DateOnly ParseDate(string s)
    {
        if (s.Length >= 10 && s[4] == '-' && s[7] == '-')
            return new DateOnly(D(s, 0, 4), D(s, 5, 2), D(s, 8, 2));
        return DateOnly.FromDateTime(DateTime.Parse(s, CultureInfo.InvariantCulture));

        static int D(string s, int start, int length)
        {
            var v = 0;
            for (var i = start; i < start + length; i++) v = v * 10 + (s[i] - '0');
            return v;
        }
    }

    public static async Task<SliceData> ReadSliceAsync(CrmDbContext db, CustomerSlice slice, SignalWindows w, CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking().Where(slice.Where<Domain.Customers.Customer>(c => c.Id)).OrderBy(c => c.Id)
            .Select(c => new CustomerState(c.Id, c.Name, c.OwnerId, c.Status, c.Stage, c.StageEnteredAt, c.StageReasons,
                c.FirstOrderDate, c.LastOrderDate, c.OrderCount, c.TotalSpend, c.Satisfaction, c.Version))
            .ToListAsync(ct);

        var events = new Dictionary<int, EventAggregate>();
        var earliest = w.EarliestWindowed;
        var rows = db.BehaviourEvents.AsNoTracking().Where(slice.Where<BehaviourEvent>(e => e.CustomerId))
            .Where(e => e.OccurredAt > earliest || e.Type == BehaviourEventType.Referral || e.Type == BehaviourEventType.Unsubscribe || e.Type == BehaviourEventType.AccountClosed)
            .Select(e => new { e.CustomerId, e.OccurredAt, e.Type, e.Value, e.Detail }).AsAsyncEnumerable();
        await foreach (var e in rows.WithCancellation(ct))
            Aggregate(events, e.CustomerId).Add(e.OccurredAt, e.Type, e.Value, e.Detail, w);

        var previousFrom = w.PreviousFrom;
        var tickets = db.Tickets.AsNoTracking().Where(slice.Where<Domain.Service.ServiceTicket>(t => t.CustomerId))
            .Where(t => t.CreatedAt > previousFrom).Select(t => new { t.CustomerId, t.CreatedAt }).AsAsyncEnumerable();
        await foreach (var t in tickets.WithCancellation(ct))
            Aggregate(events, t.CustomerId).AddTicket(t.CreatedAt, w);

        var tasks = (await db.FollowUpTasks.AsNoTracking().Where(slice.Where<FollowUpTask>(t => t.CustomerId))
                .Where(t => t.Status == FollowUpStatus.Open && t.Kind == FollowUpKind.FollowUp)
                .Select(t => new { t.CustomerId, Task = new OpenCadenceTask(t.Id, t.AssignedToId, t.Stage, t.DueDate) })
                .ToListAsync(ct))
            .GroupBy(t => t.CustomerId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Task).OrderBy(x => x.DueDate).ThenBy(x => x.Id).ToList());

        var churn = (await db.ChurnCases.AsNoTracking().Where(slice.Where<ChurnCase>(c => c.CustomerId))
            .Where(c => c.Status == ChurnCaseStatus.Open || c.Status == ChurnCaseStatus.Postponed)
            .Select(c => c.CustomerId).ToListAsync(ct)).ToHashSet();

        return new SliceData(customers, events, tasks, churn);
    }

    private static EventAggregate Aggregate(Dictionary<int, EventAggregate> map, int customerId)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(map, customerId, out _);
        return slot ??= new EventAggregate();
    }
}
