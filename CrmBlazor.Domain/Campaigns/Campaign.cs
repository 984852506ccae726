using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Domain.Campaigns;

public sealed record CampaignPlan
{
    public required string Theme { get; init; }
    public string? Goal { get; init; }
    public CampaignTargetKind TargetKind { get; init; }
    public int? SegmentId { get; init; }
    public LifecycleStage? TargetStage { get; init; }
    public CampaignChannel Channel { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public decimal Budget { get; init; }
    public string? Script { get; init; }
    public int AttributionDays { get; init; } = Campaign.DefaultAttributionDays;
}

/// <summary>
/// A marketing campaign (市场宣传 / 活动方案): theme, goal, target (a saved segment or a lifecycle
/// stage), channel, dates, budget, owner, and the script/offer the owners use. Edited while planned;
/// launching fixes its targets (one follow-up task per consenting, owned customer).
/// </summary>
public sealed class Campaign : VersionedEntity
{
    public const int DefaultAttributionDays = 30;

    private Campaign() { }

    public string Theme { get; private set; } = "";
    public string? Goal { get; private set; }
    public CampaignTargetKind TargetKind { get; private set; }
    public int? SegmentId { get; private set; }
    public LifecycleStage? TargetStage { get; private set; }
    public CampaignChannel Channel { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public decimal Budget { get; private set; }
    public string? Script { get; private set; }
    public int AttributionDays { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string CreatedById { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? LaunchedAt { get; private set; }
    public string? LaunchedById { get; private set; }

    public static Campaign Create(CampaignPlan plan, string ownerId, string createdById, DateTime now)
    {
        var campaign = new Campaign { CreatedById = Check.Required(createdById, "CreatedBy", 450), CreatedAt = now };
        campaign.Update(plan, ownerId);
        return campaign;
    }

    public void Update(CampaignPlan plan, string ownerId)
    {
        if (LaunchedAt is not null)
            throw new DomainException("Campaign.AlreadyLaunched", "A launched campaign can no longer be changed.");
        Theme = Check.Required(plan.Theme, "Theme", 200);
        Goal = Check.Optional(plan.Goal, "Goal", 1000);
        TargetKind = plan.TargetKind;
        if (plan.TargetKind == CampaignTargetKind.Segment)
        {
            SegmentId = plan.SegmentId ?? throw new DomainException("Validation.Required", "Segment is required.", "Segment");
            TargetStage = null;
        }
        else
        {
            TargetStage = plan.TargetStage ?? throw new DomainException("Validation.Required", "Stage is required.", "Stage");
            SegmentId = null;
        }
        Channel = plan.Channel;
        StartDate = plan.StartDate ?? throw new DomainException("Validation.Required", "StartDate is required.", "StartDate");
        EndDate = plan.EndDate ?? throw new DomainException("Validation.Required", "EndDate is required.", "EndDate");
        if (EndDate < StartDate)
            throw new DomainException("Campaign.EndBeforeStart", "The campaign cannot end before it starts.");
        Budget = Check.NotNegative(plan.Budget, "Budget");
        Script = Check.Optional(plan.Script, "Script", 4000);
        AttributionDays = Check.Range(plan.AttributionDays, "AttributionDays", 1, 365);
        OwnerId = Check.Required(ownerId, "Owner", 450);
    }

    public void Launch(string byUserId, DateTime now)
    {
        if (LaunchedAt is not null)
            throw new DomainException("Campaign.AlreadyLaunched", "The campaign has already been launched.");
        LaunchedAt = now;
        LaunchedById = byUserId;
    }

    public CampaignStatus StatusOn(DateOnly today) =>
        LaunchedAt is null ? CampaignStatus.Planned : today > EndDate ? CampaignStatus.Ended : CampaignStatus.Running;

    /// <summary>The day the campaign's tasks fall due: its start, or the launch day when launched later.</summary>
    public DateOnly TaskDueDate(DateOnly launchDay) => StartDate > launchDay ? StartDate : launchDay;
}
