using System.Globalization;
using CrmBlazor.Data.Reports;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace CrmBlazor.Web.Features.Reports.Shell;

/// <summary>
/// A report's filter in its address (<c>/reports/churn?from=2026-01-01&amp;region=east</c>), so a view
/// can be bookmarked, shared and reopened as it was. Parameters use the customer list's names.
/// </summary>
public static class ReportLink
{
    public static string ToQueryString(ReportFilter f)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("from", Day(f.From));
        Add("to", Day(f.To));
        Add("year", f.Year?.ToString(CultureInfo.InvariantCulture));
        Add("region", f.RegionCode);
        Add("industry", f.IndustryCode);
        Add("owner", f.OwnerId);
        Add("stage", f.Stage?.ToCode());
        Add("level", f.LevelCode);
        Add("name", f.Name);
        return string.Join('&', parts);
    }

    /// <summary>The filter a link carries over <paramref name="defaults"/>; null with the first malformed parameter named.</summary>
    public static ReportFilter? FromQuery(string queryString, ReportFilter defaults, out string? error)
    {
        error = null;
        var query = QueryHelpers.ParseQuery(queryString);
        string? Text(string name) => query.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        DateOnly? Date(string name, ref string? err)
        {
            if (Text(name) is not { } t) return null;
            if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            err ??= $"{name}: '{t}'";
            return null;
        }
        var from = Date("from", ref error);
        var to = Date("to", ref error);
        int? year = null;
        if (Text("year") is { } y)
        {
            if (int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1900 and <= 9999) year = parsed;
            else error ??= $"year: '{y}'";
        }
        LifecycleStage? stage = null;
        if (Text("stage") is { } s)
        {
            if (LifecycleStages.TryParse(s, out var parsed)) stage = parsed;
            else error ??= $"stage: '{s}'";
        }
        if (Text("name") is { Length: > 100 } long_) error ??= $"name: '{long_[..20]}…'";
        if (error is not null) return null;
        return defaults with
        {
            From = from ?? defaults.From, To = to ?? defaults.To, Year = year ?? defaults.Year,
            RegionCode = Text("region") ?? defaults.RegionCode, IndustryCode = Text("industry") ?? defaults.IndustryCode,
            OwnerId = Text("owner") ?? defaults.OwnerId, Stage = stage ?? defaults.Stage, LevelCode = Text("level") ?? defaults.LevelCode,
            Name = Text("name") ?? defaults.Name,
        };
    }

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
