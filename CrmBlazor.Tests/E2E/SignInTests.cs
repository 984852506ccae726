using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] AllAreas = ["dashboard", "customers", "segments", "events", "campaigns", "opportunities", "service", "reports", "admin", "catalogue"];

    [Theory]
    [InlineData("admin@crm.demo", "dashboard,customers,segments,events,campaigns,opportunities,service,reports,admin,catalogue")]
    [InlineData("manager@crm.demo", "dashboard,customers,segments,events,campaigns,opportunities,service,reports,catalogue")]
    [InlineData("am1@crm.demo", "dashboard,customers,segments,events,campaigns,opportunities,service,catalogue")]
    [InlineData("service@crm.demo", "dashboard,customers,segments,events,service,catalogue")]
    [InlineData("exec@crm.demo", "dashboard,customers,segments,events,campaigns,reports,catalogue")]
    public async Task SignIn_EachRole_LandsOnTheDashboard_AndSeesExactlyItsNavigation(string email, string areas)
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email);
        Assert.EndsWith("/", page.Url);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await Expect(page.Locator("[data-testid=kpi-customers]")).ToBeVisibleAsync();
        var expected = areas.Split(',');
        foreach (var area in AllAreas)
        {
            var item = page.Locator($"[data-testid=nav-{area}]");
            if (expected.Contains(area)) await Expect(item).ToBeVisibleAsync();
            else await Expect(item).ToHaveCountAsync(0);
        }

        await page.ClickAsync("[data-testid=sign-out]");
        await Expect(page.Locator("[data-testid=signed-out]")).ToHaveTextAsync("You have signed out.");
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSo_AndTheSixthAttemptShowsTheLockout()
    {
        Fx.RequireAvailable();
        var email = $"lockout-{Guid.NewGuid():N}@crm.demo";
        await using (var scope = Fx.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Lockout test", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, BrowserFixture.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, "AccountManager")).Succeeded);
        }
        var page = await Fx.NewPageAsync();
        await page.GotoAsync("/account/login");
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            await page.FillAsync("[data-testid=login-email]", email);
            await page.FillAsync("[data-testid=login-password]", "Wrong-password-1");
            await page.ClickAsync("[data-testid=login-submit]");
            var error = page.Locator("[data-testid=login-error]");
            if (attempt < 5)
                await Expect(error).ToHaveTextAsync("Wrong e-mail or password.");
            else
                await Expect(error).ToContainTextAsync("this account is locked for 15 minutes");
        }
        // even the right password is refused while locked
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", BrowserFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("locked");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_EmptyFields_AreExplained_AndNothingIsPosted()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("zh-CN");
        await page.GotoAsync("/account/login");
        await page.ClickAsync("[data-testid=login-submit]");
        await Expect(page.Locator("[data-testid=email-error]")).ToHaveTextAsync("请输入邮箱。");
        await Expect(page.Locator("[data-testid=password-error]")).ToHaveTextAsync("请输入密码。");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CustomerUrl_OfAnotherAccountManager_IsRefused_OwnCustomerOpens()
    {
        Fx.RequireAvailable();
        int own, foreign;
        await using (var db = await Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync())
        {
            var am1 = await db.Users.SingleAsync(u => u.Email == "am1@crm.demo");
            var am2 = await db.Users.SingleAsync(u => u.Email == "am2@crm.demo");
            own = await db.Customers.Where(c => c.OwnerId == am1.Id).Select(c => c.Id).FirstAsync();
            foreign = await db.Customers.Where(c => c.OwnerId == am2.Id).Select(c => c.Id).FirstAsync();
        }
        var page = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "am1@crm.demo");

        await page.GotoAsync($"/customers/{foreign}");
        await Expect(page.Locator("[data-testid=access-refused]")).ToContainTextAsync("belongs to another account manager");
        await Expect(page.Locator("[data-testid=stage-card]")).ToHaveCountAsync(0);

        await page.GotoAsync($"/customers/{own}");
        await Expect(page.Locator("[data-testid=stage-card]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=access-refused]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AdminPage_ForAnAccountManager_IsRefused()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "am2@crm.demo");
        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("[data-testid=access-refused]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=user-grid]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignedOut_ProtectedPage_RedirectsToSignIn()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync();
        await page.GotoAsync("/customers");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        Assert.Contains("ReturnUrl=%2Fcustomers", page.Url, StringComparison.OrdinalIgnoreCase);
        await page.Context.CloseAsync();
    }
}
