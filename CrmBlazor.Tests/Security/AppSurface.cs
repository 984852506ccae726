using System.Reflection;
using CrmBlazor.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Security;

/// <summary>
/// What the access matrix must cover, found by reflection: the service classes <c>AddCrmData</c>
/// registers (implementation types from CrmBlazor.Data, the context itself excepted) with their
/// public instance methods, and every component of CrmBlazor.Web with a <c>@page</c> route.
/// </summary>
public static class AppSurface
{
    private static readonly Assembly DataAssembly = typeof(CrmDbContext).Assembly;
    private static readonly Assembly WebAssembly = typeof(CrmBlazor.Web.Security.Policies).Assembly;

    public static IReadOnlyList<Type> ServiceTypes()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCrmData(DatabaseProvider.Sqlite, _ => { });
        return services
            .Select(d => d.ImplementationType ?? d.ServiceType)
            .Where(t => t.Assembly == DataAssembly && !typeof(DbContext).IsAssignableFrom(t))
            .Distinct().OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Public classes of CrmBlazor.Data named like a service that <c>AddCrmData</c> does not register (a service nobody can check).</summary>
    public static IReadOnlyList<Type> UnregisteredServiceLikeTypes(IReadOnlyList<Type> registered) =>
        DataAssembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Service", StringComparison.Ordinal) && !registered.Contains(t))
            .ToArray();

    public static IReadOnlyList<MethodInfo> Methods(Type service) =>
        service.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType != typeof(object))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ToArray();

    /// <summary>"Service.Method" for every public method (overloads share one key and one rule).</summary>
    public static IReadOnlyList<string> MethodKeys() =>
        ServiceTypes().SelectMany(t => Methods(t).Select(m => $"{t.Name}.{m.Name}")).Distinct().ToArray();

    public static IReadOnlyList<Type> Pages() =>
        WebAssembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(RouteAttribute), false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();
}
