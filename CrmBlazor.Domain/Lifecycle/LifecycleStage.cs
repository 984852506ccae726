namespace CrmBlazor.Domain.Lifecycle;

/// <summary>The six stages of PRODUCT.md §2, in lifecycle order. Stored by name.</summary>
public enum LifecycleStage
{
    Prospect,   // 潜在客户
    New,        // 新客户
    Growing,    // 成长客户
    Mature,     // 成熟客户
    Declining,  // 衰退客户
    Churned,    // 流失客户
}

public static class LifecycleStages
{
    /// <summary>The import/export spelling: prospect, new, growing, mature, declining, churned.</summary>
    public static string ToCode(this LifecycleStage stage) => stage.ToString().ToLowerInvariant();

    public static bool TryParse(string? code, out LifecycleStage stage) =>
        Enum.TryParse(code?.Trim(), ignoreCase: true, out stage) && Enum.IsDefined(stage);

    /// <summary>Moves toward Mature are "up", toward Churned "down" — used to measure playbook effect.</summary>
    public static int Rank(this LifecycleStage stage) => stage switch
    {
        LifecycleStage.Prospect => 0,
        LifecycleStage.New => 1,
        LifecycleStage.Growing => 2,
        LifecycleStage.Mature => 3,
        LifecycleStage.Declining => 1,
        LifecycleStage.Churned => 0,
        _ => 0,
    };
}
