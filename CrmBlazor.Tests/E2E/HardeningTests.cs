using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Identity;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>Hardening in a real browser: the CSP, two-factor sign-in, the admin's password reset, upload limits.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HardeningTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static List<string> WatchConsole(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (problems) problems.Add(m.Text); };
        page.PageError += (_, e) => { lock (problems) problems.Add(e); };
        return problems;
    }

    private async Task<string> NewUserAsync(string role, string password = BrowserFixture.Password, bool mustChangePassword = false)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@crm.demo";
        await using var scope = Fx.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "测试 " + role, LockoutEnabled = true, MustChangePassword = mustChangePassword };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    [Fact]
    public async Task MainPages_UnderTheContentSecurityPolicy_WorkAndLogNoViolation()
    {
        Fx.RequireAvailable();
        var lead = await (await Fx.AsUserAsync<OpportunityService>("manager@crm.demo")).CreateAsync(new OpportunityDetails
        {
            CustomerName = "CSP 测试 " + Guid.NewGuid().ToString("N")[..6], SourceCode = "exhibition", Summary = "CSP", Probability = 30, ContactName = "孙丽", ContactPhone = "13700001111",
            ExpectedAmount = 50_000m, RegionCode = "east", IndustryCode = "it",
        });
        var am1 = await Fx.UserIdAsync("am1@crm.demo");
        int customer;
        await using (var db = await Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync())
            customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();

        var page = await Fx.NewPageAsync();
        var problems = WatchConsole(page);
        var login = await page.GotoAsync("/account/login");
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, await login!.HeaderValueAsync("content-security-policy"));
        await BrowserFixture.SignInAsync(page, "admin@crm.demo"); // through the two-factor step
        await Expect(page.Locator("[data-testid=kpi-customers]")).ToBeVisibleAsync();
        await page.GotoAsync("/customers");
        await Expect(page.Locator(".rz-data-row").First).ToBeVisibleAsync();
        await page.GotoAsync($"/customers/{customer}");
        await Expect(page.Locator("[data-testid=stage-card]")).ToBeVisibleAsync();
        await page.GotoAsync("/reports/contribution");
        await Expect(page.Locator("[data-testid=chart-pareto] svg path").First).ToBeVisibleAsync();

        await page.GotoAsync("/opportunities/board");
        var card = page.Locator($"[data-testid=card-{lead}]");
        await Expect(card).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000); // interactive after the first render
        // the card's "Assign to…" list (drag-and-drop runs under the same policy in PipelineTests; here
        // the board is wide with the users other tests added, and the drag would cross a scrolled area)
        await page.Locator($"[data-testid=assign-{lead}]").SelectOptionAsync(am1);
        await Expect(page.Locator($"[data-testid=column-{am1}] [data-testid=card-{lead}]")).ToBeVisibleAsync();

        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("[data-testid=user-grid] .rz-data-row").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await page.Locator("[data-testid=new-user]").ClickAsync();
        await Expect(page.Locator(".rz-dialog")).ToBeVisibleAsync();
        await Expect(page.Locator(".rz-dialog :focus")).ToHaveCountAsync(1); // Radzen's script has taken the dialog over (autofocus), Escape included
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".rz-dialog")).ToHaveCountAsync(0);

        lock (problems) Assert.True(problems.Count == 0, "console: " + string.Join(" | ", problems));
    }

    [Fact]
    public async Task TwoFactor_UserEnrolsFromTheMenu_ThenSignsInWithACode_AndWithARecoveryCode()
    {
        Fx.RequireAvailable();
        var email = await NewUserAsync("AccountManager");
        var page = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email);
        await Expect(page.Locator("[data-testid=kpi-customers]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=two-factor-menu]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/account/two-factor", StringComparison.Ordinal));
        var key = (await page.Locator("[data-testid=two-factor-key]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Contains("secret=" + key, await page.Locator("[data-testid=two-factor-uri]").GetAttributeAsync("href"));

        await page.FillAsync("[data-testid=two-factor-code]", "000000" == AuthenticatorCode.Compute(key, DateTimeOffset.UtcNow) ? "111111" : "000000");
        await page.ClickAsync("[data-testid=two-factor-submit]");
        await Expect(page.Locator("[data-testid=two-factor-error]")).ToContainTextAsync("This code is not right");
        await page.FillAsync("[data-testid=two-factor-code]", AuthenticatorCode.Compute(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("[data-testid=two-factor-submit]");
        await Expect(page.Locator("[data-testid=two-factor-enabled]")).ToBeVisibleAsync();
        var codes = await page.Locator("[data-testid=recovery-codes] li").AllInnerTextsAsync();
        Assert.Equal(10, codes.Count);
        await page.ClickAsync("[data-testid=two-factor-continue]");
        await Expect(page.Locator("[data-testid=kpi-customers]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=sign-out]");
        await Expect(page.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();

        // the password alone no longer signs in; a wrong code is refused; the app's code works
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", BrowserFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => url.Contains("/account/login-2fa", StringComparison.Ordinal));
        await page.GotoAsync("/customers");
        await page.WaitForURLAsync(url => url.Contains("/account/login?", StringComparison.Ordinal));
        await page.Context.ClearCookiesAsync();
        await BrowserFixture.SignInAsync(page, email, authenticatorKey: key);
        await Expect(page.Locator("[data-testid=kpi-customers]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=sign-out]");

        // a recovery code works once
        foreach (var attempt in new[] { "first", "again" })
        {
            await page.GotoAsync("/account/login");
            await page.FillAsync("[data-testid=login-email]", email);
            await page.FillAsync("[data-testid=login-password]", BrowserFixture.Password);
            await page.ClickAsync("[data-testid=login-submit]");
            await page.WaitForURLAsync(url => url.Contains("/account/login-2fa", StringComparison.Ordinal));
            await page.FillAsync("[data-testid=two-factor-code]", codes[0]);
            await page.ClickAsync("[data-testid=two-factor-submit]");
            if (attempt == "first")
            {
                await Expect(page.Locator("[data-testid=kpi-customers]")).ToBeVisibleAsync();
                await page.ClickAsync("[data-testid=sign-out]");
            }
            else
                await Expect(page.Locator("[data-testid=two-factor-error]")).ToContainTextAsync("This code is not right");
        }
    }

    [Fact]
    public async Task Admin_WithoutTwoFactor_MustEnrolBeforeUsingTheApp_AndCannotTurnItOff()
    {
        Fx.RequireAvailable();
        var email = await NewUserAsync("Admin");
        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, email);
        await page.WaitForURLAsync(url => url.EndsWith("/account/two-factor", StringComparison.Ordinal));
        await Expect(page.Locator("[data-testid=two-factor-forced]")).ToHaveTextAsync("管理员须先设置两步验证，才能使用 CrmBlazor。");
        await page.GotoAsync("/admin/users"); // every page leads back here
        Assert.EndsWith("/account/two-factor", page.Url);

        var key = (await page.Locator("[data-testid=two-factor-key]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.FillAsync("[data-testid=two-factor-code]", AuthenticatorCode.Compute(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("[data-testid=two-factor-submit]");
        await Expect(page.Locator("[data-testid=recovery-codes] li")).ToHaveCountAsync(10);
        await page.ClickAsync("[data-testid=two-factor-continue]");
        await Expect(page.Locator("[data-testid=kpi-customers]")).ToBeVisibleAsync();
        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("[data-testid=user-grid]")).ToBeVisibleAsync();

        await page.GotoAsync("/account/two-factor");
        await Expect(page.Locator("[data-testid=two-factor-required]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=two-factor-disable]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AdminResetsAPassword_TheUserMustChangeItAtTheNextSignIn()
    {
        Fx.RequireAvailable();
        var email = await NewUserAsync("CustomerService");
        var admin = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, "admin@crm.demo");
        await admin.GotoAsync("/admin/users");
        var row = admin.Locator("[data-testid=user-grid] .rz-data-row", new() { HasText = email });
        await Expect(row).ToBeVisibleAsync();
        await admin.WaitForTimeoutAsync(1000); // interactive after the first render
        await row.Locator("button[title='Reset password']").ClickAsync();
        var password = admin.Locator(".rz-dialog input[type=password]");
        await Expect(password).ToBeFocusedAsync();
        await password.FillAsync("Temp2026pw");
        await admin.Locator(".rz-dialog button[type=submit]").ClickAsync();
        await Expect(admin.Locator(".rz-dialog")).ToHaveCountAsync(0);

        var user = await Fx.NewPageAsync();
        await user.GotoAsync("/account/login");
        await user.FillAsync("[data-testid=login-email]", email);
        await user.FillAsync("[data-testid=login-password]", BrowserFixture.Password);
        await user.ClickAsync("[data-testid=login-submit]");
        await Expect(user.Locator("[data-testid=login-error]")).ToHaveTextAsync("Wrong e-mail or password.");
        await BrowserFixture.SignInAsync(user, email, "Temp2026pw");
        Assert.EndsWith("/account/change-password", user.Url);
        await user.FillAsync("[data-testid=current-password]", "Temp2026pw");
        await user.FillAsync("[data-testid=new-password]", "Mine2026ok");
        await user.FillAsync("[data-testid=confirm-password]", "Mine2026ok");
        await user.ClickAsync("[data-testid=change-password-submit]");
        await Expect(user.Locator("[data-testid=kpi-customers]")).ToBeVisibleAsync();
        // and there is no self-service reset: the sign-in page offers no "forgot password" link
        await user.Context.ClearCookiesAsync();
        await user.GotoAsync("/account/login");
        await Expect(user.Locator("a[href*=forgot], a[href*=reset]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignOutAndActivityPosts_WithoutTheAntiforgeryToken_AreRefused_AndTheUserStaysSignedIn()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "am2@crm.demo");
        await Expect(page.Locator("[data-testid=kpi-customers]")).ToBeVisibleAsync();
        foreach (var path in new[] { "account/logout", "account/activity" })
        {
            var status = await page.EvaluateAsync<int>("async path => (await fetch(path, { method: 'POST', body: new URLSearchParams({ reason: 'idle' }) })).status", path);
            Assert.Equal(400, status);
        }
        await page.GotoAsync("/customers");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Customers");
    }

    [Fact]
    public async Task Import_WrongTypeOrTooBig_IsRefusedWithTheReason_InTheUsersLanguage()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, "am1@crm.demo");
        await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/import");
        await Expect(page.Locator("[data-testid=import-kind-list]")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000); // interactive after the first render
        var input = page.Locator("[data-testid=import-file]");
        var error = page.Locator("[data-testid=import-error]");

        await input.SetInputFilesAsync(new FilePayload { Name = "客户.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = [(byte)'P', (byte)'K', 3, 4, 20, 0] });
        await Expect(error).ToHaveTextAsync("客户.xlsx 不是 CSV 文件。只能导入 .csv 文件。");

        await input.SetInputFilesAsync(new FilePayload { Name = "客户.csv", MimeType = "text/csv", Buffer = [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0, 8, 0] });
        await Expect(error).ToContainTextAsync("客户.csv 不是 CSV 文本文件");
        await Expect(page.Locator("[data-testid=import-mapping]")).ToHaveCountAsync(0);

        var big = new byte[20 * 1024 * 1024 + 1];
        Array.Fill(big, (byte)'a');
        await input.SetInputFilesAsync(new FilePayload { Name = "big.csv", MimeType = "text/csv", Buffer = big });
        await Expect(error).ToHaveTextAsync("big.csv 超过 20 MB。");
        await Expect(page.Locator("[data-testid=import-mapping]")).ToHaveCountAsync(0);
    }
}
