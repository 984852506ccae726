using System.Globalization;
using CrmBlazor.Data;
using CrmBlazor.Data.Lookups;
using CrmBlazor.Data.Users;
using CrmBlazor.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace CrmBlazor.Tests.Web;

/// <summary>Renders a component to HTML with the framework's HtmlRenderer (bunit cannot be installed here), in a chosen UI culture.</summary>
public static class ComponentRendering
{
    public static async Task<string> RenderAsync<TComponent>(string culture, IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // the caches are never loaded by these components; no database is needed
        services.AddSingleton<IDbContextFactory<CrmDbContext>, NoDatabase>();
        services.AddSingleton<DictionaryCache>();
        services.AddSingleton<UserDirectory>();
        services.AddScoped<UiText>();
        services.AddSingleton<IJSRuntime, NoJavaScript>(); // Radzen components inject it; static rendering never calls it
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            try
            {
                var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
                return output.ToHtmlString();
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
            }
        });
    }

    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
    }

    private sealed class NoDatabase : IDbContextFactory<CrmDbContext>
    {
        public CrmDbContext CreateDbContext() => throw new InvalidOperationException("Component tests use no database.");
    }
}
