using CrmBlazor.Domain.Common;
using static CrmBlazor.Domain.Access.Capability;

namespace CrmBlazor.Domain.Access;

/// <summary>The role × capability matrix of PRODUCT.md §1 — the single place it is written down.</summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, HashSet<Capability>> Matrix = new(StringComparer.Ordinal)
    {
        [Roles.Admin] = [.. Enum.GetValues<Capability>()],
        [Roles.SalesManager] =
        [
            ViewDashboard, ViewCustomers, EditCustomers, ViewOpportunities, CreateOpportunities,
            AssignOpportunities, ViewTickets, CreateTickets, AssignTickets, ActOnChurn, ViewReports, ImportData,
            ReviewDataQuality,
            ViewEvents, ManageEvents, RecordEventRegistrations, RecordEventAttendance,
            ViewCampaigns, RunCampaigns,
        ],
        [Roles.AccountManager] =
        [
            ViewDashboard, ViewCustomers, EditCustomers, ViewOpportunities, CreateOpportunities,
            DevelopOpportunities, ViewTickets, CreateTickets, HandleTickets, ActOnChurn, ImportData,
            ViewEvents, RecordEventRegistrations, RecordEventAttendance,
            ViewCampaigns, RunCampaigns,
        ],
        [Roles.CustomerService] = [ViewDashboard, ViewCustomers, ViewTickets, CreateTickets, HandleTickets, ViewEvents, RecordEventAttendance],
        [Roles.Executive] = [ViewDashboard, ViewCustomers, ViewOpportunities, ViewTickets, ViewReports, ViewEvents, ViewCampaigns],
    };

    public static bool Allows(string role, Capability capability) =>
        Matrix.TryGetValue(role, out var set) && set.Contains(capability);

    public static bool Allows(IEnumerable<string> roles, Capability capability) =>
        roles.Any(r => Allows(r, capability));

    /// <summary>
    /// The roles whose rights apply under <paramref name="profile"/>: those that act on the same
    /// records the profile shows. A role that edits only what its holder owns (account manager) or
    /// the team's (sales manager) never lends its rights to a profile that shows every customer
    /// (executive, customer service) — otherwise an account manager who is also in customer service
    /// could edit and unmask every customer. Such combinations are refused when users are saved;
    /// this keeps existing ones safe.
    /// </summary>
    public static IEnumerable<string> RolesActingUnder(AccessProfile profile, IEnumerable<string> roles) => profile switch
    {
        AccessProfile.Admin => roles,
        AccessProfile.Executive => roles.Where(r => r is Roles.Executive or Roles.CustomerService),
        AccessProfile.SalesManager => roles.Where(r => r is Roles.SalesManager or Roles.AccountManager),
        AccessProfile.CustomerService => roles.Where(r => r is Roles.CustomerService),
        AccessProfile.AccountManager => roles.Where(r => r is Roles.AccountManager),
        _ => [],
    };

    /// <summary>Whether these roles may be held together (see <see cref="RolesActingUnder"/>).</summary>
    public static bool CanCombine(IReadOnlyCollection<string> roles) =>
        roles.Contains(Roles.Admin)
        || !(roles.Any(r => r is Roles.Executive or Roles.CustomerService) && roles.Any(r => r is Roles.AccountManager or Roles.SalesManager));

    /// <summary>The broadest profile among the roles; an unknown or empty role set sees nothing.</summary>
    public static AccessProfile ProfileFor(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        if (set.Contains(Roles.Admin)) return AccessProfile.Admin;
        if (set.Contains(Roles.Executive)) return AccessProfile.Executive;
        if (set.Contains(Roles.SalesManager)) return AccessProfile.SalesManager;
        if (set.Contains(Roles.CustomerService)) return AccessProfile.CustomerService;
        if (set.Contains(Roles.AccountManager)) return AccessProfile.AccountManager;
        return AccessProfile.None;
    }
}
