using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Lifecycle;

public enum ChurnCaseStatus { Open, Postponed, Confirmed, Resolved }

public enum ChurnTrigger { NoOrders, Declining, Churned }

/// <summary>
/// A churn warning (客户流失预警) for one customer and what the owner did about it: postpone
/// (暂缓流失, recording measures, more can be added) or confirm (确定流失, with a reason).
/// </summary>
public sealed class ChurnCase : VersionedEntity
{
    private readonly List<ChurnCaseEntry> _entries = [];

    private ChurnCase() { }

    public int CustomerId { get; private set; }
    public ChurnTrigger Trigger { get; private set; }
    public ChurnCaseStatus Status { get; private set; }
    public DateTime RaisedAt { get; private set; }
    public DateOnly? LastOrderDate { get; private set; }
    public string? ConfirmedReasonCode { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public IReadOnlyList<ChurnCaseEntry> Entries => _entries;

    public bool IsActive => Status is ChurnCaseStatus.Open or ChurnCaseStatus.Postponed;

    public static ChurnCase Raise(int customerId, ChurnTrigger trigger, DateOnly? lastOrderDate, DateTime now) => new()
    {
        CustomerId = customerId,
        Trigger = trigger,
        Status = ChurnCaseStatus.Open,
        RaisedAt = now,
        LastOrderDate = lastOrderDate,
    };

    /// <summary>暂缓流失: records the measures taken; may be called again to add more.</summary>
    public void Postpone(string measures, string byUserId, DateTime now)
    {
        if (!IsActive)
            throw new DomainException("Churn.Closed", $"The churn warning is already {Status}.", Status);
        _entries.Add(new ChurnCaseEntry(ChurnCaseStatus.Postponed, Check.Required(measures, "Measures", 2000), byUserId, now));
        Status = ChurnCaseStatus.Postponed;
    }

    /// <summary>确定流失: needs a reason (a ChurnReason dictionary code) and closes the case.</summary>
    public void Confirm(string reasonCode, string? note, string byUserId, DateTime now)
    {
        if (!IsActive)
            throw new DomainException("Churn.Closed", $"The churn warning is already {Status}.", Status);
        ConfirmedReasonCode = Check.Required(reasonCode, "ChurnReason", 32);
        _entries.Add(new ChurnCaseEntry(ChurnCaseStatus.Confirmed, Check.Optional(note, "Note", 2000) ?? reasonCode, byUserId, now));
        Status = ChurnCaseStatus.Confirmed;
        ClosedAt = now;
    }

    /// <summary>The customer ordered again or recovered: the warning closes by itself.</summary>
    public void Resolve(DateTime now)
    {
        if (!IsActive) return;
        _entries.Add(new ChurnCaseEntry(ChurnCaseStatus.Resolved, "", null, now));
        Status = ChurnCaseStatus.Resolved;
        ClosedAt = now;
    }
}

public sealed class ChurnCaseEntry : Entity
{
    private ChurnCaseEntry() { }

    internal ChurnCaseEntry(ChurnCaseStatus action, string text, string? byUserId, DateTime at)
    {
        Action = action;
        Text = text;
        ByUserId = byUserId;
        At = at;
    }

    public int ChurnCaseId { get; private set; }
    public ChurnCaseStatus Action { get; private set; }
    public string Text { get; private set; } = "";
    public string? ByUserId { get; private set; }
    public DateTime At { get; private set; }
}
