using CrmBlazor.Data;
using CrmBlazor.Data.Seeding;
using CrmBlazor.Web.Api;
using CrmBlazor.Web.Components;
using CrmBlazor.Web.Localization;
using CrmBlazor.Web.Security;

namespace CrmBlazor.Web.Hosting;

public static class CrmWebPipeline
{
    /// <summary>Migrates the schema, fills reference data, and seeds the demo company into an empty database when <c>Demo:Seed</c> is true (the default).</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Startup");
        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        if (app.Configuration.GetValue("Demo:Seed", true))
        {
            var seed = app.Configuration.GetValue("Demo:RandomSeed", DemoSeeder.DefaultSeed);
            var customers = app.Configuration.GetValue("Demo:Customers", 500);
            if (await app.Services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(seed, customers))
                log.LogInformation("Demo company seeded. Sign in as admin@crm.demo / {Password}", DemoSeeder.DemoPassword);
        }
    }

    public static WebApplication UseCrmPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        // People get a page for 404s; programs (the hub, the API) get the bare status code.
        // (not inside a UseWhen branch: re-executing from a branch never reached the page's endpoint,
        // so people got an empty 404; programs switch the status page off instead)
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((ctx, next) =>
        {
            if (IsForPrograms(ctx.Request.Path) && ctx.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            return next(ctx);
        });
        app.UseCrmLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseForcedPasswordChange();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Paths used by other programs rather than browsers: no sign-in redirects, no HTML error pages.</summary>
    public static bool IsForPrograms(PathString path) => path.StartsWithSegments("/hubs") || path.StartsWithSegments("/api");

    public static WebApplication MapCrmEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapCultureEndpoint();
        app.MapLeadEndpoints();
        Features.Customers.CustomerExport.MapCustomerExport(app);
        Features.Customers.SegmentExport.MapSegmentExport(app);
        Features.Service.TicketExport.MapTicketExport(app);
        Features.CustomerEvents.EventExport.MapEventExport(app);
        app.MapHub<Live.LiveHub>("/hubs/live");
        return app;
    }
}
