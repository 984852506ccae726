using System.Text.RegularExpressions;
using CrmBlazor.Domain.Common;
using CrmBlazor.Tests.E2E;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.Security;

/// <summary>
/// The page rules in a real browser: each demo role opens every page the matrix refuses it and lands
/// on the access-denied page, and opens every page it allows without being turned away.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccessDeniedPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    public static TheoryData<string, string> DemoUsers() => new()
    {
        { Roles.Admin, "admin@crm.demo" },
        { Roles.SalesManager, "manager@crm.demo" },
        { Roles.AccountManager, "am1@crm.demo" },
        { Roles.CustomerService, "service@crm.demo" },
        { Roles.Executive, "exec@crm.demo" },
    };

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task EveryGuardedPage_RefusedRoleLandsOnAccessDenied_AllowedRoleGetsThePage(string role, string email)
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, email);
        var guarded = AccessRules.Pages.Where(p => p.Roles is { Length: > 0 }).ToArray();
        var refused = guarded.Where(p => !p.Roles!.Contains(role)).SelectMany(p => p.Routes).Select(Concrete).ToArray();
        var allowed = guarded.Where(p => p.Roles!.Contains(role)).SelectMany(p => p.Routes).Where(r => !r.Contains('{')).ToArray();
        Assert.True(role == Roles.Admin || refused.Length > 0, "every role but the admin is refused some page");

        foreach (var route in refused)
        {
            await page.GotoAsync(route);
            await Expect(page.Locator("[data-testid=access-refused]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            Assert.Contains("/account/access-denied", page.Url);
        }
        foreach (var route in allowed)
        {
            await page.GotoAsync(route);
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(route) + "$"));
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=access-refused]")).ToHaveCountAsync(0);
        }
        await page.Context.CloseAsync();
    }

    /// <summary>A route with its parameters filled in ("/customers/{Id:int}" → "/customers/1"): the guard refuses before any record is read.</summary>
    private static string Concrete(string route) => RouteParameter().Replace(route, "1");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
