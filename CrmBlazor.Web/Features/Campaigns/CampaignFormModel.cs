using CrmBlazor.Data.Campaigns;
using CrmBlazor.Domain.Campaigns;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Web.Features.Campaigns;

/// <summary>The plan form's editable state (the domain validates on save).</summary>
public sealed class CampaignFormModel
{
    public string? Theme { get; set; }
    public string? Goal { get; set; }
    public CampaignTargetKind TargetKind { get; set; } = CampaignTargetKind.Segment;
    public int? SegmentId { get; set; }
    public LifecycleStage? TargetStage { get; set; }
    public CampaignChannel Channel { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public decimal Budget { get; set; }
    public string? Script { get; set; }
    public int AttributionDays { get; set; } = Campaign.DefaultAttributionDays;
    public string? OwnerId { get; set; }

    public static CampaignFormModel From(CampaignDetail c) => new()
    {
        Theme = c.Theme, Goal = c.Goal, TargetKind = c.TargetKind, SegmentId = c.SegmentId, TargetStage = c.TargetStage, Channel = c.Channel,
        StartDate = c.StartDate, EndDate = c.EndDate, Budget = c.Budget, Script = c.Script, AttributionDays = c.AttributionDays, OwnerId = c.OwnerId,
    };

    public CampaignPlan ToPlan() => new()
    {
        Theme = Theme ?? "", Goal = Goal, TargetKind = TargetKind, SegmentId = SegmentId, TargetStage = TargetStage, Channel = Channel,
        StartDate = StartDate, EndDate = EndDate, Budget = Budget, Script = Script, AttributionDays = AttributionDays,
    };
}
