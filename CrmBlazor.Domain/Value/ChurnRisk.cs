using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Domain.Value;

public enum ChurnRiskLevel { Low, Medium, High }

/// <summary>A churn risk score in [0, 1] and its level.</summary>
public readonly record struct ChurnRiskAssessment(double Score, ChurnRiskLevel Level);

/// <summary>
/// Churn risk from the model and the lifecycle signals, combined as independent risks ("noisy or"):
/// score = 1 − P(alive) · (1 − stage risk) · (1 − warning risk). A churned customer scores 1; a
/// declining one carries 0.35 on top of the model, an open churn warning 0.30. High from 0.6,
/// Medium from 0.3.
/// </summary>
public static class ChurnRisk
{
    public const double DecliningRisk = 0.35;
    public const double OpenWarningRisk = 0.30;
    public const double HighFrom = 0.6;
    public const double MediumFrom = 0.3;

    public static ChurnRiskAssessment Assess(double probabilityAlive, LifecycleStage? stage, bool openChurnWarning)
    {
        if (!(probabilityAlive >= 0 && probabilityAlive <= 1))
            throw new DomainException("Value.InvalidProbability", "P(alive) must be between 0 and 1.", probabilityAlive);
        var stageRisk = stage switch
        {
            LifecycleStage.Churned => 1.0,
            LifecycleStage.Declining => DecliningRisk,
            _ => 0.0,
        };
        var score = 1 - probabilityAlive * (1 - stageRisk) * (1 - (openChurnWarning ? OpenWarningRisk : 0));
        var level = score >= HighFrom ? ChurnRiskLevel.High : score >= MediumFrom ? ChurnRiskLevel.Medium : ChurnRiskLevel.Low;
        return new ChurnRiskAssessment(score, level);
    }
}
