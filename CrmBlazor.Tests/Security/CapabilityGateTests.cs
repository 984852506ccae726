using System.Reflection;
using CrmBlazor.Data.Reports;
using CrmBlazor.Data.Service;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Security;

/// <summary>
/// The capability half of every rule, generically: each service method whose arguments can be made
/// without a record id (lists, reports, dashboards, settings, admin lists) is called by reflection
/// as every role; the roles the rule names must get through, every other role must be refused with
/// an <see cref="AccessDeniedException"/>. Record-level outcomes are <see cref="RecordAccessTests"/>'.
/// </summary>
public abstract class CapabilityGateTests(DatabaseFixture fx) : IAsyncLifetime
{
    private AccessPeople _people = null!;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _people = await AccessPeople.OfAsync(fx);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>An argument for a parameter, or null when the method needs something only a real use case can supply (an id, an input record).</summary>
    private static bool TryArgument(ParameterInfo p, out object? value)
    {
        value = null;
        var t = p.ParameterType;
        if (t == typeof(CancellationToken)) { value = CancellationToken.None; return true; }
        if (t == typeof(ReportFilter)) { value = new ReportFilter(); return true; }
        if (t == typeof(ServiceQualityQuery)) { value = new ServiceQualityQuery(Today.AddDays(-30), Today); return true; }
        if (t == typeof(DateOnly) && p.Name is "from" or "createdFrom") { value = Today.AddDays(-30); return true; }
        if (t == typeof(DateOnly) && p.Name is "to" or "createdTo") { value = Today; return true; }
        if (t == typeof(int) && p.Name == "year") { value = Today.Year; return true; }
        if (t == typeof(int) && p.Name == "month") { value = Today.Month; return true; }
        if (t == typeof(int) && p.Name is "skip") { value = 0; return true; }
        if (t == typeof(int) && p.Name is "take" or "upcomingDays") { value = 10; return true; }
        if (p.HasDefaultValue) { value = p.DefaultValue; return true; }
        if (t.IsClass && t.Namespace?.StartsWith("CrmBlazor.Data", StringComparison.Ordinal) == true && t.IsAssignableTo(typeof(CrmBlazor.Data.Common.PageRequest))
            && t.GetConstructor(Type.EmptyTypes) is not null) { value = Activator.CreateInstance(t); return true; }
        return false;
    }

    private static IEnumerable<(MethodRule Rule, MethodInfo Method)> Callable() =>
        from rule in AccessRules.Methods
        where rule.Kind is RuleKind.Read or RuleKind.Aggregate or RuleKind.Setting or RuleKind.AdminOnly or RuleKind.SignedIn
        from m in AppSurface.Methods(rule.Service)
        where m.Name == rule.Method && typeof(Task).IsAssignableFrom(m.ReturnType) && m.GetParameters().All(p => TryArgument(p, out _))
        select (rule, m);

    public static TheoryData<string> CallableMethods() => [.. Callable().Select(c => c.Rule.Key).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void TheGenericCheck_CoversTheBulkOfTheReadOnlyMethods() =>
        Assert.True(CallableMethods().Count >= 40, $"only {CallableMethods().Count} methods callable generically");

    [Theory]
    [MemberData(nameof(CallableMethods))]
    public async Task Method_CalledByEveryRole_OnlyTheRulesRolesGetThrough(string key)
    {
        var wrong = new List<string>();
        foreach (var (rule, method) in Callable().Where(c => c.Rule.Key == key))
        {
            var args = method.GetParameters().Select(p => TryArgument(p, out var v) ? v : null).ToArray();
            foreach (var role in Roles.All)
            {
                var scope = await _people.ScopeAsync(fx, _people.Actor(role));
                var services = fx.Services.CreateScope().ServiceProvider;
                services.GetRequiredService<TestCurrentUser>().Scope = scope;
                var service = services.GetRequiredService(rule.Service);
                string? refusal = null;
                try
                {
                    await (Task)method.Invoke(service, args)!;
                }
                catch (AccessDeniedException e)
                {
                    refusal = e.Code;
                }
                var allowed = rule.Roles.Contains(role);
                if (allowed && refusal is not null) wrong.Add($"{role} was refused ({refusal}) but the rule allows it");
                if (!allowed && refusal is null) wrong.Add($"{role} got through but the rule refuses it");
            }
        }
        Assert.True(wrong.Count == 0, $"{key} (rule: {string.Join(", ", AccessRules.Methods.Single(r => r.Key == key).Roles)}):\n  {string.Join("\n  ", wrong)}");
    }
}

public sealed class CapabilityGateTests_Sqlite(SqliteFixture fx) : CapabilityGateTests(fx), IClassFixture<SqliteFixture>;

public sealed class CapabilityGateTests_Postgres(PostgresFixture fx) : CapabilityGateTests(fx), IClassFixture<PostgresFixture>;
