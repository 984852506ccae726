using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using Microsoft.AspNetCore.Components;

namespace CrmBlazor.Tests.Security;

/// <summary>The record kinds whose visibility differs by role (PRODUCT.md §1); child records follow their parent.</summary>
public enum Records { Customer, Opportunity, Ticket, FollowUpTask }

/// <summary>Which records of a kind a role reaches.</summary>
public enum Reach { None, Own, Team, All }

public enum RuleKind
{
    /// <summary>Reads single records or lists of them: the roles with the capability, on the records they reach.</summary>
    Read,
    /// <summary>Changes one record: the roles with the capability, on the records they reach.</summary>
    Write,
    /// <summary>Totals over the records the caller reaches (reports, dashboard tiles): never more, never empty by mistake.</summary>
    Aggregate,
    /// <summary>A setting or a list that holds no business record: the roles with the capability.</summary>
    Setting,
    /// <summary>Only the roles with an admin-only capability (users, settings).</summary>
    AdminOnly,
    /// <summary>Every signed-in user: reference data, their own profile, the caller's own scope.</summary>
    SignedIn,
    /// <summary>Jobs, start-up and plumbing: run as the system or inside another service, never as a page's use case.</summary>
    System,
    /// <summary>No user at all (the public lead API), checked by API key in the service.</summary>
    Public,
}

/// <summary>One public method of a data-layer service and who may call it on which records.</summary>
public sealed record MethodRule(Type Service, string Method, RuleKind Kind, Records? On, Capability[] Capabilities, string? Note)
{
    public string Key => $"{Service.Name}.{Method}";

    /// <summary>Only the record's owner / assignee, whatever else the role reaches (e.g. completing a task).</summary>
    public bool OwnOnly { get; init; }

    /// <summary>Only own records, unless the role also holds this capability (then all it reaches): "its creator, or a supervisor".</summary>
    public Capability? OwnUnless { get; init; }

    /// <summary>The records <paramref name="role"/> reaches through this method (Read/Write/Aggregate).</summary>
    public Reach ReachFor(string role)
    {
        if (!Roles.Contains(role) || On is not { } on) return Reach.None;
        var reach = AccessRules.ReachOf(on, role);
        if (reach == Reach.None) return reach;
        if (OwnOnly || OwnUnless is { } c && !RolePermissions.Allows(role, c)) return Reach.Own;
        return reach;
    }

    /// <summary>The roles that may call the method at all.</summary>
    public IReadOnlyList<string> Roles => Kind switch
    {
        RuleKind.SignedIn => CrmBlazor.Domain.Common.Roles.All,
        RuleKind.System or RuleKind.Public => [],
        _ => CrmBlazor.Domain.Common.Roles.All.Where(r => Capabilities.Any(c => RolePermissions.Allows(r, c))).ToArray(),
    };

    /// <summary>Which records <paramref name="role"/> reaches through the method ("—" when refused).</summary>
    public string RecordsFor(string role)
    {
        if (!Roles.Contains(role)) return "—";
        return Kind switch
        {
            RuleKind.Read or RuleKind.Write => ReachFor(role) == Reach.None ? "—" : ReachFor(role).ToString().ToLowerInvariant(),
            RuleKind.Aggregate => On is null ? "aggregate" : ReachFor(role) == Reach.None ? "—" : "aggregate of " + ReachFor(role).ToString().ToLowerInvariant(),
            RuleKind.Setting => "setting",
            RuleKind.AdminOnly => "admin",
            _ => "any",
        };
    }
}

/// <summary>One routable page and the roles that may open it (empty = public, null = any signed-in user).</summary>
public sealed record PageRule(Type Page, string[]? Roles)
{
    public IReadOnlyList<string> Routes =>
        Page.GetCustomAttributes(typeof(RouteAttribute), false).Cast<RouteAttribute>().Select(r => r.Template).ToArray();

    public string Who => Roles switch
    {
        null => "any signed-in user",
        [] => "anyone (public)",
        _ => string.Join(", ", Roles),
    };
}
