using CrmBlazor.Data.Customers;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Web.Localization;

namespace CrmBlazor.Web.Features.Customers;

/// <summary>A segment's filter in words ("衰退客户 · 华东 · 有同意联系的联系人"), in the reader's language.</summary>
public static class SegmentText
{
    public static string Describe(UiText t, CustomerQuery q)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(q.Text)) parts.Add($"\"{q.Text}\"");
        if (q.Stage is { } stage) parts.Add(t.Enum(stage));
        if (q.ValueTier is { } tier) parts.Add(t.Enum(tier));
        if (q.RfmSegment is { } rfm) parts.Add(t.Enum(rfm));
        if (q.ChurnRisk is { } risk) parts.Add(t.Enum(risk));
        if (q.RegionCode is { } region) parts.Add(t.Dict(DictionaryKind.Region, region));
        if (q.IndustryCode is { } industry) parts.Add(t.Dict(DictionaryKind.Industry, industry));
        if (q.LevelCode is { } level) parts.Add(t.Dict(DictionaryKind.CustomerLevel, level));
        if (q.TagCode is { } tag) parts.Add(t.Dict(DictionaryKind.Tag, tag));
        if (q.OwnerId is { } owner) parts.Add(t.User(owner));
        if (q.LastOrderFrom is not null || q.LastOrderTo is not null)
            parts.Add($"{t["Field.LastOrderDate"]} {Formats.Date(q.LastOrderFrom)} – {Formats.Date(q.LastOrderTo)}");
        if (q.WithConsent is { } consent) parts.Add(consent ? t["Customers.WithConsent"] : t["Customers.WithoutConsent"]);
        return parts.Count == 0 ? t["Segments.AllCustomers"] : string.Join(" · ", parts);
    }
}
