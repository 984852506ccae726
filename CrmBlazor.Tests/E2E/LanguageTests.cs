using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task BrowserAskingForChinese_GetsTheChineseSignInPage()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("zh-CN");
        await page.GotoAsync("/account/login");
        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Switching_ToChineseAndBack_ChangesTheTexts_AndTheChoiceFollowsTheUser()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "am3@crm.demo");
        await page.GotoAsync("/customers");
        await Expect(page.Locator("[data-testid=nav-customers]")).ToContainTextAsync("Customers");
        await Expect(page.Locator("[data-testid=customer-grid] .rz-pager-summary")).ToContainTextAsync("Page 1 of");

        await page.ClickAsync("[data-testid=lang-zh]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("客户");
        Assert.EndsWith("/customers", page.Url);
        await Expect(page.Locator("[data-testid=nav-dashboard]")).ToContainTextAsync("工作台");
        // Radzen's own texts are Chinese too
        await Expect(page.Locator("[data-testid=customer-grid] .rz-pager-summary")).ToContainTextAsync("第 1 页");

        await page.ClickAsync("[data-testid=lang-en]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Customers");
        await page.ClickAsync("[data-testid=lang-zh]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("客户");
        await page.Context.CloseAsync();

        // A new browser that asks for English: the user's saved choice (中文) wins after sign-in.
        var fresh = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(fresh, "am3@crm.demo");
        await Expect(fresh.Locator("h1")).ToHaveTextAsync("工作台");
        await fresh.Context.CloseAsync();
    }
}
