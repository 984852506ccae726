using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Data.FollowUps;

/// <summary>How open follow-ups are grouped on the dashboard: due today, overdue, or coming up.</summary>
public enum FollowUpBucket { DueToday, Overdue, Upcoming }

public sealed record FollowUpQuery : PageRequest
{
    public FollowUpBucket Bucket { get; init; }
    /// <summary>For <see cref="FollowUpBucket.Upcoming"/>: how many days ahead (null: all).</summary>
    public int? UpcomingDays { get; init; }
}

/// <summary>One open task. <see cref="Title"/> is the stored text; cadence tasks are shown by kind and stage in the reader's language.</summary>
public sealed record FollowUpRow(int Id, int CustomerId, string CustomerName, FollowUpKind Kind, LifecycleStage? Stage, string Title,
    DateOnly DueDate, string AssignedToId, int Version);

public sealed record FollowUpCounts(int DueToday, int Overdue, int Upcoming);

/// <summary>A task with what the completion form needs: the customer's current stage and its cadence, and whether the caller may complete it.</summary>
public sealed record FollowUpDetail(FollowUpRow Row, FollowUpStatus Status, LifecycleStage CustomerStage, CadenceKind Cadence, bool CanComplete);

/// <summary>The follow-up record (跟进记录) a task is completed with.</summary>
public sealed record FollowUpRecord(DateOnly? ContactDate, string? ChannelCode, string? Content, string? NextPlan, DateOnly? NextPlanDate);

/// <summary>What completing a task led to: the customer's next open cadence task (new, or one already planned), if any.</summary>
public sealed record FollowUpCompletion(int? NextTaskId, DateOnly? NextDueDate, bool NextWasPlannedAlready);
