using System.Globalization;
using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Lifecycle;

public enum ThresholdUnit { Count, Days, Months, Percent, Stars }

/// <summary>One admin-tunable threshold: its settings key, unit, allowed range and the stage it belongs to.</summary>
public sealed record ThresholdDescriptor(string Key, LifecycleStage Stage, ThresholdUnit Unit, int Min, int Max, int Default);

/// <summary>
/// The quantified stage criteria of PRODUCT.md §2 with their defaults. Stored as settings
/// (<c>Stage.&lt;Name&gt;</c>) so an admin tunes them without a deployment.
/// </summary>
public sealed record StageThresholds
{
    public int ProspectMinSiteVisits { get; init; } = 3;
    public int ProspectSignalWindowDays { get; init; } = 90;
    public int NewMaxDaysSinceFirstOrder { get; init; } = 30;
    public int GrowingMinRepeatOrders { get; init; } = 2;
    public int GrowingRepeatWindowDays { get; init; } = 30;
    public int GrowingAovUpliftPercent { get; init; } = 20;
    public int GrowingMinCoreFeatures { get; init; } = 3;
    public int MatureMinConsecutiveMonths { get; init; } = 3;
    public int MatureArpuTopPercent { get; init; } = 20;
    public int MatureMinReferrals { get; init; } = 1;
    public int DecliningNoOrderDays { get; init; } = 60;
    public int DecliningUsageDropPercent { get; init; } = 50;
    public int DecliningServiceDropPercent { get; init; } = 30;
    public int ChurnedNoOrderDays { get; init; } = 90;
    public int ChurnWarningNoOrderMonths { get; init; } = 6;
    /// <summary>Grey zone: satisfaction at or above this counts as a signal against demotion.</summary>
    public int GreyZoneHighSatisfaction { get; init; } = 4;
    /// <summary>Grey zone: satisfaction at or below this corroborates a behaviour-only decline.</summary>
    public int GreyZoneLowSatisfaction { get; init; } = 2;
    /// <summary>Grey zone: an order within this many days overrules a behaviour-only decline.</summary>
    public int GreyZoneRecentOrderDays { get; init; } = 30;

    public const string KeyPrefix = "Stage.";

    public static readonly IReadOnlyList<ThresholdDescriptor> Descriptors =
    [
        new(nameof(ProspectMinSiteVisits), LifecycleStage.Prospect, ThresholdUnit.Count, 1, 1000, 3),
        new(nameof(ProspectSignalWindowDays), LifecycleStage.Prospect, ThresholdUnit.Days, 1, 3650, 90),
        new(nameof(NewMaxDaysSinceFirstOrder), LifecycleStage.New, ThresholdUnit.Days, 1, 365, 30),
        new(nameof(GrowingMinRepeatOrders), LifecycleStage.Growing, ThresholdUnit.Count, 1, 100, 2),
        new(nameof(GrowingRepeatWindowDays), LifecycleStage.Growing, ThresholdUnit.Days, 1, 365, 30),
        new(nameof(GrowingAovUpliftPercent), LifecycleStage.Growing, ThresholdUnit.Percent, 1, 1000, 20),
        new(nameof(GrowingMinCoreFeatures), LifecycleStage.Growing, ThresholdUnit.Count, 1, 100, 3),
        new(nameof(MatureMinConsecutiveMonths), LifecycleStage.Mature, ThresholdUnit.Months, 1, 60, 3),
        new(nameof(MatureArpuTopPercent), LifecycleStage.Mature, ThresholdUnit.Percent, 1, 100, 20),
        new(nameof(MatureMinReferrals), LifecycleStage.Mature, ThresholdUnit.Count, 1, 100, 1),
        new(nameof(DecliningNoOrderDays), LifecycleStage.Declining, ThresholdUnit.Days, 1, 3650, 60),
        new(nameof(DecliningUsageDropPercent), LifecycleStage.Declining, ThresholdUnit.Percent, 1, 100, 50),
        new(nameof(DecliningServiceDropPercent), LifecycleStage.Declining, ThresholdUnit.Percent, 1, 100, 30),
        new(nameof(ChurnedNoOrderDays), LifecycleStage.Churned, ThresholdUnit.Days, 1, 3650, 90),
        new(nameof(ChurnWarningNoOrderMonths), LifecycleStage.Churned, ThresholdUnit.Months, 1, 60, 6),
        new(nameof(GreyZoneHighSatisfaction), LifecycleStage.Declining, ThresholdUnit.Stars, 1, 5, 4),
        new(nameof(GreyZoneLowSatisfaction), LifecycleStage.Declining, ThresholdUnit.Stars, 1, 5, 2),
        new(nameof(GreyZoneRecentOrderDays), LifecycleStage.Declining, ThresholdUnit.Days, 1, 365, 30),
    ];

    public int this[string name] => (int)typeof(StageThresholds).GetProperty(name)!.GetValue(this)!;

    /// <summary>Reads thresholds from settings (key without prefix → value); missing keys keep their defaults.</summary>
    public static StageThresholds FromSettings(IReadOnlyDictionary<string, string> settings)
    {
        var values = Descriptors.ToDictionary(d => d.Key, d =>
            settings.TryGetValue(KeyPrefix + d.Key, out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : d.Default);
        return With(values);
    }

    public IReadOnlyDictionary<string, string> ToSettings() =>
        Descriptors.ToDictionary(d => KeyPrefix + d.Key, d => this[d.Key].ToString(CultureInfo.InvariantCulture));

    /// <summary>Builds thresholds from a full set of values, refusing out-of-range or contradictory ones.</summary>
    public static StageThresholds With(IReadOnlyDictionary<string, int> values)
    {
        foreach (var d in Descriptors)
        {
            if (!values.TryGetValue(d.Key, out var v))
                throw new DomainException("Threshold.Missing", $"Threshold {d.Key} is missing.", d.Key);
            if (v < d.Min || v > d.Max)
                throw new DomainException("Threshold.Range", $"{d.Key} must be between {d.Min} and {d.Max}.", d.Key, d.Min, d.Max);
        }
        var t = new StageThresholds();
        foreach (var d in Descriptors)
            typeof(StageThresholds).GetProperty(d.Key)!.SetValue(t, values[d.Key]);
        if (t.ChurnedNoOrderDays <= t.DecliningNoOrderDays)
            throw new DomainException("Threshold.ChurnAfterDecline", "Days without an order for Churned must be more than for Declining.");
        if (t.GreyZoneLowSatisfaction >= t.GreyZoneHighSatisfaction)
            throw new DomainException("Threshold.SatisfactionOrder", "The low-satisfaction mark must be below the high-satisfaction mark.");
        return t;
    }
}
