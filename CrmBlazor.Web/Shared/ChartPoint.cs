using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Web.Shared;

/// <summary>One bar or slice: the label shown, its value, and the code a drill-down uses.</summary>
public sealed record ChartPoint(string Label, double Value, string Code);

public static class StageColors
{
    public static string Of(LifecycleStage stage) => stage switch
    {
        LifecycleStage.Prospect => "#90a4ae",
        LifecycleStage.New => "#42a5f5",
        LifecycleStage.Growing => "#66bb6a",
        LifecycleStage.Mature => "#3949ab",
        LifecycleStage.Declining => "#ffa726",
        _ => "#e53935",
    };
}
