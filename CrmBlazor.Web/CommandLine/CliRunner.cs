using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Access;
using CrmBlazor.Data.Seeding;
using CrmBlazor.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Web.CommandLine;

/// <summary>
/// Command-line modes of the web app. They read the same configuration as the server
/// (appsettings, <c>Database__Provider</c>, <c>ConnectionStrings__Crm</c>), do their job and exit
/// without starting the server: 0 success, 1 failure, 2 bad arguments.
/// </summary>
public static class CliRunner
{
    public const string Usage = """
        Usage: CrmBlazor.Web MODE [options]

          migrate                                  create or upgrade the database schema
          seed --customers N --orders-per-customer M [--seed S]
                                                   add N generated customers with M orders each
          recompute [--as-of yyyy-MM-dd]           re-evaluate every customer's lifecycle stage (default: today)
          import customers|orders|events|products|inventory FILE [--all-or-nothing] [--as EMAIL]
                                                   import a CSV file (columns: docs/import.md); every
                                                   rejected row is listed with its line and reason;
                                                   --as imports with that user's rights (default: system)
          schema script [--provider sqlite|postgres]
                                                   print the CREATE script of the current model
          export customers FILE [--lang en|zh-CN] [--stage S] [--owner EMAIL] [--region R] [--industry I]
                 [--level L] [--tag T] [--text X] [--from yyyy-MM-dd] [--to yyyy-MM-dd]
                                                   write all (or the filtered) customers as CSV (UTF-8 with BOM):
                                                   customer_no, name, owner, stage, stage_entered, reasons,
                                                   last_order_date, order_count, total_spend; reasons in --lang
          clv fit FILE                             fit BG/NBD (and Gamma-Gamma with a spend column) on a summary CSV
                                                   (columns ID|customer_id, frequency|x, recency|t_x, T,
                                                   optional monetary_value|zbar) and print the parameters as JSON
          clv predict FILE --horizon N [--discount-rate D]
                                                   fit on FILE, then write per customer as CSV: expected purchases in
                                                   the next N time units, P(alive), expected spend and CLV (NPV at D
                                                   per time unit, default 0); needs no database
          totp EMAIL                               print the user's current two-factor sign-in code (the demo
                                                   admin's authenticator key is in the README)
          help                                     show this text

        Without a MODE the web server starts. Configuration: Database:Provider (Sqlite|Postgres),
        ConnectionStrings:Crm, Database:DataFolder — also as Database__Provider, ConnectionStrings__Crm.
        """;

