using CrmBlazor.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class PasswordChangeTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AdminSetPassword_MustBeChangedBeforeAnythingElse()
    {
        Fx.RequireAvailable();
        var email = $"newcomer-{Guid.NewGuid():N}@crm.demo";
        await using (var scope = Fx.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "新同事", LockoutEnabled = true, MustChangePassword = true };
            Assert.True((await users.CreateAsync(user, "Initial2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, "AccountManager")).Succeeded);
        }
        var page = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email, "Initial2026");
        Assert.EndsWith("/account/change-password", page.Url);

        await page.GotoAsync("/customers"); // every page leads back here until the password is changed
        Assert.EndsWith("/account/change-password", page.Url);

        async Task SubmitAsync(string current, string next, string confirm)
        {
            await page.FillAsync("[data-testid=current-password]", current);
            await page.FillAsync("[data-testid=new-password]", next);
            await page.FillAsync("[data-testid=confirm-password]", confirm);
            await page.ClickAsync("[data-testid=change-password-submit]");
        }
        await SubmitAsync("Initial2026", "Mine2026ok", "Mine2026no");
        await Expect(page.Locator("[data-testid=change-password-error]")).ToHaveTextAsync("The two new passwords are not the same.");
        await SubmitAsync("Wrong2026x", "Mine2026ok", "Mine2026ok");
        await Expect(page.Locator("[data-testid=change-password-error]")).ToHaveTextAsync("The current password is wrong.");
        await SubmitAsync("Initial2026", "short", "short");
        await Expect(page.Locator("[data-testid=change-password-error]")).ToContainTextAsync("too short");

        await SubmitAsync("Initial2026", "Mine2026ok", "Mine2026ok");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await page.GotoAsync("/customers");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Customers");
        await page.Context.CloseAsync();
    }
}
