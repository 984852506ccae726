using System.Text.Json;
using System.Text.Json.Serialization;
using CrmBlazor.Data.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Value;

namespace CrmBlazor.Data.Segments;

/// <summary>
/// The customer-list filters a saved segment keeps (stored as JSON, enums by name): turned back
/// into a <see cref="CustomerQuery"/>, so a segment's members are exactly what the list shows for
/// the same filter, evaluated for whoever uses it.
/// </summary>
public sealed record SegmentFilter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public string? Text { get; init; }
    public LifecycleStage? Stage { get; init; }
    public string? OwnerId { get; init; }
    public string? RegionCode { get; init; }
    public string? IndustryCode { get; init; }
    public string? LevelCode { get; init; }
    public string? TagCode { get; init; }
    public DateOnly? LastOrderFrom { get; init; }
    public DateOnly? LastOrderTo { get; init; }
    public RfmSegment? RfmSegment { get; init; }
    public ValueTier? ValueTier { get; init; }
    public ChurnRiskLevel? ChurnRisk { get; init; }
    public bool? WithConsent { get; init; }

    public static SegmentFilter From(CustomerQuery q) => new()
    {
        Text = string.IsNullOrWhiteSpace(q.Text) ? null : q.Text.Trim(), Stage = q.Stage, OwnerId = Blank(q.OwnerId), RegionCode = Blank(q.RegionCode),
        IndustryCode = Blank(q.IndustryCode), LevelCode = Blank(q.LevelCode), TagCode = Blank(q.TagCode), LastOrderFrom = q.LastOrderFrom,
        LastOrderTo = q.LastOrderTo, RfmSegment = q.RfmSegment, ValueTier = q.ValueTier, ChurnRisk = q.ChurnRisk, WithConsent = q.WithConsent,
    };

    public CustomerQuery ToQuery() => new()
    {
        Text = Text, Stage = Stage, OwnerId = OwnerId, RegionCode = RegionCode, IndustryCode = IndustryCode, LevelCode = LevelCode,
        TagCode = TagCode, LastOrderFrom = LastOrderFrom, LastOrderTo = LastOrderTo, RfmSegment = RfmSegment, ValueTier = ValueTier,
        ChurnRisk = ChurnRisk, WithConsent = WithConsent,
    };

    public bool IsEmpty => this == new SegmentFilter();

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static SegmentFilter Deserialize(string json) => JsonSerializer.Deserialize<SegmentFilter>(json, Json) ?? new SegmentFilter();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
