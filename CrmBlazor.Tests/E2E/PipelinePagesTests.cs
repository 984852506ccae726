using System.Text;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Domain.Opportunities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>The manager's pipeline pages beyond dragging: the keyboard "Assign to…" menu, chart drill-down, CSV lead import.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PipelinePagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AssignToMenu_OnACard_AssignsWithoutDragging()
    {
        Fx.RequireAvailable();
        var customer = "菜单指派 " + Guid.NewGuid().ToString("N")[..6];
        var service = await Fx.AsUserAsync<OpportunityService>("manager@crm.demo");
        var id = await service.CreateAsync(new OpportunityDetails { SourceCode = "website", CustomerName = customer, Probability = 35, Summary = "键盘指派", ContactName = "周一" });
        var am2 = await Fx.UserIdAsync("am2@crm.demo");

        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, "manager@crm.demo");
        await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/opportunities/board");
        await Expect(page.Locator($"[data-testid=column-unassigned] [data-testid=card-{id}]")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await page.Locator($"[data-testid=assign-{id}]").SelectOptionAsync(am2);
        await Expect(page.Locator($"[data-testid=column-{am2}] [data-testid=card-{id}]")).ToBeVisibleAsync();
        await Expect(page.Locator(".rz-notification-item").Last).ToContainTextAsync("已指派");
        var saved = (await service.GetAsync(id)).Value!.Row;
        Assert.Equal((OpportunityStatus.Assigned, am2), (saved.Status, saved.AssignedToId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PipelineChart_ClickingTheWonBar_OpensTheListOfWonOpportunities()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "manager@crm.demo");
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/opportunities/pipeline");
        var chart = page.Locator(".crm-chart").First;
        await Expect(chart.Locator(".rz-category-axis .rz-tick-text").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        var labels = await chart.Locator(".rz-category-axis .rz-tick-text").AllTextContentsAsync();
        var won = labels.ToList().IndexOf("Won");
        Assert.True(won >= 0, "the status chart has a Won bar: " + string.Join(", ", labels));
        var wonTotal = await page.Locator("[data-testid=pipeline-table] tfoot td").Nth(4).InnerTextAsync();

        await chart.Locator(".rz-column-series path").Nth(won).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/opportunities?status=Won"), new() { WaitUntil = WaitUntilState.Commit }); // an in-app navigation: no load event
        var rows = page.Locator("[data-testid=opportunity-grid] [data-testid^=status-]");
        await Expect(rows).ToHaveCountAsync(Math.Min(int.Parse(wonTotal, System.Globalization.CultureInfo.InvariantCulture), 20)); // first page
        var statuses = await page.Locator("[data-testid=opportunity-grid] [data-testid^=status-]").AllInnerTextsAsync();
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Equal("Won", s.Trim()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LeadCsvImport_ABadLine_IsListedWithItsLineAndReason_AllOrNothingSavesNothing()
    {
        Fx.RequireAvailable();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = $"""
            客户名称,联系人,联系电话,来源,概要,成功几率,地区
            导入甲 {tag},张三,13800000001,website,官网咨询,30,south
            导入乙 {tag},李四,13800000002,exhibition,展会名片,150,north
            导入丙 {tag},王五,13800000003,referral,客户转介绍,60,southwest
            """;
        var file = new FilePayload { Name = "leads.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) };
        var service = await Fx.AsUserAsync<OpportunityService>("manager@crm.demo");

        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, "manager@crm.demo");
        await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/opportunities/leads");
        await Expect(page.Locator("[data-testid=import-card]")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await page.Locator("[data-testid=import-card] .rz-chkbox-box").ClickAsync();
        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(file);
        await Expect(page.Locator("[data-testid=import-report]")).ToContainTextAsync("共读取 3 行，导入 0 行，拒绝 1 行。");
        await Expect(page.Locator("[data-testid=import-report]")).ToContainTextAsync("未导入任何数据。");
        await Expect(page.Locator("[data-testid=import-rejected] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=import-rejected] tbody tr td").First).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-testid=import-rejected] tbody tr td").Nth(1)).ToHaveTextAsync("成功几率必须在 0 到 100 之间。");
        Assert.Equal(0, (await service.ListAsync(new OpportunityQuery { Text = tag })).Total);

        // without all-or-nothing the good rows go in, the bad one stays out
        await page.Locator("[data-testid=import-card] .rz-chkbox-box").ClickAsync();
        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(file);
        await Expect(page.Locator("[data-testid=import-report]")).ToContainTextAsync("共读取 3 行，导入 2 行，拒绝 1 行。");
        var imported = await service.ListAsync(new OpportunityQuery { Text = tag });
        Assert.Equal(["导入丙 " + tag, "导入甲 " + tag], imported.Items.Select(r => r.CustomerName).Order().ToArray());
        await page.Context.CloseAsync();
    }
}
