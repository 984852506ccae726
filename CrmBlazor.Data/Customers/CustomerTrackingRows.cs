using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Service;

namespace CrmBlazor.Data.Customers;

/// <summary>Behaviour of the last 30 days on the tracking sheet: distinct active days and core-feature usage counts.</summary>
public sealed record CustomerActivity(int ActiveDaysLast30, IReadOnlyList<FeatureUsage> Features);

public sealed record FeatureUsage(string Feature, decimal Count);

/// <summary>One completed follow-up (跟踪记录): when, how, what was said, and what comes next.</summary>
public sealed record FollowUpLogRow(int Id, DateOnly? ContactDate, string? ChannelCode, string? Content, string? NextPlan, DateOnly? NextPlanDate, string AssignedToId);

/// <summary>The next follow-up plan: the next open task, and the plan recorded at the last contact.</summary>
public sealed record NextFollowUp(DateOnly? DueDate, string? Title, FollowUpKind? Kind, string? PlannedText, DateOnly? PlannedDate);

public sealed record TicketRow(int Id, string TypeCode, string Summary, TicketStatus Status, DateTime CreatedAt, string? AssignedToId, int? Satisfaction);

public sealed record OrderLineRow(string ProductCode, decimal Quantity, decimal UnitPrice);

public enum TimelineKind { StageChange, Order, Interaction, Ticket, FollowUp }

/// <summary>
/// One entry of the customer's timeline. <see cref="Title"/> and <see cref="Detail"/> are data
/// (order number, summary…); <see cref="Stage"/>/<see cref="FromStage"/>/<see cref="Reasons"/> only for stage changes.
/// </summary>
public sealed record TimelineEntry(TimelineKind Kind, DateTime At, int RecordId, string? Title, string? Detail,
    LifecycleStage? FromStage = null, LifecycleStage? Stage = null, string? Reasons = null, decimal? Amount = null, TicketStatus? TicketStatus = null, string? Channel = null);

/// <summary>The newest entries and whether older ones exist beyond the cap.</summary>
public sealed record Timeline(IReadOnlyList<TimelineEntry> Entries, bool HasMore);
