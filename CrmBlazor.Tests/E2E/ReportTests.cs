using System.Text;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Reports;
using CrmBlazor.Domain.Opportunities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>The executive reports in a browser: drill-down to the customers behind a bar, the CSV of a chart, live refresh on a new order.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task<IPage> OpenContributionAsync(string email = "exec@crm.demo")
    {
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, email);
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/reports/contribution");
        await Expect(page.Locator("[data-testid=chart-pareto] svg path").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=report-updated]")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000); // the circuit subscribes to the event hub after its first render
        return page;
    }

    [Fact]
    public async Task Executive_ClicksTheTopBarOfTheParetoChart_AndLandsOnExactlyThoseCustomers()
    {
        Fx.RequireAvailable();
        var report = await (await Fx.AsUserAsync<ContributionReportService>("exec@crm.demo")).GetAsync(new ReportFilter());
        var top = report.Buckets[0];
        var expected = await (await Fx.AsUserAsync<CustomerService>("exec@crm.demo")).ListAsync(new CustomerQuery
            { RevenueYear = report.Year, RevenueMinBin = top.MinBin, RevenueMaxBin = top.MaxBin, Take = 100 });
        Assert.Equal(top.Customers, expected.Total);

        var page = await OpenContributionAsync();
        await page.Locator("[data-testid=chart-pareto] .rz-column-series path").First.ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/customers?") && url.Contains($"revenueYear={report.Year}"));
        await Expect(page.Locator("[data-testid=customer-drill]")).ToBeVisibleAsync();
        await Expect(page.Locator(".crm-page-header")).ToContainTextAsync($"{expected.Total:N0}");
        var numbers = await page.Locator("[data-testid=customer-grid] tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(Math.Min(20, expected.Total), numbers.Count);
        Assert.All(numbers, n => Assert.Contains(n.Trim(), expected.Items.Select(c => c.Number)));
        // the largest customer of the year is in the top bucket
        Assert.Contains(report.Top[0].Number, expected.Items.Select(c => c.Number));
    }

    [Fact]
    public async Task AReportLink_OpensWithItsFilter_AndTheAddressFollowsAChangedFilter()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "exec@crm.demo");
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=" + Uri.EscapeDataString("/reports/contribution?name=科技"));
        await Expect(page.Locator("[data-testid=report-updated]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=filter-name]")).ToHaveValueAsync("科技");
        var named = await (await Fx.AsUserAsync<ContributionReportService>("exec@crm.demo")).GetAsync(new ReportFilter { Name = "科技" });
        Assert.All(named.Top, t => Assert.Contains("科技", t.Name));
        await Expect(page.Locator("[data-testid=ranking-grid] tbody tr").First).ToContainTextAsync(named.Top[0].Name);

        await page.Locator("[data-testid=filter-name]").FillAsync("");
        await page.Locator("[data-testid=filter-name]").PressAsync("Tab");
        await page.WaitForURLAsync(url => url.EndsWith("/reports/contribution?year=" + named.Year, StringComparison.Ordinal));

        await page.GotoAsync("/reports/churn?from=2026-02-30");
        await Expect(page.Locator(".rz-notification-item")).ToContainTextAsync("from: '2026-02-30'");
    }

    [Fact]
    public async Task CsvOfTheParetoChart_HoldsTheChartsData_WithAByteOrderMark()
    {
        Fx.RequireAvailable();
        var report = await (await Fx.AsUserAsync<ContributionReportService>("exec@crm.demo")).GetAsync(new ReportFilter());
        var page = await OpenContributionAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=chart-pareto-csv]").ClickAsync());
        Assert.Equal($"contribution-pareto-{report.Year}.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Bucket,From rank,To rank,Customers,Order amount,Share of revenue,Cumulative share of customers,Cumulative share of revenue", lines[0]);
        Assert.Equal(report.Buckets.Count + 1, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal(("1", "1", report.Buckets[0].ToRank.ToString(System.Globalization.CultureInfo.InvariantCulture)), (first[0], first[1], first[2]));
        Assert.Equal(report.Buckets[0].Revenue, decimal.Parse(first[4], System.Globalization.CultureInfo.InvariantCulture), 2);
        Assert.Equal(1.0, double.Parse(lines[^1].Split(',')[7], System.Globalization.CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public async Task AnOpportunityWonInAnotherBrowser_ItsOrderAppearsInTheOpenReport_WithoutReload()
    {
        Fx.RequireAvailable();
        var exec = await Fx.AsUserAsync<ContributionReportService>("exec@crm.demo");
        var before = await exec.GetAsync(new ReportFilter());
        var page = await OpenContributionAsync();
        var kpis = page.Locator(".crm-report-kpis");
        await Expect(kpis).ToContainTextAsync(before.Revenue.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        var updated = await page.Locator("[data-testid=report-updated]").InnerTextAsync();

        // someone else wins an opportunity: the customer is created with an order of the expected amount
        var manager = await Fx.AsUserAsync<OpportunityService>("manager@crm.demo");
        var id = await manager.CreateAsync(new OpportunityDetails
        {
            SourceCode = "exhibition", CustomerName = "报表实时 " + Guid.NewGuid().ToString("N")[..6], Probability = 90, Summary = "大单",
            ContactName = "周敏", ContactPhone = "13700002222", ExpectedAmount = 123_457m, RegionCode = "east", IndustryCode = "it",
        });
        await manager.AssignAsync(id, 0, await Fx.UserIdAsync("am1@crm.demo"));
        var am = await Fx.AsUserAsync<OpportunityService>("am1@crm.demo");
        await am.AddPlanStepAsync(id, 1, DateOnly.FromDateTime(DateTime.UtcNow), "签约");
        await am.StartDevelopmentAsync(id, 2);
        // the account manager marks it won in their own browser
        var other = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(other, "am1@crm.demo");
        await other.GotoAsync($"/culture/set?culture=en-US&redirectUri=/opportunities/{id}");
        await Expect(other.Locator("[data-testid=mark-won]")).ToBeVisibleAsync();
        await other.WaitForTimeoutAsync(1000); // interactive after the first render
        await other.Locator("[data-testid=mark-won]").ClickAsync();
        await other.Locator(".rz-dialog-confirm-buttons button", new() { HasText = "Won" }).ClickAsync();

        await Expect(kpis).Not.ToContainTextAsync(before.Revenue.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")), new() { Timeout = 10_000 });
        var after = await exec.GetAsync(new ReportFilter());
        Assert.Equal(before.Revenue + 123_457m, after.Revenue);
        await Expect(kpis).ToContainTextAsync(after.Revenue.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")), new() { Timeout = 10_000 });
        await Expect(kpis).ToContainTextAsync(after.Customers.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        Assert.NotEqual(updated, await page.Locator("[data-testid=report-updated]").InnerTextAsync());
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task AccountManager_OpeningAReport_IsRefused()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "am1@crm.demo");
        await page.GotoAsync("/reports/contribution");
        await Expect(page.Locator("[data-testid=chart-pareto]")).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Customer contribution");
    }
}
