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
    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (CrmWebPipeline.IsForPrograms(ctx.Request.Path))
            ctx.Response.StatusCode = status;
        else
            ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

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
        var idle = IdleTimeout.From(configuration);
        services.AddSingleton(idle);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            // untouched for the idle timeout, the cookie is gone; open pages renew it while used (IdleSignOut)
            o.ExpireTimeSpan = idle.Limit;
            o.SlidingExpiration = true;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            var validate = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async ctx =>
            {
                await validate(ctx);
                if (ctx.Principal is not null && ctx.Request.Path == AccountEndpoints.ActivityPath) ctx.ShouldRenew = true;
            };
            o.Cookie.Name = "crm.auth";
            // programs calling the hub or the API get a status code, not a redirect to a sign-in page
            o.Events.OnRedirectToLogin = ctx => Refuse(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Refuse(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddCrmData(configuration, environment.ContentRootPath);
        services.AddIdentityCore<AppUser>().AddSignInManager<CrmSignInManager>().AddClaimsPrincipalFactory<CrmClaimsPrincipalFactory>();
        services.AddCrmAuthorization();

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<SignInCompletion>();
        services.AddSingleton(Features.Import.CsvUpload.From(configuration));
        services.AddScoped<Shared.UiActions>();
        // Enums travel as their names ("Assigned"), the contract in docs/live-hub.md.
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddHostedService<Live.LiveHubBridge>();
        if (configuration.GetValue("Jobs:Enabled", true)) services.AddHostedService<Jobs.PoolReturnJob>();
        if (configuration.GetValue("Jobs:Enabled", true)) services.AddHostedService<Jobs.TicketReminderJob>();
        services.AddSingleton<Jobs.LifecycleRecomputeRunner>();
        if (configuration.GetValue("Jobs:Enabled", true) && configuration.GetValue("Lifecycle:RecomputeEnabled", true)) services.AddHostedService<Jobs.LifecycleRecomputeJob>();
        return services;
    }
}
