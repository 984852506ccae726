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
        ],
        [Roles.AccountManager] =
        [
            ViewDashboard, ViewCustomers, EditCustomers, ViewOpportunities, CreateOpportunities,
            DevelopOpportunities, ViewTickets, CreateTickets, HandleTickets, ActOnChurn, ImportData,
        ],
        [Roles.CustomerService] = [ViewDashboard, ViewCustomers, ViewTickets, CreateTickets, HandleTickets],
        [Roles.Executive] = [ViewDashboard, ViewCustomers, ViewOpportunities, ViewTickets, ViewReports],
    };

    public static bool Allows(string role, Capability capability) =>
        Matrix.TryGetValue(role, out var set) && set.Contains(capability);

    public static bool Allows(IEnumerable<string> roles, Capability capability) =>
        roles.Any(r => Allows(r, capability));

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
