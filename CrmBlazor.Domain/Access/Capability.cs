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
    /// <summary>Customer events (培训 / 技术讲座): see the events and their measures.</summary>
    ViewEvents,
    /// <summary>Create, edit, invite to and move customer events through their lifecycle (the team's events).</summary>
    ManageEvents,
    /// <summary>Record an invited contact's registration or refusal (own customers' contacts for an account manager).</summary>
    RecordEventRegistrations,
    /// <summary>Record attendance, a training's score and the satisfaction after an event.</summary>
    RecordEventAttendance,
    /// <summary>Campaigns (市场宣传): list and open them with their measures (targets only where the customer is visible).</summary>
    ViewCampaigns,
    /// <summary>Plan and launch campaigns: managers and admins for the team, account managers for their own customers.</summary>
    RunCampaigns,
}
