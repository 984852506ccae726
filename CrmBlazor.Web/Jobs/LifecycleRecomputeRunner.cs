using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Access;

namespace CrmBlazor.Web.Jobs;

/// <summary>One batch re-evaluation as everyone watching sees it: who started it, how far it got, how it ended.</summary>
/// <summary><see cref="StartedById"/> is the admin who started it; null for the daily job.</summary>
public sealed record RecomputeRun(
    Guid Id,
    string? StartedById,
    string StartedBy,
    DateTime StartedAt,
    RecomputeProgress? Progress,
    EvaluationSummary? Summary,
    Exception? Error,
    DateTime? FinishedAt)
{
    public bool IsRunning => FinishedAt is null;
}

/// <summary>
/// Runs <see cref="LifecycleEvaluator.RecomputeAsync"/> for everyone, one run at a time across the
/// app — the admin's "re-evaluate now" and the daily job share it, so a second start is refused
/// instead of racing the first over the same rows. The run happens in the background (not on a
/// circuit); observers get <see cref="Changed"/> at most every <see cref="ReportEvery"/> and at
/// each phase change, start and end, and marshal it onto their own circuit.
/// </summary>
public sealed class LifecycleRecomputeRunner(LifecycleEvaluator evaluator, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<LifecycleRecomputeRunner> log)
{
    public static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private RecomputeRun? _current;
    private Task<RecomputeRun>? _running;

    /// <summary>The running run, or the last finished one (null before the first since start-up).</summary>
    public RecomputeRun? Current
    {
        get { lock (_lock) return _current; }
    }

    /// <summary>Raised from the background run: never block in a handler.</summary>
    public event Action<RecomputeRun>? Changed;

    /// <summary>
    /// Starts a run for an admin and returns at once; false with the running one when a run is
    /// already under way. The caller's right to start it is checked here, not only by the page.
    /// </summary>
    public bool TryStart(AccessScope by, out RecomputeRun run, DateOnly? asOf = null)
    {
        by.Require(Capability.ManageSettings);
        return TryStartCore(by.UserId, by.UserName, asOf, out run, out _);
    }

    /// <summary>Runs to the end (the daily job); null when another run was already under way.</summary>
    public async Task<RecomputeRun?> RunAsync(string startedBy, DateOnly? asOf = null)
    {
        if (!TryStartCore(null, startedBy, asOf, out _, out var task)) return null;
        return await task!;
    }

    private bool TryStartCore(string? startedById, string startedBy, DateOnly? asOf, out RecomputeRun run, out Task<RecomputeRun>? task)
    {
        lock (_lock)
        {
            if (_current is { IsRunning: true } running)
            {
                run = running;
                task = null;
                return false;
            }
            var started = run = _current = new RecomputeRun(Guid.NewGuid(), startedById, startedBy, Now, null, null, null, null);
            _running = task = Task.Run(() => ExecuteAsync(started, asOf));
        }
        Raise(run);
        return true;
    }

    /// <summary>Waits for the run under way, if any (tests, shutdown).</summary>
    public Task WhenIdleAsync()
    {
        lock (_lock) return _running ?? Task.CompletedTask;
    }

    private async Task<RecomputeRun> ExecuteAsync(RecomputeRun run, DateOnly? asOf)
    {
        var reporter = new Reporter(this, run.Id, clock);
        RecomputeRun finished;
        try
        {
            log.LogInformation("Lifecycle recompute started by {By}", run.StartedById ?? run.StartedBy); // a user id, never an e-mail, in logs
            var summary = await evaluator.RecomputeAsync(asOf, reporter, lifetime.ApplicationStopping);
            finished = Update(run.Id, r => r with { Summary = summary, FinishedAt = Now });
            log.LogInformation("Lifecycle recompute by {By} done in {Elapsed}: {Evaluated} evaluated, {Changes} stage changes, {Warnings} churn warnings, {Tasks} follow-up tasks",
                run.StartedById ?? run.StartedBy, finished.FinishedAt - finished.StartedAt, summary.Evaluated, summary.StageChanges, summary.WarningsRaised, summary.TasksCreated);
        }
        catch (Exception e)
        {
            log.LogError(e, "Lifecycle recompute started by {By} failed", run.StartedById ?? run.StartedBy);
            finished = Update(run.Id, r => r with { Error = e, FinishedAt = Now });
        }
        Raise(finished);
        return finished;
    }

    private RecomputeRun Update(Guid id, Func<RecomputeRun, RecomputeRun> change)
    {
        lock (_lock)
        {
            if (_current is null || _current.Id != id) throw new InvalidOperationException("Not the current run.");
            return _current = change(_current);
        }
    }

    private void Raise(RecomputeRun run)
    {
        try
        {
            Changed?.Invoke(run);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "A recompute progress observer failed");
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Keeps the latest progress; tells observers at most every <see cref="ReportEvery"/> or when the phase changes.</summary>
    private sealed class Reporter(LifecycleRecomputeRunner runner, Guid id, TimeProvider clock) : IProgress<RecomputeProgress>
    {
        private readonly Lock _lock = new();
        private long? _lastRaised;
        private string? _phase;

        public void Report(RecomputeProgress value)
        {
            var run = runner.Update(id, r => r with { Progress = value });
            lock (_lock)
            {
                var now = clock.GetTimestamp();
                var due = _phase != value.Phase || _lastRaised is not { } last || clock.GetElapsedTime(last, now) >= ReportEvery || value.Done >= value.Total;
                if (!due) return;
                _phase = value.Phase;
                _lastRaised = now;
            }
            runner.Raise(run);
        }
    }
}
