using CrmBlazor.Web.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Simplified-Chinese strings for Radzen.Blazor components.</summary>
public static class RadzenChineseStringsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RadzenChineseLocalizer"/> as Radzen's <see cref="global::Radzen.ILocalizer"/>,
    /// so Radzen components show Chinese whenever their UI culture (<c>CultureInfo.CurrentUICulture</c>
    /// unless a component's <c>UICulture</c> says otherwise) is Simplified Chinese, and English otherwise.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The zh-CN strings are not in the assembly: the <c>EmbeddedResource</c> LogicalName line for
    /// <c>Localization/Radzen/RadzenStrings.zh-CN.resx</c> is missing from CrmBlazor.Web.csproj.
    /// </exception>
    public static IServiceCollection AddRadzenChineseStrings(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        if (!RadzenChineseLocalizer.ResourcesAvailable)
        {
            throw new InvalidOperationException(
                $"No '{RadzenChineseLocalizer.ResourceBaseName}' resources for zh-CN were found in " +
                $"{typeof(RadzenChineseLocalizer).Assembly.GetName().Name}. Add to CrmBlazor.Web.csproj: " +
                "<EmbeddedResource Update=\"Localization\\Radzen\\RadzenStrings.zh-CN.resx\" " +
                "LogicalName=\"Radzen.Blazor.RadzenStrings.zh-CN.resources\" />");
        }

        services.TryAddSingleton<global::Radzen.ILocalizer, RadzenChineseLocalizer>();
        return services;
    }
}
