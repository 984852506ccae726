namespace CrmBlazor.Domain.Lifecycle;

public enum CadenceKind { Weekly, TwiceWeekly, Monthly }

/// <summary>跟踪频率 (PRODUCT.md §2): Prospect and New weekly; Growing and Mature monthly; Declining twice a week; Churned monthly.</summary>
public static class FollowUpCadence
{
    public static CadenceKind Default(LifecycleStage stage) => stage switch
    {
        LifecycleStage.Prospect or LifecycleStage.New => CadenceKind.Weekly,
        LifecycleStage.Declining => CadenceKind.TwiceWeekly,
        _ => CadenceKind.Monthly,
    };

    /// <summary>
    /// The next due date after <paramref name="from"/>. Twice a week alternates 3 and 4 days so that
    /// follow-ups fall on the same two weekdays (e.g. Monday and Thursday).
    /// </summary>
    public static DateOnly Next(CadenceKind cadence, DateOnly from) => cadence switch
    {
        CadenceKind.Weekly => from.AddDays(7),
        CadenceKind.TwiceWeekly => from.AddDays(from.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Tuesday or DayOfWeek.Wednesday ? 3 : 4),
        CadenceKind.Monthly => from.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(cadence)),
    };

    /// <summary>How many follow-ups the cadence asks for in a period of <paramref name="days"/> days.</summary>
    public static double PerPeriod(CadenceKind cadence, int days) => cadence switch
    {
        CadenceKind.Weekly => days / 7.0,
        CadenceKind.TwiceWeekly => days / 3.5,
        _ => days / 30.4375,
    };
}
