using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Data.Churn;

public sealed record ChurnQuery : PageRequest
{
    /// <summary>One status; null with <see cref="ActiveOnly"/> = open or postponed; null without it = all.</summary>
    public ChurnCaseStatus? Status { get; init; }
    public bool ActiveOnly { get; init; }
    public string? Text { get; init; }
    public string? OwnerId { get; init; }
}

/// <summary>A churn warning (客户流失预警) as the list shows it.</summary>
public sealed record ChurnRow(int Id, int CustomerId, string CustomerName, string? OwnerId, ChurnTrigger Trigger, DateTime RaisedAt,
    DateOnly? LastOrderDate, ChurnCaseStatus Status, DateTime? ClosedAt, string? ConfirmedReasonCode, int Version)
{
    public bool IsActive => Status is ChurnCaseStatus.Open or ChurnCaseStatus.Postponed;
}

/// <summary>One step of a warning's history: postponed with measures, confirmed with a note, resolved by the system.</summary>
public sealed record ChurnEntryRow(ChurnCaseStatus Action, string Text, string? ByUserId, DateTime At);

public sealed record ChurnDetail(ChurnRow Row, IReadOnlyList<ChurnEntryRow> History, bool CanAct);
