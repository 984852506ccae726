using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Domain.Value;

public enum ChurnRiskLevel { Low, Medium, High }

/// <summary>A churn risk score in [0, 1] and its level.</summary>
public readonly record struct ChurnRiskAssessment(double Score, ChurnRiskLevel Level);

public static class ChurnRisk
{
    /// <summary>
    /// Combines the model's P(alive) with the lifecycle signals as independent risks
    /// ("noisy or"): score = 1 − (1 − (1 − P(alive)))·(1 − stage risk)·(1 − warning risk).
    /// </summary>
    public static ChurnRiskAssessment Assess(double probabilityAlive, LifecycleStage? stage, bool openChurnWarning) =>
        throw new NotImplementedException();
}
