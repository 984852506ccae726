using System.Text;
using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>The import page as an account manager uses it: a file with bad rows, the report, and the good rows on the customer's page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task OrdersCsv_WithTwoBadRows_ReportsBothByLine_AndTheGoodOrdersMoveTheCustomersStage()
    {
        Fx.RequireAvailable();
        var am1 = await Fx.UserIdAsync("am1@crm.demo");
        var am2 = await Fx.UserIdAsync("am2@crm.demo");
        int mine;
        string mineNo, otherNo, theirsNo;
        await using (var db = await Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync())
        {
            var prospect = await db.Customers.Where(c => c.OwnerId == am1 && c.Stage == LifecycleStage.Prospect && c.OrderCount == 0)
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.Number }).FirstAsync();
            (mine, mineNo) = (prospect.Id, prospect.Number);
            otherNo = await db.Customers.Where(c => c.OwnerId == am1 && c.Id != prospect.Id).OrderBy(c => c.Id).Select(c => c.Number).FirstAsync();
            theirsNo = await db.Customers.Where(c => c.OwnerId == am2).OrderBy(c => c.Id).Select(c => c.Number).FirstAsync();
        }
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var day = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd");
        var csv = $"""
            订单号,Kunde,下单日期,金额,产品编号,数量,单价
            {tag}-1,{mineNo},{day},,G200,1,4800
            {tag}-1,{mineNo},{day},,IMPL,2,2400
            {tag}-2,{theirsNo},{day},900,,,
            {tag}-3,{mineNo},{day},12 300,,,
            {tag}-4,{otherNo},{day},1500.50,,,
            """;
        var file = new FilePayload { Name = "orders.csv", MimeType = "text/csv", Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)] };

        var page = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "am1@crm.demo");
        await page.GotoAsync("/import");
        await Expect(page.Locator("[data-testid=import-kind-list]")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000); // interactive after the first render
        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(file);
        await Expect(page.Locator("[data-testid=import-mapping]")).ToBeVisibleAsync();
        // Chinese headers are recognised; the unknown one is mapped by hand
        await Expect(page.Locator("[data-testid=import-missing]")).ToContainTextAsync("customer_no");
        await Expect(page.Locator("[data-testid=import-start]")).ToBeDisabledAsync();
        await page.Locator("[data-testid=map-field-1]").ClickAsync();
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = "(customer_no)" }).First.ClickAsync();
        await Expect(page.Locator("[data-testid=import-missing]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=import-preview] tbody tr")).ToHaveCountAsync(5);
        await page.Locator("[data-testid=import-start]").ClickAsync();

        var report = page.Locator("[data-testid=import-report]");
        await Expect(report).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=import-count-added]")).ToContainTextAsync("2");
        await Expect(page.Locator("[data-testid=import-count-rejected]")).ToContainTextAsync("2");
        var rows = page.Locator("[data-testid=import-rejected] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("4");
        await Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync($"There is no customer {theirsNo} you may import into.");
        await Expect(rows.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync("5");
        await Expect(rows.Nth(1).Locator("td").Nth(1)).ToHaveTextAsync("Amount: '12 300' is not a number.");

        await page.GotoAsync($"/customers/{mine}");
        var badge = page.Locator(".crm-page-actions .crm-stage").First;
        await Expect(badge).ToHaveAttributeAsync("data-stage", "new");
        await Expect(badge).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^New: .+"));
        var ordersTab = page.Locator(".rz-tabview-nav li", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Orders") });
        await ordersTab.First.ClickAsync();
        var grid = page.Locator("[data-testid=order-grid]");
        await Expect(grid).ToContainTextAsync($"{tag}-1");
        await Expect(grid).Not.ToContainTextAsync($"{tag}-3");
        await using (var db = await Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync())
            Assert.Equal([$"{tag}-1", $"{tag}-4"], await db.Orders.Where(o => o.OrderNo.StartsWith(tag)).Select(o => o.OrderNo).OrderBy(n => n).ToListAsync());
        await page.Context.CloseAsync();
    }
}
