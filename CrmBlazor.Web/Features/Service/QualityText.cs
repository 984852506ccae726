using CrmBlazor.Data.Import;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Service;
using CrmBlazor.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CrmBlazor.Web.Features.Service;

/// <summary>How the quality report writes its numbers (on screen and in CSV) and names its groups.</summary>
public static class QualityText
{
    public static string Rate(double? rate) => rate is { } r ? Formats.Percent(r * 100, 1) : "—";

    public static string Stars(double? stars) => stars is { } s ? Formats.Number((decimal)s, 2) + " ★" : "—";

    public static string Hours(double? hours) => hours is { } h ? Formats.Number((decimal)h, 1) : "—";

    /// <summary>Mean / p90 hours, as one cell.</summary>
    public static string Durations(DurationStats d) => d.Count == 0 ? "—" : $"{Hours(d.MeanHours)} / {Hours(d.P90Hours)}";

    public static string Handler(UiText t, string key) => key == ServiceQuality.Unassigned ? t["Quality.Unassigned"] : t.User(key);

    public static string Type(UiText t, string code) => t.Dict(DictionaryKind.ServiceType, code);

    /// <summary>Saves CSV lines (UTF-8 with BOM) in the browser as <paramref name="fileName"/>, then puts the download on record.</summary>
    public static async Task DownloadAsync(IJSRuntime js, string fileName, IEnumerable<IEnumerable<string?>> rows, Func<string, int, Task> record)
    {
        var lines = rows.Select(CsvWriting.Line).ToList();
        var bytes = CsvWriting.Utf8WithBom(lines);
        using var stream = new DotNetStreamReference(new MemoryStream(bytes));
        await js.InvokeVoidAsync("crmDownload", fileName, "text/csv;charset=utf-8", stream);
        await record(fileName, lines.Count - 1);
    }
}
