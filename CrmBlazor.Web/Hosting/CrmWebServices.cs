using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Identity;
using CrmBlazor.Web.Localization;
using CrmBlazor.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Radzen;

namespace CrmBlazor.Web.Hosting;

public static class CrmWebServices
{
    public static IServiceCollection AddCrmWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddRadzenChineseStrings();
        services.AddCrmLocalization();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Cookie.Name = "crm.auth";
        });
        services.AddCrmData(configuration, environment.ContentRootPath);
        services.AddIdentityCore<AppUser>().AddSignInManager<CrmSignInManager>().AddClaimsPrincipalFactory<CrmClaimsPrincipalFactory>();
        services.AddCrmAuthorization();

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        if (configuration.GetValue("Jobs:Enabled", true)) services.AddHostedService<Jobs.PoolReturnJob>();
        return services;
    }
}
