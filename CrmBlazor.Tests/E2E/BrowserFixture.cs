using Microsoft.EntityFrameworkCore;
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
        await WarmUpAsync();
    }

    /// <summary>
    /// The first sign-in and dashboard of a fresh server compile and load everything once (many
    /// seconds on a busy two-core CI machine, beside the database tests); that cost is paid here,
    /// with a generous limit, instead of inside the first test's own timeouts.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var page = await NewPageAsync();
        page.Context.SetDefaultTimeout(90_000);
        await SignInAsync(page, "admin@crm.demo");
        await page.Locator("[data-testid=kpi-customers]").WaitForAsync();
        await page.GotoAsync("/opportunities/board");
        await page.Locator("[data-testid=column-unassigned]").WaitForAsync();
        await page.Context.CloseAsync();
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
        var page = await context.NewPageAsync();
        var opened = new OpenedPage(page, []);
        page.Console += (_, m) => { if (m.Type is "error" or "warning") lock (opened.Console) opened.Console.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, error) => { lock (opened.Console) opened.Console.Add("page error: " + error); };
        lock (_opened) _opened.Add(opened);
        return page;
    }

    private sealed record OpenedPage(IPage Page, List<string> Console);

    private readonly List<OpenedPage> _opened = [];
    private int _logMark;

    /// <summary>Marks the start of a test (the tests of this collection run one at a time).</summary>
    public void BeginTest()
    {
        lock (_opened) _opened.Clear();
        if (App is null) return;
        _logMark = App.Log.Count;
        // a user's language choice is saved and follows them to the next sign-in: put the demo
        // users' choices back as seeded, so no test depends on which ran before it
        using var db = App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CrmBlazor.Data.CrmDbContext>>().CreateDbContext();
        db.Users.IgnoreQueryFilters()
            .Where(u => u.Email!.EndsWith("@crm.demo"))
            .ExecuteUpdate(set => set.SetProperty(u => u.PreferredCulture, u => u.Email == "am4@crm.demo" ? "en" : null));
    }

    /// <summary>Closes whatever the test left open.</summary>
    public async Task EndTestAsync()
    {
        OpenedPage[] opened;
        lock (_opened) { opened = [.. _opened]; _opened.Clear(); }
        foreach (var o in opened)
        {
            try { await o.Page.Context.CloseAsync(); }
            catch (PlaywrightException) { /* already closed */ }
        }
    }

    /// <summary>What the open pages show and what the server logged since the test began.</summary>
    public async Task<string> DescribeAsync(string test)
    {
        var report = new System.Text.StringBuilder($"--- browser state after the failure of {test} ---\n");
        var folder = Environment.GetEnvironmentVariable("CRM_TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "e2e-failures");
        var name = string.Concat(test.Split(Path.GetInvalidFileNameChars()));
        name = name[..Math.Min(80, name.Length)];
        OpenedPage[] opened;
        lock (_opened) opened = [.. _opened];
        var n = 0;
        foreach (var (page, console) in opened)
        {
            n++;
            if (page.IsClosed) { report.AppendLine($"page {n}: closed"); continue; }
            var alerts = await page.Locator("[role=alert]:visible, .crm-validation:visible, .rz-notification-message:visible").AllInnerTextsAsync();
            var reconnect = await page.Locator("#components-reconnect-modal").IsVisibleAsync();
            report.AppendLine($"page {n}: {page.Url}; reconnect banner {(reconnect ? "VISIBLE" : "hidden")}; alerts [{string.Join(" | ", alerts)}]");
            lock (console) foreach (var line in console.TakeLast(20)) report.AppendLine("  console " + line);
            try
            {
                Directory.CreateDirectory(folder);
                var file = Path.Combine(folder, $"{name}-{n}.png");
                await page.ScreenshotAsync(new() { Path = file, FullPage = true });
                report.AppendLine("  screenshot " + file);
            }
            catch (PlaywrightException ex) { report.AppendLine("  no screenshot: " + ex.Message); }
        }
        var log = App.Log.Skip(_logMark).TakeLast(40).ToArray();
        report.AppendLine(log.Length == 0 ? "server: no warnings or errors logged during the test" : "server warnings and errors during the test:");
        foreach (var line in log) report.AppendLine("  " + line);
        return report.ToString();
    }

    /// <summary>
    /// Signs in through the form and waits until the app has left the sign-in pages. A user with
    /// two-factor sign-in (the demo admin, or one whose <paramref name="authenticatorKey"/> is given)
    /// gets the code their authenticator app would show now.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string password = Password, string? authenticatorKey = null)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", password);
        await page.ClickAsync("[data-testid=login-submit]");
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/account/login");
            if (new Uri(page.Url).AbsolutePath == "/account/login-2fa")
            {
                var key = authenticatorKey ?? (email == "admin@crm.demo" ? CrmBlazor.Data.Seeding.DemoSeeder.AdminAuthenticatorKey
                    : throw new InvalidOperationException($"{email} is asked for a two-factor code, but the test gave no authenticator key."));
                await page.FillAsync("[data-testid=two-factor-code]", CrmBlazor.Web.Security.AuthenticatorCode.Compute(key, DateTimeOffset.UtcNow));
                await page.ClickAsync("[data-testid=two-factor-submit]");
                await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal));
            }
        }
        catch (TimeoutException ex)
        {
            // say what the browser shows instead of only "timeout"
            var shown = await page.Locator("[role=alert], .crm-validation").AllInnerTextsAsync();
            throw new TimeoutException($"Signing in as {email} did not leave the sign-in page; the browser is at {page.Url} showing [{string.Join(" | ", shown)}].", ex);
        }
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
