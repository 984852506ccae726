using CrmBlazor.Domain.Campaigns;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Data.Campaigns;

public sealed record CampaignRow(int Id, string Theme, string OwnerId, CampaignTargetKind TargetKind, string? SegmentName, LifecycleStage? TargetStage,
    CampaignChannel Channel, DateOnly StartDate, DateOnly EndDate, decimal Budget, CampaignStatus Status, CampaignMeasures Measures);

public sealed record CampaignDetail(int Id, string Theme, string? Goal, CampaignTargetKind TargetKind, int? SegmentId, string? SegmentName,
    LifecycleStage? TargetStage, CampaignChannel Channel, DateOnly StartDate, DateOnly EndDate, decimal Budget, string? Script,
    int AttributionDays, string OwnerId, CampaignStatus Status, DateTime? LaunchedAt, CampaignMeasures Measures, int Version,
    bool CanEdit, bool CanLaunch);

/// <summary>A target as its campaign page lists it (only customers the reader may see).</summary>
public sealed record CampaignTargetRow(int Id, int CustomerId, string CustomerName, string? OwnerId, LifecycleStage Stage, CampaignSkipReason? SkipReason,
    CampaignResponse? Response, DateOnly? ContactedOn, string? Note, bool Converted, decimal Revenue, int? TaskId, int Version, bool CanRespond);

/// <summary>A campaign task as its assignee opens it: the campaign's script/offer and the target to record the response on.</summary>
public sealed record CampaignTaskDetail(int CampaignId, string Theme, string? Script, CampaignChannel Channel, int TargetId, int TargetVersion,
    int CustomerId, string CustomerName, CampaignResponse? Response, string? Note);

/// <summary>What a launch did: tasks created, and the customers of the target left out for lack of a consenting contact or of an owner.</summary>
public sealed record CampaignLaunchResult(int Tasks, int SkippedNoConsent, int SkippedNoOwner);

/// <summary>A stage playbook as a campaign preset (theme per stage in the UI, goal and actions from the admin's playbook).</summary>
public sealed record CampaignPreset(LifecycleStage Stage, string GoalZh, string GoalEn, string ActionsZh, string ActionsEn);
