using CrmBlazor.Tests.TestSupport;
using System.Text;

namespace CrmBlazor.Tests.Web;

/// <summary><c>import customers|orders|events FILE</c> run as a user runs it, against a throw-away SQLite file.</summary>
public sealed class ImportCommandLineTests : IDisposable
{
    private readonly CliProcess _cli = new("crm-cli-import-");

    private Task<CliResult> RunAsync(params string[] args) => _cli.RunAsync(args);

    private string File(string name, string content, bool bom = true)
    {
        var path = Path.Combine(_cli.Folder, name);
        System.IO.File.WriteAllBytes(path, [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(content)]);
        return path;
    }

    [Fact]
    public async Task Import_ReportsRejectedRowsWithTheirLines_Exits1_AndAReImportAddsNothing()
    {
        var customers = File("customers.csv", "客户编号,客户名称,地区,联系人,电话\nC-1,上海云帆,华东,王芳,13812345678\nC-2,北京星河,north,李雷,\n", bom: false);
        var first = await RunAsync("import", "customers", customers);
        Assert.Equal(0, first.Exit);
        Assert.Contains("2 customers added", first.Out);

        var orders = File("orders.csv", "order_no,customer_no,order_date,amount\nO-1,C-1,2025-01-02,100\nO-2,C-9,2025-01-03,50\nO-3,C-2,2025-01-04,80.5\nO-4,C-2,03.01.2025,10\n");
        var run = await RunAsync("import", "orders", orders, "--all-or-nothing");
        Assert.Equal(1, run.Exit);
        Assert.Contains("0 orders added", run.Out);
        Assert.Contains("Nothing was imported (all or nothing).", run.Out);

        var partial = await RunAsync("import", "orders", orders);
        Assert.Equal(1, partial.Exit);
        Assert.Contains("4 rows read; 2 orders added (0 lines), 0 already present, 2 rows rejected", partial.Out);
        Assert.Contains("line 3: There is no customer C-9 you may import into.", partial.Out);
        Assert.Contains("line 5: OrderDate: '03.01.2025' is not a date", partial.Out);

        var good = File("good.csv", "order_no,customer_no,order_date,amount\nO-1,C-1,2025-01-02,100\nO-3,C-2,2025-01-04,80.5\n");
        var again = await RunAsync("import", "orders", good);
        Assert.Equal(0, again.Exit);
        Assert.Contains("0 orders added (0 lines), 2 already present, 0 rows rejected", again.Out);
    }

    [Theory]
    [InlineData("import", "Unknown import kind 'widgets'", "widgets", "FILE")]
    [InlineData("import", "File not found", "orders", "missing.csv")]
    [InlineData("import", "import needs a kind and a file", "orders", null)]
    public async Task BadArguments_ExitWith2(string mode, string message, string kind, string? file)
    {
        var path = file == "FILE" ? File("x.csv", "a\n") : file;
        var run = await RunAsync([mode, kind, .. path is null ? Array.Empty<string>() : [path]]);
        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Err);
    }

    [Fact]
    public async Task As_AnUnknownUser_ExitsWith2_AndAFileWithoutRequiredColumns_ExitsWith1()
    {
        var file = File("events.csv", "event_id,customer_no\nE-1,C-1\n");
        var unknown = await RunAsync("import", "events", file, "--as", "nobody@crm.demo");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("nobody@crm.demo is not an active user", unknown.Err);
        var missing = await RunAsync("import", "events", file);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("error: Missing columns: occurred_at, type.", missing.Err);
    }

    public void Dispose() => _cli.Dispose();
}
