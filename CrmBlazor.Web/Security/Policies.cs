using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;

namespace CrmBlazor.Web.Security;

/// <summary>
/// One authorization policy per area of the app, derived from the role × capability matrix
/// (<see cref="RolePermissions"/>) so navigation, page guards and services agree.
/// </summary>
public static class Policies
{
    public const string Dashboard = nameof(Dashboard);
    public const string Customers = nameof(Customers);
    public const string Opportunities = nameof(Opportunities);
    public const string Service = nameof(Service);
    public const string Reports = nameof(Reports);
    public const string Admin = nameof(Admin);
    public const string OpportunityBoard = nameof(OpportunityBoard);
    public const string Pool = nameof(Pool);
    public const string PipelineStats = nameof(PipelineStats);
    public const string Import = nameof(Import);
    public const string Settings = nameof(Settings);
    public const string DataQuality = nameof(DataQuality);
    public const string Churn = nameof(Churn);
    public const string TicketBoard = nameof(TicketBoard);
    public const string Care = nameof(Care);
    public const string Events = nameof(Events);
    public const string Catalogue = nameof(Catalogue);
    public const string Campaigns = nameof(Campaigns);

    /// <summary>Which capabilities open each area (any one suffices).</summary>
    public static readonly IReadOnlyDictionary<string, Capability[]> Areas = new Dictionary<string, Capability[]>
    {
        [Dashboard] = [Capability.ViewDashboard],
        [Customers] = [Capability.ViewCustomers],
        [Opportunities] = [Capability.CreateOpportunities, Capability.AssignOpportunities, Capability.DevelopOpportunities],
        [Service] = [Capability.CreateTickets, Capability.AssignTickets, Capability.HandleTickets],
        [Reports] = [Capability.ViewReports],
        [Admin] = [Capability.ManageUsers],
        [OpportunityBoard] = [Capability.AssignOpportunities],
        [Pool] = [Capability.DevelopOpportunities, Capability.AssignOpportunities],
        [PipelineStats] = [Capability.AssignOpportunities, Capability.ViewReports], // managers, and executives as an aggregate
        [Import] = [Capability.ImportData],
        [Settings] = [Capability.ManageSettings],
        [DataQuality] = [Capability.ReviewDataQuality],
        [Churn] = [Capability.ActOnChurn, Capability.ViewReports], // owners act; executives read
        [TicketBoard] = [Capability.AssignTickets],
        [Care] = [Capability.ViewCustomers], // the care calendar: everyone who sees customers; owners' managers plan the tasks
        [Events] = [Capability.ViewEvents], // customer events: managers run them, account managers and service record, executives read
        [Catalogue] = [Capability.ViewDashboard], // products and stock: every signed-in user (every role has a dashboard)
        [Campaigns] = [Capability.ViewCampaigns], // managers and account managers run them, executives read
    };

    public static string[] RolesFor(string policy) =>
        Roles.All.Where(r => Areas[policy].Any(c => RolePermissions.Allows(r, c))).ToArray();

    public static IServiceCollection AddCrmAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization(options =>
        {
            foreach (var policy in Areas.Keys)
                options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(RolesFor(policy)));
        });
        return services;
    }
}
