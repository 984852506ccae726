using Microsoft.AspNetCore.Authorization;

namespace CrmBlazor.Tests.Security;

/// <summary>Every service method and every page has a declared access rule, and the pages' guards say the same.</summary>
public sealed class AccessMatrixTests
{
    private const string HowTo =
        "Register it with one line in CrmBlazor.Tests/Security/AccessRules.Methods.cs, e.g. " +
        "Read<CustomerService>(nameof(CustomerService.GetAsync), Records.Customer, ViewCustomers) — kinds: Read, Write, Aggregate, AdminOnly, SignedIn, System, Public — " +
        "enforce the same rule in the service, then run scripts/security-matrix.";

    [Fact]
    public void EveryServiceMethod_HasAnAccessRule()
    {
        var declared = AccessRules.Methods.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = AppSurface.MethodKeys().Where(k => !declared.Contains(k)).ToArray();
        Assert.True(missing.Length == 0, $"{missing.Length} service method(s) without an access rule:\n  {string.Join("\n  ", missing)}\n{HowTo}");
    }

    [Fact]
    public void EveryAccessRule_NamesAnExistingMethod_Once()
    {
        var existing = AppSurface.MethodKeys().ToHashSet(StringComparer.Ordinal);
        var stale = AccessRules.Methods.Select(r => r.Key).Where(k => !existing.Contains(k)).ToArray();
        Assert.True(stale.Length == 0, $"Access rules for methods that no longer exist (or whose service AddCrmData does not register): {string.Join(", ", stale)}");
        var twice = AccessRules.Methods.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(twice.Length == 0, $"Methods with more than one rule: {string.Join(", ", twice)}");
    }

    [Fact]
    public void EveryServiceLikeClass_IsRegistered()
    {
        var loose = AppSurface.UnregisteredServiceLikeTypes(AppSurface.ServiceTypes());
        Assert.True(loose.Count == 0,
            $"Public *Service classes that AddCrmData does not register, so the matrix cannot see them: {string.Join(", ", loose.Select(t => t.FullName))}. Register them in DependencyInjection.AddCrmServices.");
    }

    [Fact]
    public void RecordRules_NameTheirRecords_AndAdminOnlyRulesReachOnlyAdmins()
    {
        foreach (var rule in AccessRules.Methods)
        {
            if (rule.Kind is RuleKind.Read or RuleKind.Write)
                Assert.True(rule.On is not null && rule.Capabilities.Length > 0, $"{rule.Key}: a Read/Write rule names its records and capability.");
            if (rule.Kind == RuleKind.AdminOnly)
                Assert.Equal([CrmBlazor.Domain.Common.Roles.Admin], rule.Roles);
        }
    }

    [Fact]
    public void EveryPage_HasAnAccessRule()
    {
        var declared = AccessRules.Pages.Select(p => p.Page).ToHashSet();
        var missing = AppSurface.Pages().Where(p => !declared.Contains(p)).Select(p => p.FullName).ToArray();
        Assert.True(missing.Length == 0,
            $"Routable page(s) without an access rule:\n  {string.Join("\n  ", missing)}\nAdd Page<TPage>(Admin, ...), SignedInPage<TPage>() or PublicPage<TPage>() to AccessRules.Pages.cs, then run scripts/security-matrix.");
        Assert.Equal(AccessRules.Pages.Count, AccessRules.Pages.Select(p => p.Page).Distinct().Count());
    }

    public static TheoryData<string> PageNames() => [.. AccessRules.Pages.Select(p => p.Page.Name)];

    [Theory]
    [MemberData(nameof(PageNames))]
    public void PageGuard_MatchesItsRule(string page)
    {
        var rule = AccessRules.Pages.Single(p => p.Page.Name == page);
        var guards = rule.Page.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().ToArray();
        var allowAnonymous = rule.Page.GetCustomAttributes(typeof(AllowAnonymousAttribute), true).Length > 0;
        if (rule.Roles is [])
        {
            Assert.True(guards.Length == 0 || allowAnonymous, $"{page} is declared public but carries [Authorize].");
            return;
        }
        Assert.False(allowAnonymous, $"{page} must not allow anonymous access.");
        var guard = Assert.Single(guards);
        if (rule.Roles is null)
        {
            Assert.True(guard.Policy is null && guard.Roles is null, $"{page}: any signed-in user, so a bare [Authorize].");
            return;
        }
        Assert.NotNull(guard.Policy);
        var actual = CrmBlazor.Web.Security.Policies.RolesFor(guard.Policy!).Order(StringComparer.Ordinal).ToArray();
        Assert.True(rule.Roles.Order(StringComparer.Ordinal).SequenceEqual(actual),
            $"{page}: policy {guard.Policy} admits [{string.Join(", ", actual)}] but the matrix says [{string.Join(", ", rule.Roles)}].");
    }
}
