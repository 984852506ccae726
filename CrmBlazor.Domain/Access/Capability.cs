namespace CrmBlazor.Domain.Access;

/// <summary>What a role may do, independent of which records it may see (that is <see cref="AccessProfile"/>).</summary>
public enum Capability
{
    ViewDashboard,
    ViewCustomers,
    EditCustomers,
    ViewOpportunities,
    CreateOpportunities,
    AssignOpportunities,
    DevelopOpportunities,
    ViewTickets,
    CreateTickets,
    AssignTickets,
    HandleTickets,
    ActOnChurn,
    ViewReports,
    ImportData,
    ManageUsers,
    ManageSettings,
    /// <summary>The monthly data-quality report (数据校验): admins, and managers for their team.</summary>
    ReviewDataQuality,
    /// <summary>Campaigns (市场宣传): list and open them with their measures (targets only where the customer is visible).</summary>
    ViewCampaigns,
    /// <summary>Plan and launch campaigns: managers and admins for the team, account managers for their own customers.</summary>
    RunCampaigns,
}
