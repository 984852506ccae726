using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmBlazor.Tests.E2E;

/// <summary>
/// One app server and one headless Chromium (Debian's, never downloaded) shared by the browser
/// tests of a collection; each test opens its own browser context (its own cookies).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Password = "Demo@2026";
    private IPlaywright? _playwright;

    public AppServer App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CRM_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Unavailable = $"Chromium not found at {chromium} (install the Debian package 'chromium' or set CRM_CHROMIUM).";
            return;
        }
        // the browser tests share two cores with the database tests running beside them
        Assertions.SetDefaultExpectTimeout(10_000);
        App = new AppServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public void RequireAvailable()
    {
        if (Unavailable is null) return;
        if (Environment.GetEnvironmentVariable("CRM_REQUIRE_BROWSER") == "1") Assert.Fail(Unavailable);
        Assert.Skip(Unavailable);
    }

    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BaseURL = App.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form and waits until the app has left the sign-in page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>A data service of the running app acting as <paramref name="email"/> (for arranging what a test needs).</summary>
    public async Task<T> AsUserAsync<T>(string email) where T : class
    {
        var services = App.Services;
        var directory = services.GetRequiredService<CrmBlazor.Data.Users.UserDirectory>();
        var user = (await directory.GetAsync()).Users.Values.Single(u => u.Email == email);
        var scope = await directory.ScopeForAsync(user.Id, user.Email, user.Roles);
        var factory = new CrmBlazor.Data.Access.CrmDbFactory(services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CrmBlazor.Data.CrmDbContext>>(),
            new CrmBlazor.Data.Access.FixedCurrentUser(scope), services.GetRequiredService<TimeProvider>());
        return Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<T>(services, factory);
    }

    public async Task<string> UserIdAsync(string email) =>
        (await App.Services.GetRequiredService<CrmBlazor.Data.Users.UserDirectory>().GetAsync()).Users.Values.Single(u => u.Email == email).Id;

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
