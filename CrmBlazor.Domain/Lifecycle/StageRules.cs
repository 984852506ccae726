namespace CrmBlazor.Domain.Lifecycle;

/// <summary>A stage with the reasons that decided it and the grey-zone signals that pulled the other way.</summary>
public sealed record StageClassification(LifecycleStage Stage, IReadOnlyList<StageReason> Reasons)
{
    public IEnumerable<StageReason> Decisive => Reasons.Where(r => !r.Counter);
    public IEnumerable<StageReason> CounterSignals => Reasons.Where(r => r.Counter);
    public string Serialized => StageReason.Serialize(Reasons);
}

/// <summary>
/// The lifecycle stage rules of PRODUCT.md §2, evaluated in the precedence order churned →
/// declining → mature → growing → new → prospect. A time threshold is crossed when the days
/// exceed it ("63 days since last order (&gt; 60)"). Customers past onboarding that meet no
/// quantified criterion fall back to the stage's definition: several orders → Growing (repeat
/// buyer), a single order → New.
/// Grey zone: a behaviour-only sign of decline (usage or service contacts down) demotes a customer
/// only when another signal agrees — no recent order, or low satisfaction, or both behaviour
/// signals at once; otherwise it is reported as a counter-signal and the customer keeps a better stage.
/// </summary>
public static class StageRules
{
    public static StageClassification Classify(CustomerSignals s, StageThresholds t)
    {
        return Churned(s, t) ?? Declining(s, t) ?? Mature(s, t) ?? Growing(s, t) ?? New(s, t) ?? Prospect(s, t);
    }

    private static StageClassification? Churned(CustomerSignals s, StageThresholds t)
    {
        var reasons = new List<StageReason>();
        if (s.AccountClosed) reasons.Add(StageReason.Of("Churned.AccountClosed"));
        if (s.Unsubscribed) reasons.Add(StageReason.Of("Churned.Unsubscribed"));
        if (s.DaysSinceLastOrder is { } days && days > t.ChurnedNoOrderDays)
            reasons.Add(StageReason.Of("Churned.NoOrder", days, t.ChurnedNoOrderDays));
        if (reasons.Count == 0) return null;
        return new(LifecycleStage.Churned, [.. reasons, .. PositiveCounters(s, t)]);
    }

    private static StageClassification? Declining(CustomerSignals s, StageThresholds t)
    {
        if (!s.HasOrders) return null;
        var reasons = new List<StageReason>();
        if (s.DaysSinceLastOrder is { } days && days > t.DecliningNoOrderDays)
            reasons.Add(StageReason.Of("Declining.NoOrder", days, t.DecliningNoOrderDays));

        var soft = new List<StageReason>();
        if (s.UsageChangePercent is { } usage && -usage >= t.DecliningUsageDropPercent)
            soft.Add(StageReason.Of("Declining.UsageDrop", -usage, t.DecliningUsageDropPercent));
        if (s.ServiceContactChangePercent is { } contacts && -contacts >= t.DecliningServiceDropPercent)
            soft.Add(StageReason.Of("Declining.ServiceDrop", -contacts, t.DecliningServiceDropPercent));

        if (reasons.Count > 0)
            return new(LifecycleStage.Declining, [.. reasons, .. soft, .. PositiveCounters(s, t)]);
        if (soft.Count == 0) return null;

        var recentOrder = s.DaysSinceLastOrder <= t.GreyZoneRecentOrderDays;
        var lowSatisfaction = s.Satisfaction <= t.GreyZoneLowSatisfaction;
        var corroborated = soft.Count >= 2 || lowSatisfaction || !recentOrder;
        if (!corroborated) return null; // overruled: the better stage below reports these as counter-signals
        var support = new List<StageReason>();
        if (lowSatisfaction) support.Add(StageReason.Of("Declining.LowSatisfaction", s.Satisfaction!.Value));
        if (!recentOrder) support.Add(StageReason.Of("Declining.NoRecentOrder", s.DaysSinceLastOrder!.Value, t.GreyZoneRecentOrderDays));
        return new(LifecycleStage.Declining, [.. soft, .. support, .. PositiveCounters(s, t)]);
    }

