using System.Diagnostics;
using System.Globalization;
using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Migrations;
using CrmBlazor.Data.Reports;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// bench/reports — each executive report's data load exactly as its page runs it (the report
// services), as an executive, an executive filtering by region, and a sales manager whose team
// is the two account managers with the most customers. Prints p50/p95/max per report and caller.
//   dotnet bench/Reports/bin/Release/net10.0/Reports.dll --provider sqlite|postgres --connection CS [--repeat 20] [--migrate]
var options = Args.Parse(args);
var provider = options.Get("provider", "sqlite") switch
{
    "sqlite" => DatabaseProvider.Sqlite,
    "postgres" or "postgresql" => DatabaseProvider.Postgres,
    var p => throw new ArgumentException($"unknown provider '{p}'"),
};
var connection = options.Get("connection", null) ?? throw new ArgumentException("--connection is required");
var repeat = int.Parse(options.Get("repeat", "20")!, CultureInfo.InvariantCulture);
var only = options.Get("only", null); // runs only the reports whose name contains this

var services = new ServiceCollection();
services.AddLogging();
services.AddCrmData(provider, db =>
{
    DependencyInjection.ConfigureProvider(db, provider, connection);
    // --sql prints each command with its time (to find the slow one)
    if (options.Has("sql")) db.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
});
var caller = new MutableCurrentUser();
services.AddSingleton<ICurrentUser>(caller);
await using var root = services.BuildServiceProvider();

int customers, orders;
string[] team;
string region;
DateOnly latest;
await using (var db = await root.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync())
{
    if (options.Has("migrate"))
    {
        var watch = Stopwatch.StartNew();
        var applied = await new SchemaMigrator().MigrateAsync(db);
        Console.WriteLine($"migrated: {string.Join(", ", applied)} in {watch.Elapsed.TotalSeconds:N1} s");
    }
    customers = await db.Customers.CountAsync();
    orders = await db.Orders.CountAsync();
    team = await db.Customers.Where(c => c.OwnerId != null).GroupBy(c => c.OwnerId!).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(2).ToArrayAsync();
    region = await db.Customers.Where(c => c.RegionCode != null).GroupBy(c => c.RegionCode!).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
    latest = await db.Orders.MaxAsync(o => o.OrderDate);
}
Console.WriteLine($"report benchmark · {provider} · {customers:N0} customers · {orders:N0} orders · {repeat} runs per report and caller");

var period = new ReportFilter { From = new DateOnly(latest.Year, latest.Month, 1).AddMonths(-11), To = latest };
var callers = new (string Who, AccessScope Scope, ReportFilter Filter)[]
{
    ("executive", AccessScope.ForUser("bench-exec", "bench-exec", [Roles.Executive]), period),
    ($"executive, region {region}", AccessScope.ForUser("bench-exec", "bench-exec", [Roles.Executive]), period with { RegionCode = region }),
    ("sales manager (2 AMs)", AccessScope.ForUser("bench-manager", "bench-manager", [Roles.SalesManager], team), period),
};
var reports = new (string Name, Func<IServiceProvider, ReportFilter, Task<string>> Load)[]
{
    ("contribution (year, 80/20, top 20, ranking page)", async (sp, f) =>
    {
        var s = sp.GetRequiredService<ContributionReportService>();
        var r = await s.GetAsync(f with { Year = latest.Year });
        await s.RankAsync(f, r.Year, 0, 20, (r.Customers, r.Revenue));
        return $"{r.Customers:N0} customers, top 20 % = {r.Top20Share:P1}";
    }),
    ("contribution, name contains '科技'", async (sp, f) =>
    {
        var s = sp.GetRequiredService<ContributionReportService>();
        var r = await s.GetAsync(f with { Year = latest.Year, Name = "科技" });
        await s.RankAsync(f with { Name = "科技" }, r.Year, 0, 20, (r.Customers, r.Revenue));
        return $"{r.Customers:N0} customers";
    }),
    ("contribution, name contains '远航物流'", async (sp, f) =>
    {
        var s = sp.GetRequiredService<ContributionReportService>();
        var r = await s.GetAsync(f with { Year = latest.Year, Name = "远航物流" });
        await s.RankAsync(f with { Name = "远航物流" }, r.Year, 0, 20, (r.Customers, r.Revenue));
        return $"{r.Customers:N0} customers";
    }),
    ("composition (7 dimensions)", async (sp, f) =>
    {
        var r = await sp.GetRequiredService<CompositionReportService>().GetAsync(f);
        return $"{r.Customers:N0} customers";
    }),
    ("churn (rate per month, warnings, reasons, list page)", async (sp, f) =>
    {
        var s = sp.GetRequiredService<ChurnReportService>();
        var r = await s.GetAsync(f);
        await s.ChurnedAsync(f, 0, 20);
        return $"{r.Warnings.Sum(w => w.Count):N0} warnings, {r.Confirmed:N0} confirmed";
    }),
    ("lifecycle (stages over time, transitions, medians)", async (sp, f) =>
    {
        var r = await sp.GetRequiredService<LifecycleReportService>().GetAsync(f);
        return $"{r.Transitions.Sum(t => t.Count):N0} transitions";
    }),
    ("value (RFM map, segments, CLV bands, top 10)", async (sp, f) =>
    {
        var r = await sp.GetRequiredService<CrmBlazor.Data.Value.ValueReportService>().GetAsync(f);
        return $"{r.Customers:N0} scored, {r.Segments.Count(s => s.Customers > 0)} segments";
    }),
};

Console.WriteLine($"{"as",-28} {"report",-54} {"p50 ms",8} {"p95 ms",8} {"max ms",8}  result");
foreach (var (who, scope, filter) in callers)
{
    caller.Scope = scope;
    foreach (var (name, load) in reports.Where(r => only is null || r.Name.Contains(only, StringComparison.Ordinal)))
    {
        using var serviceScope = root.CreateScope();
        var sp = serviceScope.ServiceProvider;
        var result = "";
        for (var i = 0; i < 2; i++) result = await load(sp, filter); // warm-up: connection pool, compiled queries
        var times = new List<double>(repeat);
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            await load(sp, filter);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{who,-28} {name,-54} {Pct(times, 50),8:N1} {Pct(times, 95),8:N1} {times[^1],8:N1}  {result}");
    }
}

static double Pct(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

sealed class MutableCurrentUser : ICurrentUser
{
    public AccessScope Scope { get; set; } = AccessScope.None;
    public Task<AccessScope> GetScopeAsync(CancellationToken cancellationToken = default) => Task.FromResult(Scope);
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
