using CrmBlazor.Data.Audit;
using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace CrmBlazor.Web.Security;

/// <summary>What happens once a user is in, after the password or after the second factor.</summary>
public sealed class SignInCompletion(UserManager<AppUser> users, AuditLog audit, TimeProvider clock)
{
    public async Task CompleteAsync(HttpContext context, AppUser user)
    {
        user.LastSignInAt = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        if (user.PreferredCulture is { } culture) CultureSetup.WriteCookie(context.Response, culture);
        await audit.WriteAsync(AuditAction.SignIn, user.Id, user.Email ?? user.Id, "User", user.Id, null, context.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>Only a local page outside the sign-in pages; anything else goes to the dashboard.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            || returnUrl.StartsWith("/account", StringComparison.OrdinalIgnoreCase)
            ? "/" : returnUrl;
}
