using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task CircuitDrops_TheReconnectBannerShows_InTheUsersLanguage()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("zh-CN");
        // remember the page's WebSockets so the test can cut the circuit's connection like a network drop would
        await page.AddInitScriptAsync("""
            (() => {
                const Native = window.WebSocket;
                window.__crmSockets = [];
                window.WebSocket = class extends Native {
                    constructor(...args) { super(...args); window.__crmSockets.push(this); }
                };
            })();
            """);
        await BrowserFixture.SignInAsync(page, "am2@crm.demo");
        await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/customers");
        // rows are loaded over the live circuit only: once they show, the circuit has fully started
        await Expect(page.Locator("[data-testid=customer-grid] a.crm-link").First).ToBeVisibleAsync();
        var banner = page.Locator("#components-reconnect-modal");
        await Expect(banner).ToBeHiddenAsync();

        await page.Context.SetOfflineAsync(true);
        // a dropped network: the socket reports an abnormal close at once (closing it while offline
        // alone waits for a closing handshake that cannot arrive — sometimes until the 30 s server timeout)
        await page.EvaluateAsync("""
            () => window.__crmSockets.forEach(ws => {
                ws.dispatchEvent(new CloseEvent('close', { code: 1006, reason: 'network down', wasClean: false }));
                ws.close();
            })
            """);
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(banner).ToContainTextAsync("连接");

        await page.Context.SetOfflineAsync(false);
        await Expect(banner).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }
}
