namespace CrmBlazor.Domain.Lifecycle;

/// <summary>
/// When the next follow-up of a customer falls once one is done: the owner's own next plan date
/// when they gave one, otherwise the stage's cadence counted from the day of the contact (not from
/// the task's due date — a late contact moves the rhythm, it does not pile up overdue tasks).
/// </summary>
public static class FollowUpPlanner
{
    public static DateOnly NextDue(CadenceKind cadence, DateOnly contactDate, DateOnly? nextPlanDate) =>
        nextPlanDate ?? FollowUpCadence.Next(cadence, contactDate);

    /// <summary>The stored (English) title of a cadence task; pages render the title from kind and stage in the reader's language.</summary>
    public static string CadenceTitle(LifecycleStage stage) => $"{stage} follow-up";
}
