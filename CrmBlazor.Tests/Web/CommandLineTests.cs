using CrmBlazor.Tests.TestSupport;

namespace CrmBlazor.Tests.Web;

/// <summary>
/// The command-line modes, run as a user runs them — <c>dotnet CrmBlazor.Web.dll MODE</c> — against
/// a throw-away SQLite file chosen through the same environment variables the server reads.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly CliProcess _cli = new("crm-cli-");

    private Task<CliResult> RunAsync(params string[] args)
    {
        var environment = _cli.Environment;
        environment["Demo__Seed"] = "true"; // must be ignored: only the web server seeds the demo company
        return _cli.RunWithAsync(environment, args);
    }

    private Task<CliResult> RunWithAsync(IReadOnlyDictionary<string, string> environment, params string[] args) => _cli.RunWithAsync(environment, args);

    [Fact]
    public async Task Migrate_CreatesTheSchema_ThenReportsUpToDate()
    {
        var first = await RunAsync("migrate");
        Assert.Equal(0, first.Exit);
        Assert.Contains("applied version(s) 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11", first.Out);
        var second = await RunAsync("migrate");
        Assert.Equal(0, second.Exit);
        Assert.Contains("up to date", second.Out);
    }

    [Fact]
    public async Task Modes_RunUnderDevelopment_AsDotnetRunStartsThem()
    {
        // `dotnet run` starts in Development, where the host validates every service registration
        var run = await RunWithAsync(new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Crm"] = $"Data Source={Path.Combine(_cli.Folder, "dev.db")}",
        }, "migrate");
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("migrated", run.Out);
    }

    [Fact]
    public async Task Recompute_EvaluatesEveryone_WithProgress_ThenChangesNothingOnARerun()
    {
        Assert.Equal(0, (await RunAsync("seed", "--customers", "200", "--orders-per-customer", "3", "--seed", "7")).Exit);

        var first = await RunAsync("recompute");
        var again = await RunAsync("recompute");

        Assert.Equal(0, first.Exit);
        Assert.Contains("orders: 0/", first.Out);
        Assert.Contains("customers: 200/200", first.Out);
        Assert.Contains("200 customers evaluated", first.Out);
        Assert.Equal(0, again.Exit);
        Assert.Contains("200 customers evaluated, 0 stage changes, 0 churn warnings raised, 0 follow-ups planned", again.Out);
    }

    [Theory]
    [InlineData("31.12.2025", 2, "--as-of must be a date like 2026-01-31")]
    [InlineData("2999-01-01", 1, "cannot be in the future")]
    public async Task Recompute_WithABadDate_SaysWhy(string date, int exit, string message)
    {
        var run = await RunAsync("recompute", "--as-of", date);
        Assert.Equal(exit, run.Exit);
        Assert.Contains(message, run.Err);
    }

    [Fact]
    public async Task Seed_AddsCustomersAndOrders_WithProgress_AndNoDemoCompany()
    {
        var run = await RunAsync("seed", "--customers", "300", "--orders-per-customer", "2", "--seed", "5");
        Assert.Equal(0, run.Exit);
        Assert.Contains("seeded 300/300 customers", run.Out);
        Assert.Contains("Done: 300 customers", run.Out);
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_cli.Folder, "cli.db")}");
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT (SELECT COUNT(*) FROM Customers), (SELECT COUNT(*) FROM AspNetUsers WHERE UserName <> 'lead-intake@system.local'), (SELECT COUNT(*) FROM Opportunities)";
        await using var r = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await r.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(300, r.GetInt32(0));
        Assert.Equal(0, r.GetInt32(1));
        Assert.Equal(0, r.GetInt32(2));
    }

    [Theory]
    [InlineData("seed --customers abc --orders-per-customer 2", "--customers must be a whole number, not 'abc'")]
    [InlineData("seed --orders-per-customer 2", "Option --customers is required")]
    [InlineData("seed --customers 0 --orders-per-customer 2", "--customers must be between 1 and 10,000,000")]
    [InlineData("seed --customers 5 --orders-per-customer 2 --colour red", "Unknown option: --colour")]
    [InlineData("frobnicate", "Unknown mode 'frobnicate'")]
    public async Task BadArguments_ExitWith2_AndSayWhatIsWrong(string line, string message)
    {
        var run = await RunAsync(line.Split(' '));
        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Err);
        Assert.Contains("Usage:", run.Err);
        Assert.False(File.Exists(Path.Combine(_cli.Folder, "cli.db")), "a refused command must not touch the database");
    }

    [Fact]
    public async Task UnreachableDatabase_ExitsWith1_WithAClearMessage()
    {
        var run = await RunWithAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Crm"] = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2",
        }, "migrate");
        Assert.Equal(1, run.Exit);
        Assert.StartsWith("error:", run.Err.Trim());
        Assert.DoesNotContain("   at ", run.Err); // a message, not a stack trace
    }

    public void Dispose() => _cli.Dispose();
}
