namespace CrmBlazor.Data.Lifecycle;

/// <summary>
/// The lifecycle engine. <see cref="EvaluateAsync"/> re-evaluates some customers at once (after a new
/// order, event, ticket, unsubscribe, import); <see cref="RecomputeAsync"/> re-evaluates everyone
/// set-based as of a date. Both record stage changes with history, raise churn warnings, re-plan
/// follow-up tasks on the new stage's cadence, and publish the changes. Runs with system rights:
/// callers check their own rights before asking.
/// </summary>
public sealed class LifecycleEvaluator
{
    public Task<EvaluationSummary> EvaluateAsync(IReadOnlyCollection<int> customerIds, CancellationToken ct = default) =>
        throw new NotImplementedException("The engine lands on main in this session.");

    public Task<EvaluationSummary> RecomputeAsync(DateOnly? asOf, IProgress<RecomputeProgress>? progress, CancellationToken ct = default) =>
        throw new NotImplementedException("The engine lands on main in this session.");
}
