namespace CrmBlazor.Web.Shared;

/// <summary>Round axis steps (1, 2, 5 × 10ⁿ) so value axes show a few readable ticks instead of one odd one.</summary>
public static class ChartScale
{
    /// <param name="counts">Counts step by whole numbers (1, 2, 5, 10 …), never 2.5.</param>
    public static (double Max, double Step) For(double max, int ticks = 4, bool counts = false)
    {
        if (max <= 0) return (1, 1);
        var raw = max / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double[] factors = counts ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
        var step = factors.Select(f => f * magnitude).First(s => s >= raw);
        if (counts && step < 1) step = 1;
        return (Math.Ceiling(max / step) * step, step);
    }
}
