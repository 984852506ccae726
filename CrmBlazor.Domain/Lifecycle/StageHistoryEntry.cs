using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Lifecycle;

/// <summary>A change of lifecycle stage: from, to, when, and the reasons (serialized <see cref="StageReason"/>s).</summary>
public sealed class StageHistoryEntry : Entity
{
    private StageHistoryEntry() { }

    public StageHistoryEntry(int customerId, LifecycleStage? from, LifecycleStage to, DateTime at, string reasons)
    {
        CustomerId = customerId;
        FromStage = from;
        ToStage = to;
        At = at;
        Reasons = reasons;
    }

    public int CustomerId { get; private set; }
    public LifecycleStage? FromStage { get; private set; }
    public LifecycleStage ToStage { get; private set; }
    public DateTime At { get; private set; }
    public string Reasons { get; private set; } = "";
}