    /// <summary>A first argument that is not an option (<c>--urls</c> …) names a mode.</summary>
    public static bool IsMode(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args[0].ToLowerInvariant();
        var options = new CliArguments(args.Skip(1), "all-or-nothing");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        try
        {
            switch (mode)
            {
                case "help" or "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                case "migrate":
                    options.EnsureAllUsed();
                    return await WithServicesAsync(sp => MigrateAsync(sp, cancel.Token));
                case "seed":
                    var customers = options.Int("customers", null, 1, 10_000_000);
                    var orders = options.Int("orders-per-customer", null, 0, 1_000);
                    var seed = options.Int("seed", 1, int.MinValue, int.MaxValue);
                    options.EnsureAllUsed();
                    return await WithServicesAsync(sp => SeedAsync(sp, customers, orders, seed, cancel.Token));
                case "recompute":
                    var asOf = options.Date("as-of");
                    options.EnsureAllUsed();
                    return await WithServicesAsync(sp => RecomputeAsync(sp, asOf, cancel.Token));
                case "schema":
                    return await SchemaAsync(options);
                case "import":
                    var import = ImportCommand.Parse(options);
                    return await WithServicesAsync(sp => import.RunAsync(sp, cancel.Token));
                case "clv":
                    return ClvCommand.Parse(options).Run();
                case "export":
                    var export = CustomerExportCommand.Parse(options);
                    return await WithServicesAsync(sp => export.RunAsync(sp, cancel.Token));
                case "totp":
                    var totpUser = TotpCommand.Parse(options);
                    return await WithServicesAsync(sp => TotpCommand.RunAsync(sp, totpUser));
                default:
                    throw new CliUsageException($"Unknown mode '{args[0]}'.");
            }
        }
        catch (CliUsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine();
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (DomainException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or DbUpdateException or System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> action)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            ApplicationName = typeof(CliRunner).Assembly.GetName().Name,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddCrmData(builder.Configuration, builder.Environment.ContentRootPath);
        // no signed-in user here: the feature services resolve (Development validates every
        // registration at start) but see nothing; modes that act for someone bind their own scope
        builder.Services.AddScoped<ICurrentUser>(_ => new FixedCurrentUser(AccessScope.None));
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddScoped<Localization.UiText>();
        using var host = builder.Build();
        return await action(host.Services);
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var applied = await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        var provider = services.GetRequiredService<DatabaseOptions>().Provider;
        Console.WriteLine(applied.Count == 0
            ? $"Database ({provider}) is up to date."
            : $"Database ({provider}) migrated: applied version(s) {string.Join(", ", applied)}.");
        return 0;
    }

    private static async Task<int> SeedAsync(IServiceProvider services, int customers, int orders, int seed, CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        var interactive = !Console.IsOutputRedirected;
        var progress = new Progress<SeedProgress>(p =>
        {
            var rate = p.Elapsed.TotalSeconds > 0 ? p.Customers / p.Elapsed.TotalSeconds : 0;
            var line = $"seeded {p.Customers:N0}/{p.TargetCustomers:N0} customers, {p.Orders:N0} orders — {p.Elapsed:mm\\:ss} ({rate:N0} customers/s)";
            if (interactive) Console.Write("\r" + line.PadRight(100));
            else Console.WriteLine(line);
        });
        var (c, o) = await services.GetRequiredService<VolumeSeeder>().SeedAsync(customers, orders, seed, progress, ct);
        if (interactive) Console.WriteLine();
        Console.WriteLine($"Done: {c:N0} customers and {o:N0} orders added.");
        return 0;
    }

    private static async Task<int> RecomputeAsync(IServiceProvider services, DateOnly? asOf, CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        var interactive = !Console.IsOutputRedirected;
        var lastPhase = "";
        var progress = new SynchronousProgress<RecomputeProgress>(p =>
        {
            var line = $"{p.Phase}: {p.Done:N0}/{p.Total:N0} — {p.Elapsed:mm\\:ss}";
            if (interactive) Console.Write("\r" + line.PadRight(80));
            else if (p.Phase != lastPhase || p.Done == p.Total) Console.WriteLine(line);
            lastPhase = p.Phase;
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var summary = await services.GetRequiredService<LifecycleEvaluator>().RecomputeAsync(asOf, progress, ct);
        if (interactive) Console.WriteLine();
        Console.WriteLine($"Done in {watch.Elapsed.TotalSeconds:F1} s: {summary.Evaluated:N0} customers evaluated, {summary.StageChanges:N0} stage changes, " +
            $"{summary.WarningsRaised:N0} churn warnings raised, {summary.TasksCreated:N0} follow-ups planned.");
        await using var db = await services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync(ct);
        if (await db.ValueModelRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct) is { } run)
            Console.WriteLine(FormattableString.Invariant($"Value scores: {run.Customers:N0} customers in {run.Seconds:F1} s; ") + (run.BgNbd is { } bg
                ? FormattableString.Invariant($"BG/NBD r={bg.R:G6} alpha={bg.Alpha:G6} a={bg.A:G6} b={bg.B:G6}") + (run.GammaGamma is { } gg
                    ? FormattableString.Invariant($", Gamma-Gamma p={gg.P:G6} q={gg.Q:G6} v={gg.V:G6}") : "")
                : $"no prediction model ({run.FitError})"));
        return 0;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and print out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static Task<int> SchemaAsync(CliArguments options)
    {
        if (options.Positional.FirstOrDefault() != "script") throw new CliUsageException("schema needs a verb: schema script [--provider sqlite|postgres]");
        var provider = (options.String("provider") ?? "sqlite").ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            var other => throw new CliUsageException($"Unknown provider '{other}' (sqlite or postgres)."),
        };
        options.EnsureAllUsed();
        var cs = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost";
        using var db = new CrmDbContext(DependencyInjection.BuildOptions(provider, cs));
        Console.Write(db.Database.GenerateCreateScript());
        return Task.FromResult(0);
    }
}
