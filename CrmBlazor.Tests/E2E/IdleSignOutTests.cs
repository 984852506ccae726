using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>
/// The idle sign-out on a server of its own whose limit is six seconds: an open, connected page
/// left alone signs itself out and the sign-in page says why.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IdleSignOutTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task OpenPage_LeftAlone_SignsOut_AndTheSignInPageSaysWhy()
    {
        Fx.RequireAvailable();
        await using var app = new AppServer(new Dictionary<string, string>
        {
            ["Security:IdleTimeoutMinutes"] = "0.1",
            ["Demo:Customers"] = "20",
            ["Jobs:Enabled"] = "false",
        });
        await using var context = await Fx.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", BaseURL = app.BaseUrl });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "am1@crm.demo");
        await Expect(page.Locator("[data-testid=kpi-customers]")).ToBeVisibleAsync();

        // nobody touches the page: its circuit signs it out through the normal sign-out post
        await page.WaitForURLAsync(url => url.Contains("/account/login?idle=1", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=signed-out-idle]")).ToHaveTextAsync("您已超过 0.1 分钟未操作，系统已自动退出。请重新登录。");
        await page.GotoAsync("/customers"); // the cookie is gone too
        await page.WaitForURLAsync(url => url.Contains("/account/login?", StringComparison.Ordinal));
    }
}
