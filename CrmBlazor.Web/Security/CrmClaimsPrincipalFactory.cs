using System.Security.Claims;
using CrmBlazor.Data.Identity;
using Microsoft.AspNetCore.Identity;
using CrmBlazor.Web.Hosting;
using Microsoft.Extensions.Options;

namespace CrmBlazor.Web.Security;

/// <summary>
/// Adds <see cref="MustChangePasswordClaim"/> to the sign-in cookie of a user whose password an admin set,
/// and <see cref="MustEnrolTwoFactorClaim"/> to an admin's without two-factor sign-in.
/// </summary>
public sealed class CrmClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string MustChangePasswordClaim = "crm:must_change_password";
    public const string MustEnrolTwoFactorClaim = "crm:must_enrol_2fa";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword) identity.AddClaim(new Claim(MustChangePasswordClaim, "1"));
        if (!user.TwoFactorEnabled && await UserManager.IsInRoleAsync(user, Domain.Common.Roles.Admin))
            identity.AddClaim(new Claim(MustEnrolTwoFactorClaim, "1"));
        return identity;
    }
}

/// <summary>
/// Until a user with an admin-set password has chosen their own, every page sends them to
/// <c>/account/change-password</c> (static assets, the sign-in pages and sign-out still work).
/// </summary>
public static class ForcedPasswordChange
{
    public const string Path = "/account/change-password";

    public const string TwoFactorPath = "/account/two-factor";

    /// <summary>Also sends an admin without two-factor sign-in to enrol first.</summary>
    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var forcedTo = context.User.HasClaim(CrmClaimsPrincipalFactory.MustChangePasswordClaim, "1") ? Path
            : context.User.HasClaim(CrmClaimsPrincipalFactory.MustEnrolTwoFactorClaim, "1") ? TwoFactorPath : null;
        if (forcedTo is not null
            && !path.StartsWithSegments("/account") && !path.StartsWithSegments("/culture")
            && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/_content") && !path.StartsWithSegments("/css")
            && !System.IO.Path.HasExtension(path.Value))
        {
            if (CrmWebPipeline.IsForPrograms(path)) context.Response.StatusCode = StatusCodes.Status403Forbidden;
            else context.Response.Redirect(forcedTo);
            return;
        }
        await next();
    });
}
