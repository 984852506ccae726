using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Lifecycle;

/// <summary><see cref="EventInvitation"/>: invite a contact to a customer event (<see cref="FollowUpTask.SourceId"/> is the invitation). <see cref="OverdueTicket"/>: a reminder to a handler or their supervisor that a ticket (<see cref="FollowUpTask.SourceId"/>) is past its due time.</summary>
public enum FollowUpKind { FollowUp, Revisit, Care, Campaign, OverdueTicket, EventInvitation }

public enum FollowUpStatus { Open, Done, Cancelled }

/// <summary>
/// A task for the customer's owner: a cadence follow-up of the stage playbook, a revisit after
/// service or purchase, a care greeting, or a campaign contact. Completed with a follow-up record
/// (date, channel, content, next plan).
/// </summary>
public sealed class FollowUpTask : VersionedEntity
{
    private FollowUpTask() { }

    public int CustomerId { get; private set; }
    public string AssignedToId { get; private set; } = "";
    public FollowUpKind Kind { get; private set; }
    public LifecycleStage? Stage { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly DueDate { get; private set; }
    public FollowUpStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public DateOnly? ContactDate { get; private set; }
    public string? ChannelCode { get; private set; }
    public string? Content { get; private set; }
    public string? NextPlan { get; private set; }
    public DateOnly? NextPlanDate { get; private set; }
    /// <summary>What the task came from (a ticket id, a campaign id…), for revisits and campaigns.</summary>
    public int? SourceId { get; private set; }
    /// <summary>A completed revisit's satisfaction (1–5 stars), as the customer gave it.</summary>
    public int? Satisfaction { get; private set; }

    public static FollowUpTask Create(int customerId, string assignedToId, FollowUpKind kind, LifecycleStage? stage, string title, DateOnly dueDate, DateTime now, int? sourceId = null) => new()
    {
        CustomerId = customerId,
        AssignedToId = Check.Required(assignedToId, "AssignedTo", 450),
        Kind = kind,
        Stage = stage,
        Title = Check.Required(title, "Title", 200),
        DueDate = dueDate,
        Status = FollowUpStatus.Open,
        CreatedAt = now,
        SourceId = sourceId,
    };

    public void Complete(DateOnly contactDate, string channelCode, string content, string? nextPlan, DateOnly? nextPlanDate, string byUserId, DateTime now)
    {
        if (Status != FollowUpStatus.Open)
            throw new DomainException("FollowUp.NotOpen", $"The task is already {Status}.", Status);
        if (!string.Equals(AssignedToId, byUserId, StringComparison.Ordinal))
            throw new DomainException("FollowUp.NotAssignee", "Only the person the task is assigned to can complete it.");
        if (LocalToday.IsFuture(contactDate, now))
            throw new DomainException("FollowUp.FutureDate", "The contact date cannot be in the future.");
        if (nextPlanDate is not null && nextPlanDate < contactDate)
            throw new DomainException("FollowUp.NextBeforeContact", "The next follow-up cannot be planned before this contact.");
        ContactDate = contactDate;
        ChannelCode = Check.Required(channelCode, "Channel", 32);
        Content = Check.Required(content, "Content", 4000);
        NextPlan = Check.Optional(nextPlan, "NextPlan", 1000);
        NextPlanDate = nextPlanDate;
        CompletedAt = now;
        Status = FollowUpStatus.Done;
    }

    /// <summary>Completes a revisit (回访) with the customer's satisfaction besides the follow-up record.</summary>
    public void CompleteRevisit(DateOnly contactDate, string channelCode, string content, int satisfaction, string byUserId, DateTime now)
    {
        if (Kind != FollowUpKind.Revisit)
            throw new DomainException("FollowUp.NotRevisit", "Only a revisit records a satisfaction.");
        var stars = Check.Range(satisfaction, "Satisfaction", 1, 5);
        Complete(contactDate, channelCode, content, null, null, byUserId, now);
        Satisfaction = stars;
    }

    /// <summary>Open tasks of an old strategy are cancelled when the stage (and so the cadence) changes.</summary>
    public void Cancel()
    {
        if (Status == FollowUpStatus.Open) Status = FollowUpStatus.Cancelled;
    }

    public bool IsOverdue(DateOnly today) => Status == FollowUpStatus.Open && DueDate < today;
}
