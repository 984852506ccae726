using CrmBlazor.Tests.TestSupport;
using System.Text;

namespace CrmBlazor.Tests.Web;

/// <summary><c>export customers FILE</c> run as a user runs it, against a throw-away SQLite file with generated customers.</summary>
public sealed class CustomerExportCommandTests : IDisposable
{
    private readonly CliProcess _cli = new("crm-export-");

    private Task<CliResult> RunAsync(params string[] args) => _cli.RunAsync(args);

    [Fact]
    public async Task ExportCustomers_WritesEveryCustomer_WithBomHeaderAndStageCodes()
    {
        Assert.Equal(0, (await RunAsync("seed", "--customers", "120", "--orders-per-customer", "2", "--seed", "3")).Exit);
        var file = Path.Combine(_cli.Folder, "customers.csv");
        var run = await RunAsync("export", "customers", file, "--lang", "zh-CN");
        Assert.Equal(0, run.Exit);
        Assert.Contains("Exported 120 customers", run.Out);
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_no,name,owner,stage,stage_entered,reasons,last_order_date,order_count,total_spend,rfm_segment,value_tier,clv,p_alive,churn_risk,phone", lines[0]);
        Assert.Equal(121, lines.Length);
        string[] stages = ["prospect", "new", "growing", "mature", "declining", "churned"];
        var stageColumn = new System.Text.RegularExpressions.Regex($",(?:{string.Join('|', stages)}),\\d{{4}}-\\d{{2}}-\\d{{2}},");
        Assert.All(lines.Skip(1), l => Assert.Matches(stageColumn, l));
        Assert.False(File.Exists(file + ".part"));
    }

    [Fact]
    public async Task ExportCustomers_BadArguments_ExitWith2AndSayWhy()
    {
        var lang = await RunAsync("export", "customers", "x.csv", "--lang", "fr");
        Assert.Equal(2, lang.Exit);
        Assert.Contains("Unknown language 'fr'", lang.Err);
        var what = await RunAsync("export", "orders", "x.csv");
        Assert.Equal(2, what.Exit);
        var stage = await RunAsync("export", "customers", "x.csv", "--stage", "gold");
        Assert.Equal(2, stage.Exit);
        Assert.Contains("Unknown stage 'gold'", stage.Err);
    }

    [Fact]
    public async Task ExportCustomers_UnwritableFile_ExitsWith1()
    {
        var run = await RunAsync("export", "customers", Path.Combine(_cli.Folder, "no-such-dir", "x.csv"));
        Assert.Equal(1, run.Exit);
        Assert.Contains("error:", run.Err);
    }

    public void Dispose() => _cli.Dispose();
}
