using System.Globalization;
using System.Text.Json;
using CrmBlazor.Tests.TestSupport;

namespace CrmBlazor.Tests.Web;

/// <summary><c>clv fit</c> / <c>clv predict</c> run as a user runs them, on the CDNOW files as they are.</summary>
public sealed class ClvCommandLineTests : IDisposable
{
    private readonly CliProcess _cli = new("crm-clv-");

    public void Dispose() => _cli.Dispose();

    private string WriteFile(string text)
    {
        var path = Path.Combine(_cli.Folder, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertRelative(double expected, JsonElement actual, double tolerance) =>
        Assert.True(Math.Abs(actual.GetDouble() - expected) <= tolerance * Math.Abs(expected), $"expected {expected}, got {actual}");

    [Fact]
    public async Task Fit_CdnowSummary_PrintsTheBgNbdParameters_AndNoSpendModel()
    {
        var run = await _cli.RunAsync("clv", "fit", Cdnow.SummaryFile);

        Assert.True(run.Exit == 0, run.Err);
        using var json = JsonDocument.Parse(run.Out);
        var bg = json.RootElement.GetProperty("bgnbd");
        AssertRelative(0.242593, bg.GetProperty("r"), 1e-4);
        AssertRelative(4.413532, bg.GetProperty("alpha"), 1e-4);
        AssertRelative(0.792886, bg.GetProperty("a"), 1e-4);
        AssertRelative(2.425752, bg.GetProperty("b"), 1e-4);
        AssertRelative(-9582.43, bg.GetProperty("logLikelihood"), 1e-4);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("gammaGamma").ValueKind);
        Assert.False(File.Exists(_cli.Database)); // no database is touched
    }

    [Fact]
    public async Task Fit_CdnowWithSpend_PrintsBothModels()
    {
        var run = await _cli.RunAsync("clv", "fit", Cdnow.SummaryWithSpendFile);

        Assert.True(run.Exit == 0, run.Err);
        using var json = JsonDocument.Parse(run.Out);
        AssertRelative(0.242593, json.RootElement.GetProperty("bgnbd").GetProperty("r"), 1e-4);
        var gg = json.RootElement.GetProperty("gammaGamma");
        AssertRelative(6.2488, gg.GetProperty("p"), 1e-3);
        AssertRelative(3.7446, gg.GetProperty("q"), 1e-3);
        AssertRelative(15.4477, gg.GetProperty("v"), 1e-3);
        Assert.True(gg.GetProperty("logLikelihood").GetDouble() < 0);
    }

    [Fact]
    public async Task Predict_CdnowWithSpend_WritesEveryCustomer()
    {
        var run = await _cli.RunAsync("clv", "predict", Cdnow.SummaryWithSpendFile, "--horizon", "39", "--discount-rate", "0.002");

        Assert.True(run.Exit == 0, run.Err);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_id,expected_purchases,p_alive,expected_avg_spend,clv", lines[0]);
        Assert.Equal(2358, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal("1", first[0]);
        Assert.Equal(1.226, double.Parse(first[1], CultureInfo.InvariantCulture), 3); // FHL 2005, weeks 40–78
        var spend = double.Parse(first[3], CultureInfo.InvariantCulture);
        var clv = double.Parse(first[4], CultureInfo.InvariantCulture);
        Assert.InRange(clv, 0.9 * 1.226 * spend, 1.226 * spend); // discounted a little
        Assert.All(lines.Skip(1), l => Assert.Equal(5, l.Split(',').Count(c => c.Length > 0)));
    }

    [Fact]
    public async Task Predict_WithoutSpendColumn_LeavesSpendAndClvEmpty()
    {
        var run = await _cli.RunAsync("clv", "predict", Cdnow.SummaryFile, "--horizon", "52");

        Assert.True(run.Exit == 0, run.Err);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2358, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",,", l));
    }

    [Theory]
    [InlineData("ID,frequency,T\n1,2,30\n", "missing column 'recency'")]
    [InlineData("customer_id,x,t_x,T\n1,2,20,30\n2,1,abc,30\n", "line 3: 'abc' in column t_x is not a number")]
    [InlineData("ID,frequency,recency,T\n1,2,20,30\n2,-1,0,30\n", "line 3: a value is negative")]
    [InlineData("ID,frequency,recency,T\n1,2,20,30\n\n7,1,31,30\n", "line 4: recency is greater than T")]
    [InlineData("ID,frequency,recency,T\n", "no customers")]
    [InlineData("ID,frequency,recency,T\n1,0,0,30\n2,0,0,20\n", "No customer has bought again")]
    public async Task Fit_BadFile_ExplainsAndFails(string content, string message)
    {
        var run = await _cli.RunAsync("clv", "fit", WriteFile(content));

        Assert.Equal(1, run.Exit);
        Assert.Contains(message, run.Err);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("predict", "--horizon", "0")]
    [InlineData("predict", "--horizon", "12", "--discount-rate", "ten")]
    [InlineData("guess")]
    public async Task BadArguments_ExitWithUsage(params string[] args)
    {
        var run = await _cli.RunAsync(["clv", args[0], Cdnow.SummaryFile, .. args[1..]]);

        Assert.Equal(2, run.Exit);
        Assert.Contains("clv predict FILE --horizon N", run.Err);
    }
}
