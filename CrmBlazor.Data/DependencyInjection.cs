using CrmBlazor.Data.Access;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Dashboard;
using CrmBlazor.Data.Lookups;
using CrmBlazor.Data.Migrations;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Reports;
using CrmBlazor.Data.Seeding;
using CrmBlazor.Data.Service;
using CrmBlazor.Data.Users;
using CrmBlazor.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmBlazor.Data;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database (provider from <c>Database:Provider</c>, connection from
    /// <c>ConnectionStrings:Crm</c> or a SQLite file in <c>Database:DataFolder</c>), the scoped
    /// context factory and the feature services.
    /// </summary>
    public static IServiceCollection AddCrmData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= configuration.GetConnectionString("Crm");
        var connectionString = options.ResolveConnectionString(contentRoot);
        services.AddSingleton(options);

        return services.AddCrmData(options.Provider, db => ConfigureProvider(db, options.Provider, connectionString));
    }

    /// <summary>Registers the data layer with an explicit provider configuration (tests use a shared in-memory SQLite connection).</summary>
    public static IServiceCollection AddCrmData(this IServiceCollection services, DatabaseProvider provider, Action<DbContextOptionsBuilder> configure)
    {
        services.TryAddSingleton(new DatabaseOptions { Provider = provider });
        services.TryAddSingleton(SqlDialect.For(provider));
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<CrmDbContext>(configure);
        services.AddCrmIdentity();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddScoped<CrmDbFactory>();
        services.AddCrmServices();
        return services;
    }

    /// <summary>
    /// Identity on our context with the product's rules: unique e-mail, a password of at least 8
    /// characters with upper, lower and digit, lockout for 15 minutes after 5 failed attempts.
    /// </summary>
    public static IServiceCollection AddCrmIdentity(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CrmDbContext>()
            .AddDefaultTokenProviders();
        return services;
    }

    public static void ConfigureProvider(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
            db.UseNpgsql(connectionString, o => o.CommandTimeout(120));
        else
            db.UseSqlite(connectionString, o => o.CommandTimeout(120));
        db.ReplaceService<IModelCacheKeyFactory, AccessModelCacheKeyFactory>();
    }

    /// <summary>A context options instance outside dependency injection (tests, tools).</summary>
    public static DbContextOptions<CrmDbContext> BuildOptions(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<CrmDbContext>();
        ConfigureProvider(builder, provider, connectionString);
        return builder.Options;
    }

    private static IServiceCollection AddCrmServices(this IServiceCollection services)
    {
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<DictionaryCache>();
        services.AddScoped<CustomerService>();
        services.AddScoped<Segments.SegmentService>();
        services.AddScoped<Campaigns.CampaignService>();
        services.AddScoped<CustomerEditService>();
        services.AddScoped<CustomerRecordsService>();
        services.AddScoped<Privacy.RevealService>();
        services.AddScoped<CustomerTrackingService>();
        services.AddScoped<DataQuality.DataQualityService>();
        services.AddSingleton<Events.CrmEventHub>();
        services.AddSingleton<WonOpportunityCustomers>();
        services.AddScoped<OpportunityService>();
        services.AddScoped<OpportunityBoardService>();
        services.AddScoped<PipelineStatsService>();
        services.AddScoped<LeadService>();
        services.AddScoped<TicketService>();
        services.AddScoped<TicketBoardService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<FollowUps.FollowUpService>();
        services.AddScoped<Churn.ChurnService>();
        services.AddScoped<CompositionReportService>();
        services.AddScoped<ContributionReportService>();
        services.AddScoped<ChurnReportService>();
        services.AddScoped<LifecycleReportService>();
        services.AddScoped<UserAdminService>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<VolumeSeeder>();
        services.AddSingleton<Lifecycle.LifecycleEvaluator>();
        services.AddScoped<Import.ImportService>();
        services.AddScoped<BasicData.DictionaryService>();
        services.AddScoped<Products.ProductService>();
        services.AddScoped<Lifecycle.StageSettingsService>();
        services.AddScoped<Lifecycle.PlaybookService>();
        services.AddScoped<Lifecycle.PlaybookEffectService>();
        services.AddScoped<ServiceQualityService>();
        services.AddScoped<ServiceLevelSettingsService>();
        services.AddSingleton<TicketReminderService>();
        services.AddScoped<Care.CareService>();
        services.AddScoped<Care.RevisitService>();
        services.AddSingleton<Value.CustomerValueScorer>();
        services.AddScoped<Value.CustomerValueService>();
        services.AddScoped<Value.ValueReportService>();
        services.AddScoped<CustomerEvents.CustomerEventService>();
        services.AddScoped<CustomerEvents.EventInvitationService>();
        services.AddScoped<Privacy.PersonalDataExportService>();
        services.AddScoped<Privacy.ErasureService>();
        services.AddScoped<Audit.AuditTrailService>();
        return services;
    }
}
