using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Customers;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

// bench/customer-list — the customer list's server query (count + one page) as the grid runs it,
// for the filter/sort combinations people use, as an admin (no record filter) and as the account
// manager with the most customers (OwnerId = @me). Prints p50/p95/max per scenario and, with
// --plan, the database's plan of the page query (is an index used?).
//   dotnet bench/CustomerList/bin/Release/net10.0/CustomerList.dll --provider sqlite|postgres --connection CS
//     [--repeat 30] [--page-size 20] [--plan]
var options = Args.Parse(args);
var provider = options.Get("provider", "sqlite") switch
{
    "sqlite" => DatabaseProvider.Sqlite,
    "postgres" or "postgresql" => DatabaseProvider.Postgres,
    var p => throw new ArgumentException($"unknown provider '{p}'"),
};
var connection = options.Get("connection", null) ?? throw new ArgumentException("--connection is required");
var repeat = int.Parse(options.Get("repeat", "30")!, CultureInfo.InvariantCulture);
var pageSize = int.Parse(options.Get("page-size", "20")!, CultureInfo.InvariantCulture);
var plans = new PlanCapture(provider, options.Has("plan"));

var services = new ServiceCollection();
services.AddLogging();
services.AddCrmData(provider, db => { DependencyInjection.ConfigureProvider(db, provider, connection); db.AddInterceptors(plans); });
var caller = new MutableCurrentUser();
services.AddSingleton<ICurrentUser>(caller);
await using var root = services.BuildServiceProvider();

string? busiestOwner, someTag;
DateOnly? latestOrder;
int total;
await using (var db = await root.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync())
{
    total = await db.Customers.CountAsync();
    busiestOwner = await db.Customers.Where(c => c.OwnerId != null).GroupBy(c => c.OwnerId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync();
    someTag = await db.CustomerTags.GroupBy(t => t.TagCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync() ?? "vip";
    latestOrder = await db.Customers.MaxAsync(c => c.LastOrderDate);
}
var today = latestOrder ?? DateOnly.FromDateTime(DateTime.UtcNow);
Console.WriteLine($"customer list benchmark · {provider} · {total:N0} customers · {repeat} runs per scenario · page size {pageSize}");

var scenarios = new (string Name, CustomerQuery Query)[]
{
    ("default (number asc), page 1", new CustomerQuery()),
    ("number asc, page 50", new CustomerQuery { Skip = 49 * pageSize }),
    ("last order desc", new CustomerQuery { SortBy = "LastOrderDate", Descending = true }),
    ("total spend desc", new CustomerQuery { SortBy = "TotalSpend", Descending = true }),
    ("stage = declining, last order desc", new CustomerQuery { Stage = LifecycleStage.Declining, SortBy = "LastOrderDate", Descending = true }),
    ("region + industry, name asc", new CustomerQuery { RegionCode = "east", IndustryCode = "it", SortBy = "Name" }),
    ("level = major, stage entered desc", new CustomerQuery { LevelCode = "major", SortBy = "StageEnteredAt", Descending = true }),
    ($"tag = {someTag}", new CustomerQuery { TagCode = someTag }),
    ("last order in the last 90 days", new CustomerQuery { LastOrderFrom = today.AddDays(-90), LastOrderTo = today, SortBy = "LastOrderDate", Descending = true }),
    ("text: number prefix 'C00001'", new CustomerQuery { Text = "C00001" }),
    ("text: name contains '科技'", new CustomerQuery { Text = "科技" }),
    ("text: name contains '远航物流'", new CustomerQuery { Text = "远航物流" }),
    ("text: name contains '汇智生物科技'", new CustomerQuery { Text = "汇智生物科技" }),
    ("text: name contains 'littel' (any case)", new CustomerQuery { Text = "littel" }),
};

var scopes = new List<(string Who, AccessScope Scope)> { ("admin", AccessScope.ForUser("bench-admin", "bench-admin", [CrmBlazor.Domain.Common.Roles.Admin])) };
if (busiestOwner is not null)
    scopes.Add(("account manager", AccessScope.ForUser(busiestOwner, "bench-am", [CrmBlazor.Domain.Common.Roles.AccountManager])));

Console.WriteLine($"{"as",-16} {"scenario",-40} {"rows",10} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
foreach (var (who, scope) in scopes)
{
    caller.Scope = scope;
    foreach (var (name, query) in scenarios)
    {
        var q = query with { Take = pageSize };
        using var serviceScope = root.CreateScope();
        var service = serviceScope.ServiceProvider.GetRequiredService<CustomerService>();
        var rows = 0;
        for (var i = 0; i < 2; i++) rows = (await service.ListAsync(q)).Total; // warm-up: connection pool, compiled query
        var times = new List<double>(repeat);
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            await service.ListAsync(q);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{who,-16} {name,-40} {rows,10:N0} {Pct(times, 50),8:N1} {Pct(times, 95),8:N1} {times[^1],8:N1}");
        if (plans.Enabled)
        {
            plans.Armed = true;
            await service.ListAsync(q);
            plans.Armed = false;
            foreach (var line in plans.Take()) Console.WriteLine($"    plan: {line}");
        }
    }
}

static double Pct(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

sealed class MutableCurrentUser : ICurrentUser
{
    public AccessScope Scope { get; set; } = AccessScope.None;
    public Task<AccessScope> GetScopeAsync(CancellationToken cancellationToken = default) => Task.FromResult(Scope);
}

/// <summary>When armed, asks the database for the plan of each query EF sends (same text, same parameters).</summary>
sealed class PlanCapture(DatabaseProvider provider, bool enabled) : DbCommandInterceptor
{
    private readonly List<string> _lines = [];
    public bool Enabled { get; } = enabled;
    public bool Armed { get; set; }

    public IReadOnlyList<string> Take()
    {
        var copy = _lines.ToArray();
        _lines.Clear();
        return copy;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Armed && !command.CommandText.StartsWith("EXPLAIN", StringComparison.Ordinal))
        {
            await using var explain = command.Connection!.CreateCommand();
            explain.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
            explain.Transaction = command.Transaction;
            foreach (DbParameter p in command.Parameters)
            {
                var copy = explain.CreateParameter();
                (copy.ParameterName, copy.Value, copy.DbType) = (p.ParameterName, p.Value, p.DbType);
                explain.Parameters.Add(copy);
            }
            await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
            var kind = command.CommandText.Contains("COUNT(", StringComparison.OrdinalIgnoreCase) ? "count" : "page";
            while (await reader.ReadAsync(cancellationToken))
                _lines.Add($"[{kind}] " + reader.GetValue(reader.FieldCount - 1));
        }
        return await base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

sealed class Args
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    public static Args Parse(string[] args)
    {
        var a = new Args();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected '{args[i]}'");
            var name = args[i][2..];
            a._values[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "";
        }
        return a;
    }
    public string? Get(string name, string? fallback) => _values.TryGetValue(name, out var v) ? v : fallback;
    public bool Has(string name) => _values.ContainsKey(name);
}
