using System.Globalization;
using System.Security.Claims;
using CrmBlazor.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace CrmBlazor.Web.Localization;

/// <summary>
/// Two UI languages: 中文 (zh-CN) and English (en-US). The choice lives in the culture cookie and
/// in the user's profile (restored at sign-in); without a choice, a browser that asks for any
/// Chinese gets zh-CN and everyone else English.
/// </summary>
public static class CultureSetup
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";
    public static readonly string[] Supported = [Chinese, English];

    public static IServiceCollection AddCrmLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddScoped<UiText>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(English);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(ctx => Task.FromResult(FromAcceptLanguage(ctx.Request.Headers.AcceptLanguage.ToString()))),
            ];
        });
        return services;
    }

    public static IApplicationBuilder UseCrmLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>The first language the browser asks for that we speak; any zh-* means 中文.</summary>
    public static ProviderCultureResult? FromAcceptLanguage(string header)
    {
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tag = part.Split(';')[0].Trim();
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) return new ProviderCultureResult(Chinese);
            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return new ProviderCultureResult(English);
        }
        return null;
    }

    public static string Normalize(string? culture) =>
        culture is not null && culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    public static void WriteCookie(HttpResponse response, string culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });

    /// <summary><c>GET /culture/set?culture=zh-CN&amp;redirectUri=/customers</c>: switches the language and remembers it for the signed-in user.</summary>
    public static void MapCultureEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", async (HttpContext ctx, string? culture, string? redirectUri, UserManager<AppUser> users) =>
        {
            var chosen = Normalize(culture);
            WriteCookie(ctx.Response, chosen);
            if (ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && await users.FindByIdAsync(id) is { } user && user.PreferredCulture != chosen)
            {
                user.PreferredCulture = chosen;
                await users.UpdateAsync(user);
            }
            return Results.LocalRedirect(LocalTarget(redirectUri));
        });
    }

    /// <summary>
    /// The page to return to: a path on this site only ("/", "//host" and "/\\host" go home), percent-encoded
    /// so a link with Chinese in it ("/reports/contribution?name=科技") can travel in a Location header.
    /// </summary>
    internal static string LocalTarget(string? redirectUri)
    {
        if (string.IsNullOrEmpty(redirectUri) || !redirectUri.StartsWith('/') || redirectUri.Length > 1 && redirectUri[1] is '/' or '\\') return "/";
        if (!Uri.TryCreate(new Uri("http://localhost"), redirectUri, out var uri) || uri.Host != "localhost") return "/";
        var target = uri.PathAndQuery + uri.Fragment;
        return target.StartsWith("//", StringComparison.Ordinal) || target.StartsWith("/\\", StringComparison.Ordinal) ? "/" : target;
    }
}
