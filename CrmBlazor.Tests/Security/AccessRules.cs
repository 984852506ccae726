using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;

namespace CrmBlazor.Tests.Security;

/// <summary>
/// THE access matrix: every public method of every data-layer service and every routable page, with
/// who may use it on which records. <see cref="AccessMatrixTests"/> fails when a method or page has
/// no line here; docs/security.md is generated from it (<see cref="SecurityDoc"/>).
///
/// To register a new service method add ONE line to <see cref="Methods"/>, e.g.
///   Read&lt;CustomerService&gt;(nameof(CustomerService.GetAsync), Records.Customer, ViewCustomers),
/// using Read / Write (one record, reached per <see cref="ReachOf"/>; add <c>with { OwnOnly = true }</c>
/// when only the owner/assignee may act, <c>with { OwnUnless = AssignTickets }</c> for "its creator, or a
/// supervisor"), Aggregate (totals over what the caller reaches), Setting (no records), AdminOnly,
/// SignedIn, System (jobs, plumbing) or Public (API key); and
/// enforce the same rule in the service. A new page: one line in <see cref="Pages"/>.
/// Then regenerate docs/security.md (scripts/security-matrix).
/// </summary>
public static partial class AccessRules
{
    /// <summary>PRODUCT.md §1 record access — the same rules as the query filters in CrmDbContext.Access.cs.</summary>
    public static Reach ReachOf(Records records, string role) => (records, role) switch
    {
        (_, Roles.Admin) => Reach.All,
        (_, Roles.Executive) => Reach.All,
        (Records.Opportunity, Roles.CustomerService) => Reach.None,
        (Records.FollowUpTask, Roles.CustomerService) => Reach.Own,
        (_, Roles.CustomerService) => Reach.All,
        (_, Roles.SalesManager) => Reach.Team,
        (_, Roles.AccountManager) => Reach.Own,
        _ => Reach.None,
    };

    private static MethodRule Read<T>(string method, Records on, Capability capability, string? note = null) =>
        new(typeof(T), method, RuleKind.Read, on, [capability], note);

    private static MethodRule Read<T>(string method, Records on, Capability[] capabilities, string? note = null) =>
        new(typeof(T), method, RuleKind.Read, on, capabilities, note);

    private static MethodRule Write<T>(string method, Records on, Capability capability, string? note = null) =>
        new(typeof(T), method, RuleKind.Write, on, [capability], note);

    private static MethodRule Write<T>(string method, Records on, Capability[] capabilities, string? note = null) =>
        new(typeof(T), method, RuleKind.Write, on, capabilities, note);

    private static MethodRule Aggregate<T>(string method, Records? on, Capability capability, string? note = null) =>
        new(typeof(T), method, RuleKind.Aggregate, on, [capability], note);

    private static MethodRule Aggregate<T>(string method, Records? on, Capability[] capabilities, string? note = null) =>
        new(typeof(T), method, RuleKind.Aggregate, on, capabilities, note);

    private static MethodRule Setting<T>(string method, Capability capability, string? note = null) =>
        new(typeof(T), method, RuleKind.Setting, null, [capability], note);

    private static MethodRule AdminOnly<T>(string method, Capability capability, string? note = null) =>
        new(typeof(T), method, RuleKind.AdminOnly, null, [capability], note);

    private static MethodRule SignedIn<T>(string method, string? note = null) =>
        new(typeof(T), method, RuleKind.SignedIn, null, [], note);

    private static MethodRule System<T>(string method, string? note = null) =>
        new(typeof(T), method, RuleKind.System, null, [], note);

    private static MethodRule Public<T>(string method, string? note = null) =>
        new(typeof(T), method, RuleKind.Public, null, [], note);

    private static PageRule Page<T>(params string[] roles) => new(typeof(T), roles);

    private static PageRule SignedInPage<T>() => new(typeof(T), null);

    private static PageRule PublicPage<T>() => new(typeof(T), []);
}
