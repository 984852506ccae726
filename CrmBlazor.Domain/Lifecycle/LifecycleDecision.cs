using CrmBlazor.Domain.Customers;

namespace CrmBlazor.Domain.Lifecycle;

/// <summary>What the engine reads of a customer before evaluating it.</summary>
public sealed record CustomerState(int Id, string Name, string? OwnerId, CustomerStatus Status, LifecycleStage Stage, DateTime StageEnteredAt,
    string StageReasons, DateOnly? FirstOrderDate, DateOnly? LastOrderDate, int OrderCount, decimal TotalSpend, int? Satisfaction, int Version);

/// <summary>The customer's open cadence follow-up (at most one is kept open).</summary>
public sealed record OpenCadenceTask(int Id, string AssignedToId, LifecycleStage? Stage, DateOnly DueDate);

public sealed record PlannedTask(string AssignedToId, LifecycleStage Stage, DateOnly DueDate);

/// <summary>What evaluating one customer changes; <see cref="Nothing"/> when the run must write nothing for it.</summary>
public sealed record EvaluationOutcome(LifecycleStage Stage, string Reasons, bool StageChanged, bool RowChanged,
    ChurnTrigger? RaiseChurn, bool ResolveChurn, int? CancelTaskId, PlannedTask? NewTask)
{
    public bool Nothing => !RowChanged && RaiseChurn is null && !ResolveChurn && CancelTaskId is null && NewTask is null;
}

/// <summary>
/// The engine's decisions for one customer after classification — pure, so both evaluation paths
/// (one customer at once, everyone in a batch) decide alike:
/// <list type="bullet">
/// <item>stage, reasons and order figures are written only when they differ (a re-run on
/// unchanged data writes nothing and adds no history);</item>
/// <item>a churn warning is raised for an active customer without an open one when it is newly
/// Declining or Churned, or has had no order for <see cref="StageThresholds.ChurnWarningNoOrderMonths"/>
/// months; an open warning resolves itself once neither holds;</item>
/// <item>an active, owned customer keeps exactly one open cadence follow-up for its owner and
/// stage: on a stage change the old one is cancelled and the new stage's is due at once; a
/// missing one is planned one cadence step after the stage was entered (not before today); after
/// an owner change the new owner takes over the same due date.</item>
/// </list>
/// </summary>
public static class LifecycleDecision
{
    public static EvaluationOutcome Decide(CustomerState c, StageClassification result, in OrderAggregate orders, OpenCadenceTask? task,
        bool hasActiveChurnCase, CadenceKind cadence, SignalWindows w, StageThresholds t)
    {
        var reasons = result.Serialized;
        var stageChanged = result.Stage != c.Stage;
        var rowChanged = stageChanged || reasons != c.StageReasons || orders.FirstDate != c.FirstOrderDate || orders.LastDate != c.LastOrderDate
            || orders.Count != c.OrderCount || Math.Round(orders.Total, 2) != Math.Round(c.TotalSpend, 2);

        var active = c.Status == CustomerStatus.Active;
        var silent = orders.Count > 0 && orders.LastDate < w.AsOf.AddMonths(-t.ChurnWarningNoOrderMonths);
        var atRisk = result.Stage is LifecycleStage.Declining or LifecycleStage.Churned;
        ChurnTrigger? raise = null;
        if (active && !hasActiveChurnCase)
        {
            if (stageChanged && result.Stage == LifecycleStage.Churned) raise = ChurnTrigger.Churned;
            else if (stageChanged && result.Stage == LifecycleStage.Declining) raise = ChurnTrigger.Declining;
            else if (silent) raise = ChurnTrigger.NoOrders;
        }
        var resolve = hasActiveChurnCase && !atRisk && !silent;

        int? cancel = null;
        PlannedTask? plan = null;
        if (!active || c.OwnerId is null)
            cancel = task?.Id;
        else if (task is null)
        {
            var entered = stageChanged ? w.AsOf : DateOnly.FromDateTime(c.StageEnteredAt);
            var due = stageChanged ? w.AsOf : FollowUpCadence.Next(cadence, entered);
            plan = new PlannedTask(c.OwnerId, result.Stage, due < w.AsOf ? w.AsOf : due);
        }
        else if (stageChanged || task.Stage != result.Stage)
        {
            cancel = task.Id;
            plan = new PlannedTask(c.OwnerId, result.Stage, w.AsOf);
        }
        else if (task.AssignedToId != c.OwnerId)
        {
            cancel = task.Id;
            plan = new PlannedTask(c.OwnerId, result.Stage, task.DueDate);
        }

        return new EvaluationOutcome(result.Stage, reasons, stageChanged, rowChanged, raise, resolve, cancel, plan);
    }
}
