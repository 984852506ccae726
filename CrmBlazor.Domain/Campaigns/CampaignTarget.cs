using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Campaigns;

/// <summary>
/// One customer a launched campaign aimed at: given a task for its owner, or skipped (no consenting
/// contact, no owner). The owner records the customer's response here.
/// </summary>
public sealed class CampaignTarget : VersionedEntity
{
    private CampaignTarget() { }

    public int CampaignId { get; private set; }
    public int CustomerId { get; private set; }
    public string? OwnerId { get; private set; }
    public int? TaskId { get; private set; }
    public CampaignSkipReason? SkipReason { get; private set; }
    public CampaignResponse? Response { get; private set; }
    /// <summary>The day the customer was last reached (any response but no answer): the attribution window starts here.</summary>
    public DateOnly? ContactedOn { get; private set; }
    public DateTime? RespondedAt { get; private set; }
    public string? Note { get; private set; }

    public static CampaignTarget Reached(int campaignId, int customerId, string ownerId) =>
        new() { CampaignId = campaignId, CustomerId = customerId, OwnerId = ownerId };

    public static CampaignTarget Skipped(int campaignId, int customerId, string? ownerId, CampaignSkipReason reason) =>
        new() { CampaignId = campaignId, CustomerId = customerId, OwnerId = ownerId, SkipReason = reason };

    public bool IsSkipped => SkipReason is not null;

    public void AttachTask(int taskId)
    {
        if (IsSkipped) throw new DomainException("Campaign.TargetSkipped", "A skipped customer gets no task.");
        TaskId = taskId;
    }

    public void Record(CampaignResponse response, string? note, DateOnly contactDate, DateTime now)
    {
        if (IsSkipped) throw new DomainException("Campaign.TargetSkipped", "A skipped customer gets no task.");
        if (LocalToday.IsFuture(contactDate, now))
            throw new DomainException("FollowUp.FutureDate", "The contact date cannot be in the future.");
        Response = response;
        Note = Check.Optional(note, "Note", 1000);
        RespondedAt = now;
        if (response != CampaignResponse.NoAnswer) ContactedOn = contactDate;
    }
}
