using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Domain.Campaigns;

public sealed record AttributedOrder(DateOnly Date, decimal Amount);

public sealed record AttributedStageMove(DateOnly Date, LifecycleStage? From, LifecycleStage To);

/// <summary>A target as the measures see it: its recorded response and what happened to the customer afterwards.</summary>
public sealed record TargetOutcome(CampaignResponse? Response, DateOnly? ContactedOn, bool Skipped,
    IReadOnlyList<AttributedOrder> Orders, IReadOnlyList<AttributedStageMove> StageMoves);

/// <summary>
/// Conversion detected automatically: an order, or a move up the lifecycle (<see cref="LifecycleStages.Rank"/>),
/// within the attribution window — the <c>days</c> after the customer was contacted, or after the
/// launch when nobody reached them yet. Both ends count: the anchor day itself and the last day.
/// </summary>
public static class CampaignAttribution
{
    public static (DateOnly From, DateOnly To) Window(DateOnly launchDay, DateOnly? contactedOn, int days)
    {
        var anchor = contactedOn ?? launchDay;
        return (anchor, anchor.AddDays(days));
    }

    public static bool InWindow(DateOnly day, (DateOnly From, DateOnly To) window) => day >= window.From && day <= window.To;

    public static decimal Revenue(TargetOutcome t, DateOnly launchDay, int days)
    {
        if (t.Skipped) return 0m;
        var window = Window(launchDay, t.ContactedOn, days);
        return t.Orders.Where(o => InWindow(o.Date, window)).Sum(o => o.Amount);
    }

    public static bool Converted(TargetOutcome t, DateOnly launchDay, int days)
    {
        if (t.Skipped) return false;
        if (t.Response == CampaignResponse.Converted) return true;
        var window = Window(launchDay, t.ContactedOn, days);
        return t.Orders.Any(o => InWindow(o.Date, window))
            || t.StageMoves.Any(m => InWindow(m.Date, window) && m.From is { } from && m.To.Rank() > from.Rank());
    }
}

/// <summary>A campaign's results (效果): targets, contacted, response rate, conversions, revenue attributed, cost per conversion.</summary>
public sealed record CampaignMeasures(int Targets, int SkippedNoConsent, int SkippedNoOwner, int Contacted, int Responded, int Conversions,
    decimal Revenue, decimal Budget, IReadOnlyDictionary<CampaignResponse, int> Responses)
{
    /// <summary>Targets who answered with interest or converted (recorded or detected), of all targets given a task.</summary>
    public double? ResponseRate => Targets == 0 ? null : (double)Responded / Targets;

    public double? ContactRate => Targets == 0 ? null : (double)Contacted / Targets;

    public double? ConversionRate => Targets == 0 ? null : (double)Conversions / Targets;

    public decimal? CostPerConversion => Conversions == 0 ? null : Math.Round(Budget / Conversions, 2);

    public static CampaignMeasures Of(IEnumerable<TargetOutcome> targets, DateOnly? launchDay, int days, decimal budget, IReadOnlyDictionary<CampaignSkipReason, int>? skipped = null)
    {
        int count = 0, contacted = 0, responded = 0, conversions = 0;
        var revenue = 0m;
        var responses = Enum.GetValues<CampaignResponse>().ToDictionary(r => r, _ => 0);
        foreach (var t in targets.Where(t => !t.Skipped))
        {
            count++;
            if (t.Response is { } r) responses[r]++;
            if (t.ContactedOn is not null) contacted++;
            var converted = launchDay is { } day && CampaignAttribution.Converted(t, day, days);
            if (converted) conversions++;
            if (converted || t.Response == CampaignResponse.Interested) responded++;
            if (launchDay is { } d) revenue += CampaignAttribution.Revenue(t, d, days);
        }
        return new CampaignMeasures(count, skipped?.GetValueOrDefault(CampaignSkipReason.NoConsent) ?? 0, skipped?.GetValueOrDefault(CampaignSkipReason.NoOwner) ?? 0,
            contacted, responded, conversions, revenue, budget, responses);
    }
}
