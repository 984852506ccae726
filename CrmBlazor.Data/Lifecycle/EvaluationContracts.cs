namespace CrmBlazor.Data.Lifecycle;

/// <summary>What one evaluation run did.</summary>
public sealed record EvaluationSummary(int Evaluated, int StageChanges, int WarningsRaised, int TasksCreated);

/// <summary>Progress of a batch recompute: the phase (reading orders, reading events, classifying, writing), rows done of total.</summary>
public sealed record RecomputeProgress(string Phase, long Done, long Total, TimeSpan Elapsed);
