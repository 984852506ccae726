using CrmBlazor.Data.Reports;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Web.Localization;

namespace CrmBlazor.Web.Features.Reports.Shell;

/// <summary>How report keys read: dictionary labels, stage names, owners, stars; missing values as "not specified".</summary>
public static class ReportLabels
{
    public static string Of(UiText t, CompositionDimension dimension, string? key) => dimension switch
    {
        CompositionDimension.Owner when string.IsNullOrEmpty(key) => t["Customers.Unowned"],
        _ when string.IsNullOrEmpty(key) => t["Reports.Unspecified"],
        CompositionDimension.Stage => Enum.TryParse<LifecycleStage>(key, out var s) ? t.Enum(s) : key!,
        CompositionDimension.Level => t.Dict(DictionaryKind.CustomerLevel, key),
        CompositionDimension.Region => t.Dict(DictionaryKind.Region, key),
        CompositionDimension.Industry => t.Dict(DictionaryKind.Industry, key),
        CompositionDimension.Owner => t.User(key),
        _ => t["Reports.Stars", key!],
    };

    public static string Month(DateOnly month) => Formats.IsChinese
        ? month.ToString("yyyy年M月", System.Globalization.CultureInfo.CurrentCulture)
        : month.ToString("MMM yyyy", System.Globalization.CultureInfo.CurrentCulture);
}
