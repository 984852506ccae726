using System.Globalization;
using System.Resources;

namespace CrmBlazor.Web.Localization;

/// <summary>
/// Supplies Simplified-Chinese text for every built-in UI string of Radzen.Blazor (pager, grid filter
/// menu, dialogs, date picker, upload, HTML editor, spreadsheet, ...).
/// </summary>
/// <remarks>
/// Radzen.Blazor 11.x resolves each of its strings by key through its internal <c>Localizer</c>:
/// first a <see cref="global::Radzen.ILocalizer"/> registered in DI, then resources named
/// <c>Radzen.Blazor.RadzenStrings</c> in the entry assembly, then its own RadzenStrings resources
/// (English plus the de/es/fr/it/ja satellites it ships). This class is the first of those.
/// The strings live in <c>RadzenStrings.zh-CN.resx</c> next to this file, compiled into
/// CrmBlazor.Web's zh-CN satellite assembly under the name <see cref="ResourceBaseName"/>, so the
/// same resource also serves Radzen's entry-assembly fallback (used by the few places in Radzen that
/// do not consult DI, e.g. <c>SideDialogOptions.ResizeBarTitle</c>).
/// For any culture other than Simplified Chinese, <see cref="Get"/> returns <c>null</c> and Radzen
/// falls back to its own strings, so English (and Radzen's other shipped languages) are unchanged.
/// </remarks>
public sealed class RadzenChineseLocalizer : global::Radzen.ILocalizer
{
    /// <summary>Manifest base name of the zh-CN strings; the same name Radzen looks for in the entry assembly.</summary>
    public const string ResourceBaseName = "Radzen.Blazor.RadzenStrings";

    /// <summary>The culture the strings are written for.</summary>
    public static readonly CultureInfo ResourceCulture = CultureInfo.GetCultureInfo("zh-CN");

    private static readonly Lazy<ResourceSet?> Strings = new(LoadStrings);

    /// <summary>Whether the zh-CN satellite resources could be found (false means the EmbeddedResource LogicalName is missing).</summary>
    public static bool ResourcesAvailable => Strings.Value != null;

    /// <inheritdoc />
    public string? Get(string key, CultureInfo culture)
        => IsSimplifiedChinese(culture) ? Strings.Value?.GetString(key) : null;

    /// <summary>
    /// True for zh-CN, zh-SG, zh-Hans(-*) and bare zh; false for Traditional Chinese (zh-TW, zh-HK,
    /// zh-MO, zh-Hant-*) and every other language.
    /// </summary>
    public static bool IsSimplifiedChinese(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);

        for (var current = culture; !string.IsNullOrEmpty(current.Name); current = current.Parent)
        {
            switch (current.Name)
            {
                case "zh-Hant":
                case "zh-TW":
                case "zh-HK":
                case "zh-MO":
                    return false;
                case "zh-Hans":
                case "zh-CN":
                case "zh-SG":
                case "zh":
                    return true;
            }
        }

        return false;
    }

    private static ResourceSet? LoadStrings()
    {
        var resources = new ResourceManager(ResourceBaseName, typeof(RadzenChineseLocalizer).Assembly);

        try
        {
            // tryParents: false - only the zh-CN satellite; the project has no neutral RadzenStrings resource.
            return resources.GetResourceSet(ResourceCulture, createIfNotExists: true, tryParents: false);
        }
        catch (MissingManifestResourceException)
        {
            return null;
        }
        catch (MissingSatelliteAssemblyException)
        {
            return null;
        }
    }
}
