using System.Text;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Reports;
using CrmBlazor.Data.Value;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>The value report in a browser: a cell of the RFM map opens exactly its customers; the customer page states the prediction.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ValueReportTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Executive_ClicksAnRfmMapCell_AndLandsOnThatSegmentsCustomers()
    {
        Fx.RequireAvailable();
        var report = await (await Fx.AsUserAsync<ValueReportService>("exec@crm.demo")).GetAsync(new ReportFilter());
        Assert.NotNull(report.Run?.BgNbd); // the demo company's purchases fit the model
        var cell = report.Map.OrderByDescending(c => c.Customers).First();
        var inSegment = report.Segments.Single(s => s.Segment == cell.Segment).Customers;

        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "exec@crm.demo");
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/reports/value");
        await Expect(page.Locator("[data-testid=value-model]")).ToContainTextAsync("BG/NBD");
        await Expect(page.Locator("[data-testid=kpi-scored]")).ToContainTextAsync($"{report.Customers:N0}");
        await page.WaitForTimeoutAsync(500); // interactive after the first render
        await page.Locator($"[data-testid=rfm-{cell.R}-{cell.Fm}]").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/customers?") && url.Contains($"segment={cell.Segment}"));
        await Expect(page.Locator(".crm-page-header")).ToContainTextAsync($"{inSegment:N0}");
        var expected = await (await Fx.AsUserAsync<CustomerService>("exec@crm.demo")).ListAsync(new CustomerQuery { RfmSegment = cell.Segment, Take = 20 });
        var cells = page.Locator("[data-testid=customer-grid] tbody tr td:first-child");
        await Expect(cells).ToHaveCountAsync(expected.Items.Count);
        await Expect(cells.First).ToHaveTextAsync(expected.Items[0].Number);
        var numbers = await cells.AllInnerTextsAsync();
        Assert.Equal(expected.Items.Select(c => c.Number), numbers.Select(n => n.Trim()));
    }

    [Fact]
    public async Task SegmentCsv_HoldsTheChartsFigures()
    {
        Fx.RequireAvailable();
        var report = await (await Fx.AsUserAsync<ValueReportService>("exec@crm.demo")).GetAsync(new ReportFilter());
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "exec@crm.demo");
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/reports/value");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=chart-segments-csv]").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("RFM segment,segment_code,Customers,CLV,Average CLV,\"Revenue, last 12 months\"", lines[0]);
        var nonEmpty = report.Segments.Where(s => s.Customers > 0).ToArray();
        Assert.Equal(nonEmpty.Length + 1, lines.Length);
        var champions = nonEmpty.FirstOrDefault(s => s.Segment == CrmBlazor.Domain.Value.RfmSegment.Champions) ?? nonEmpty[0];
        var row = lines.Single(l => l.Split(',')[1] == champions.Segment.ToString()).Split(',');
        Assert.Equal(champions.Customers, int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task CustomerPage_StatesTheValuePrediction_InChinese()
    {
        Fx.RequireAvailable();
        var report = await (await Fx.AsUserAsync<ValueReportService>("exec@crm.demo")).GetAsync(new ReportFilter());
        var top = report.Top[0];
        var detail = await (await Fx.AsUserAsync<CustomerValueService>("admin@crm.demo")).GetAsync(top.CustomerId);
        Assert.NotNull(detail?.ProbabilityAlive);

        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, "admin@crm.demo");
        await page.GotoAsync($"/culture/set?culture=zh-CN&redirectUri=/customers/{top.CustomerId}");
        var headline = page.Locator("[data-testid=value-headline]");
        await Expect(headline).ToContainTextAsync("概率仍活跃，预计未来一年");
        await Expect(headline).ToContainTextAsync($"{Math.Round(detail.ProbabilityAlive!.Value * 100):0}%");
        await Expect(page.Locator("[data-testid=value-segment]")).ToContainTextAsync("R" + detail.RfmR);
    }
}
