using CrmBlazor.Data.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CrmBlazor.Web.Security;

public static class AccountEndpoints
{
    public const string ActivityPath = "/account/activity";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Both are posts from our own pages with the antiforgery token: a foreign site can neither
        // sign a user out nor keep an unattended session alive. (The token is checked here because
        // minimal APIs only enforce it by themselves for form-bound parameters.)
        endpoints.MapPost("/account/logout", async (HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] SignInManager<AppUser> signIn) =>
        {
            // An idle page's sign-out arrives after its cookie has expired (the cookie lives exactly the
            // idle time, the page checks a little later), when the token no longer matches a user:
            // signing out someone already signed out needs no protection.
            if (context.User.Identity?.IsAuthenticated == true && !await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            var idle = context.Request.HasFormContentType && (await context.Request.ReadFormAsync()).TryGetValue("reason", out var reason) && reason == "idle";
            await signIn.SignOutAsync();
            return Results.LocalRedirect(idle ? "~/account/login?idle=1" : "~/account/login?signedOut=1");
        });
        // an open page's activity: the cookie handler renews the sign-in cookie on this path (CrmWebServices)
        endpoints.MapPost(ActivityPath, async (HttpContext context, [FromServices] IAntiforgery antiforgery) =>
            await antiforgery.IsRequestValidAsync(context) ? Results.NoContent() : Results.BadRequest())
            .RequireAuthorization();
    }
}
