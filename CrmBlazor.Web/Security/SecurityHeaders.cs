namespace CrmBlazor.Web.Security;

/// <summary>
/// Headers every response carries, pages, static files, error pages and the hub alike
/// (docs/decisions/013). Set when the response starts, so the exception handler, which clears
/// headers before re-executing <c>/error</c>, cannot drop them.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from our own origin (no inline script, no eval); styles also inline because
    /// Blazor writes <c>style</c> attributes (Radzen sizes columns, dialogs, charts and popups with
    /// them); the circuit's websocket and the live hub are same-origin, which <c>'self'</c> covers.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy,
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Referrer-Policy"] = "same-origin",
        ["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        ["Cross-Origin-Resource-Policy"] = "same-origin",
    };

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            foreach (var (name, value) in All) headers[name] = value;
            return Task.CompletedTask;
        });
        await next();
    });
}
