using System.Net;
using CrmBlazor.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Web;

/// <summary>The app in Production (in-memory test server, an empty SQLite file): headers, error pages, antiforgery.</summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.ProductionApp app) : IClassFixture<SecurityHeadersTests.ProductionApp>
{
    public sealed class ProductionApp : WebApplicationFactory<Program>
    {
        public const string BoomPath = "/test-only/boom";
        public const string Secret = "zhang.wei@example.com 13812345678";
        private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "crm-headers-" + Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:DataFolder", _dataFolder);
            builder.UseSetting("ConnectionStrings:Crm", "");
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Jobs:Enabled", "false");
            // a request that fails with personal data in the exception, after the app's own pipeline
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, BoomFilter>());
        }

        private sealed class BoomFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Use((HttpContext ctx, RequestDelegate following) =>
                    ctx.Request.Path == BoomPath ? throw new InvalidOperationException("Customer " + Secret + " broke it") : following(ctx));
            };
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            try { Directory.Delete(_dataFolder, recursive: true); }
            catch (IOException) { /* temp folder */ }
        }
    }

    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
    }

    [Fact]
    public void ContentSecurityPolicy_ScriptsOnlyFromOurOrigin_NoEval_NoFraming()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray());
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]); // the circuit's and the hub's websockets are same-origin
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["'self'"], directives["form-action"]);
        Assert.DoesNotContain("unsafe-eval", SecurityHeaders.ContentSecurityPolicy);
    }

    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)]
    [InlineData("/customers", HttpStatusCode.Redirect)]
    [InlineData("/css/app.css", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/api/no-such-thing", HttpStatusCode.NotFound)]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        using var response = await Client().GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task UnhandledError_InProduction_GenericPage_NoStackTrace_NoPersonalData_HeadersKept()
    {
        using var response = await Client().GetAsync(ProductionApp.BoomPath);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertSecurityHeaders(response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("zhang.wei", html);
        Assert.DoesNotContain("13812345678", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("BoomFilter", html);
        Assert.DoesNotMatch(@"\bat [\w.`]+\.\w+\(", html); // no stack frame ("at Namespace.Type.Method(")
    }

    [Fact]
    public async Task NotFound_InProduction_GenericPage()
    {
        using var response = await Client().GetAsync("/customers/999999/no-such");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Activity_WithoutSignIn_IsSentToSignIn()
    {
        using var response = await Client().PostAsync(AccountEndpoints.ActivityPath, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LoginPost_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var response = await Client().PostAsync("/account/login", new FormUrlEncodedContent(
            [new("_handler", "login"), new("Input.Email", "admin@crm.demo"), new("Input.Password", "Demo@2026")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
