using System.Globalization;
using System.Text.RegularExpressions;
using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>
/// A win-back campaign end to end: a manager saves a segment of declining customers on the customer
/// list, plans a campaign on it and launches it; an account manager finds the campaign task on the
/// dashboard and records the customer's response; the manager's open campaign page shows the new
/// response rate without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CampaignTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task WinBackCampaign_LaunchedOnASavedSegment_ResponseFromTheDashboard_UpdatesTheManagersPage()
    {
        Fx.RequireAvailable();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var segmentName = $"Declining {tag}";
        var theme = $"Win back {tag}";

        var manager = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(manager, "manager@crm.demo");
        await manager.GotoAsync("/culture/set?culture=en-US&redirectUri=/customers?stage=declining");
        await Expect(manager.Locator("[data-testid=customer-grid] .crm-link").First).ToBeVisibleAsync();
        await manager.ClickAsync("[data-testid=segment-save]");
        var name = manager.Locator("[data-testid=segment-name]");
        await Expect(name).ToBeFocusedAsync();
        await name.FillAsync(segmentName);
        await manager.ClickAsync("[data-testid=segment-shared]");
        await manager.ClickAsync("[data-testid=segment-submit]");
        await Expect(manager.Locator(".rz-notification")).ToContainTextAsync(segmentName);

        await manager.GotoAsync("/campaigns");
        await Expect(manager.Locator("[data-testid=campaigns-live][data-live=on]")).ToHaveCountAsync(1); // interactive before the click
        await manager.ClickAsync("[data-testid=campaign-new]");
        var themeBox = manager.Locator("[data-testid=c-theme]");
        await Expect(themeBox).ToBeFocusedAsync();
        await themeBox.FillAsync(theme);
        await manager.ClickAsync("[data-testid=c-segment]");
        await manager.Locator(".rz-dropdown-item:visible", new() { HasText = segmentName }).ClickAsync();
        await manager.Locator("[data-testid=c-script]").FillAsync("10% off the next order");
        await manager.ClickAsync("[data-testid=campaign-save]");
        await manager.WaitForURLAsync(new Regex(@"/campaigns/\d+$"));
        var campaignId = int.Parse(manager.Url.Split('/')[^1], CultureInfo.InvariantCulture);
        await Expect(manager.Locator("[data-testid=campaign-kpis][data-live=on]")).ToHaveCountAsync(1);
        await manager.ClickAsync("[data-testid=campaign-launch]");
        await manager.Locator(".rz-dialog-confirm-buttons button", new() { HasText = "Launch" }).ClickAsync();
        await Expect(manager.Locator("[data-testid=campaign-targets]")).ToBeVisibleAsync();

        int targets;
        await using (var db = await Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync())
            targets = await db.CampaignTargets.CountAsync(t => t.CampaignId == campaignId && t.SkipReason == null);
        Assert.True(targets > 0, "the demo data has declining customers with a consenting contact");
        await Expect(manager.Locator("[data-testid=kpi-targets]")).ToContainTextAsync(targets.ToString("N0", CultureInfo.GetCultureInfo("en-US")));
        await Expect(manager.Locator("[data-testid=campaign-kpis][data-live=on]")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-testid=kpi-response-rate]")).ToContainTextAsync("0.0%");

        // an account manager with a task of this campaign sees it on the dashboard and records the response
        await using (var db = await Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync())
        {
            var ownerIds = await db.CampaignTargets.Where(t => t.CampaignId == campaignId && t.TaskId != null).Select(t => t.OwnerId!).Distinct().ToListAsync();
            Assert.Contains(await Fx.UserIdAsync("am1@crm.demo"), ownerIds);
        }
        var am = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(am, "am1@crm.demo");
        await am.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/");
        var row = am.Locator(".task-row", new() { HasText = theme }).First;
        await Expect(row).ToBeVisibleAsync();
        await Expect(am.Locator(".crm-kpis[data-live=on]")).ToHaveCountAsync(1); // interactive before the click
        await row.Locator("button").ClickAsync();
        await Expect(am.Locator("[data-testid=campaign-script]")).ToContainTextAsync("10% off the next order");
        await am.ClickAsync("[data-testid=response-interested]");
        await am.ClickAsync("[data-testid=response-save]");
        await Expect(am.Locator(".rz-notification")).ToContainTextAsync("反馈已记录");

        var expected = (1.0 / targets).ToString("P1", CultureInfo.GetCultureInfo("en-US"));
        await Expect(manager.Locator("[data-testid=kpi-response-rate]")).ToContainTextAsync(expected);
        await Expect(manager.Locator("[data-testid=kpi-contacted]")).ToContainTextAsync("1");
    }
}
