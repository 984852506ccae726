using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Lifecycle;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>The admin's stage rules page: wrong values are refused in the reader's language and nothing is saved; a right one is saved and still there after a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StageRulesPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Admin_InvalidThreshold_IsRefusedInChinese_NothingSaved_ThenAValidOneIsSavedAndShownAfterReload()
    {
        Fx.RequireAvailable();
        var settings = await Fx.AsUserAsync<StageSettingsService>("admin@crm.demo");
        var original = await settings.GetAsync();
        try
        {
            var page = await Fx.NewPageAsync("zh-CN");
            await BrowserFixture.SignInAsync(page, "admin@crm.demo");
            await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/settings/lifecycle");
            await Expect(page.Locator("[data-testid=stage-rules][data-interactive=true]")).ToBeVisibleAsync();
            var window = page.Locator("[data-testid=value-GrowingRepeatWindowDays] input");
            await Expect(window).ToHaveValueAsync(original.Values.GrowingRepeatWindowDays.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // out of range (1 – 365)
            await window.FillAsync("400");
            await page.ClickAsync("[data-testid=save-rules]");
            await Expect(page.Locator("[data-testid=error-GrowingRepeatWindowDays]")).ToHaveTextAsync("复购统计窗口 必须在 1 到 365 之间。");
            await Expect(page.Locator("[data-testid=rules-error]")).ToContainTextAsync("请更正标出的取值；未保存任何修改。");
            Assert.Equal(original.Version, (await settings.GetAsync()).Version);

            // in range, but contradicting another rule: churned must come after declining
            await window.FillAsync("45");
            await page.Locator("[data-testid=value-ChurnedNoOrderDays] input").FillAsync("50");
            await page.ClickAsync("[data-testid=save-rules]");
            await Expect(page.Locator("[data-testid=rules-error]")).ToHaveTextAsync("判定流失的未下单天数必须大于判定衰退的天数。");
            Assert.Equal(original.Version, (await settings.GetAsync()).Version);

            // right: saved, and there after a reload
            await page.Locator("[data-testid=value-ChurnedNoOrderDays] input").FillAsync(original.Values.ChurnedNoOrderDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.ClickAsync("[data-testid=save-rules]");
            await Expect(page.Locator(".rz-notification-item").Last).ToContainTextAsync("已保存");
            await Expect(page.Locator("[data-testid=rules-error]")).ToHaveCountAsync(0);
            var saved = await settings.GetAsync();
            Assert.Equal(45, saved.Values.GrowingRepeatWindowDays);
            Assert.Equal(original.Values.ChurnedNoOrderDays, saved.Values.ChurnedNoOrderDays);

            await page.ReloadAsync();
            await Expect(page.Locator("[data-testid=stage-rules][data-interactive=true]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=value-GrowingRepeatWindowDays] input")).ToHaveValueAsync("45");
            await Expect(page.Locator("[data-testid=threshold-GrowingRepeatWindowDays]")).ToContainTextAsync("复购次数按最近 45 天统计");
            await Expect(page.Locator("[data-testid=last-changed]")).ToContainTextAsync("系统管理员");
            await page.Context.CloseAsync();
        }
        finally
        {
            // other browser tests share this app: give them the rules they started with
            var now = await settings.GetAsync();
            await settings.SaveAsync(original.Thresholds.ToDictionary(t => t.Descriptor.Key, t => t.Value), now.Version);
        }
    }
}