    private static StageClassification? Mature(CustomerSignals s, StageThresholds t)
    {
        if (!s.HasOrders) return null;
        var reasons = new List<StageReason>();
        if (s.ConsecutiveActiveMonths >= t.MatureMinConsecutiveMonths && s.ArpuTopPercent is { } top && top <= t.MatureArpuTopPercent)
            reasons.Add(StageReason.Of("Mature.SteadyHighValue", s.ConsecutiveActiveMonths, Math.Max(1, (int)Math.Ceiling(top)), t.MatureArpuTopPercent));
        if (s.Referrals >= t.MatureMinReferrals)
            reasons.Add(StageReason.Of("Mature.Referrals", s.Referrals));
        return reasons.Count == 0 ? null : new(LifecycleStage.Mature, [.. reasons, .. NegativeCounters(s, t)]);
    }

    private static StageClassification? Growing(CustomerSignals s, StageThresholds t)
    {
        if (!s.HasOrders) return null;
        var reasons = new List<StageReason>();
        if (s.RepeatOrdersInWindow >= t.GrowingMinRepeatOrders)
            reasons.Add(StageReason.Of("Growing.RepeatOrders", s.RepeatOrdersInWindow, t.GrowingRepeatWindowDays));
        if (s.OrderCount >= 2 && s.FirstOrderAmount is > 0 && s.AverageOrderValue is { } aov)
        {
            var uplift = (int)Math.Floor((aov - s.FirstOrderAmount.Value) * 100m / s.FirstOrderAmount.Value);
            if (uplift >= t.GrowingAovUpliftPercent)
                reasons.Add(StageReason.Of("Growing.AovUp", uplift, t.GrowingAovUpliftPercent));
        }
        if (s.CoreFeaturesUsed >= t.GrowingMinCoreFeatures)
            reasons.Add(StageReason.Of("Growing.CoreFeatures", s.CoreFeaturesUsed));
        // Past onboarding, a repeat buyer who meets none of the sharper criteria is still a
        // repeat purchaser (the stage's definition), not a new customer.
        if (reasons.Count == 0 && s.OrderCount >= 2 && s.DaysSinceFirstOrder > t.NewMaxDaysSinceFirstOrder)
            reasons.Add(StageReason.Of("Growing.RepeatBuyer", s.OrderCount));
        return reasons.Count == 0 ? null : new(LifecycleStage.Growing, [.. reasons, .. NegativeCounters(s, t)]);
    }

    private static StageClassification? New(CustomerSignals s, StageThresholds t)
    {
        if (!s.HasOrders) return null;
        var days = s.DaysSinceFirstOrder!.Value;
        var reason = days <= t.NewMaxDaysSinceFirstOrder
            ? StageReason.Of("New.FirstOrder", days)
            : StageReason.Of("New.SingleOrder", days);
        return new(LifecycleStage.New, [reason, .. NegativeCounters(s, t)]);
    }

    private static StageClassification Prospect(CustomerSignals s, StageThresholds t)
    {
        var reasons = new List<StageReason>();
        if (s.SiteVisits >= t.ProspectMinSiteVisits) reasons.Add(StageReason.Of("Prospect.Visits", s.SiteVisits, t.ProspectSignalWindowDays));
        if (s.FilledLeadForm) reasons.Add(StageReason.Of("Prospect.LeadForm"));
        if (s.JoinedEvent) reasons.Add(StageReason.Of("Prospect.Event"));
        if (reasons.Count == 0) reasons.Add(StageReason.Of("Prospect.NoOrderYet"));
        return new(LifecycleStage.Prospect, reasons);
    }

    /// <summary>Signals against a demotion: high satisfaction, rising usage.</summary>
    private static IEnumerable<StageReason> PositiveCounters(CustomerSignals s, StageThresholds t)
    {
        if (s.Satisfaction is { } sat && sat >= t.GreyZoneHighSatisfaction)
            yield return StageReason.CounterOf("Counter.HighSatisfaction", sat);
        if (s.UsageChangePercent is > 0 and var up)
            yield return StageReason.CounterOf("Counter.UsageUp", up);
    }

    /// <summary>Signals against a good stage: falling usage or service contacts, low satisfaction.</summary>
    private static IEnumerable<StageReason> NegativeCounters(CustomerSignals s, StageThresholds t)
    {
        if (s.UsageChangePercent is < 0 and var down && -down >= t.DecliningUsageDropPercent)
            yield return StageReason.CounterOf("Counter.UsageDown", -down);
        if (s.ServiceContactChangePercent is < 0 and var fewer && -fewer >= t.DecliningServiceDropPercent)
            yield return StageReason.CounterOf("Counter.ServiceDown", -fewer);
        if (s.Satisfaction is { } sat && sat <= t.GreyZoneLowSatisfaction)
            yield return StageReason.CounterOf("Counter.LowSatisfaction", sat);
    }
}
