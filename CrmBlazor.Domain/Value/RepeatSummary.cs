using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Value;

/// <summary>
/// A customer's purchase history as the BG/NBD and Gamma-Gamma models read it, all times in one
/// unit (days, weeks …) measured from the customer's first purchase:
/// <paramref name="Frequency"/> x = repeat purchases (purchase days after the first),
/// <paramref name="Recency"/> t_x = time of the last purchase (0 when x = 0),
/// <paramref name="T"/> = time from the first purchase to the end of the observation,
/// <paramref name="MonetaryValue"/> z̄ = average value of the repeat purchases (0 when x = 0).
/// </summary>
public readonly record struct RepeatSummary(double Frequency, double Recency, double T, double MonetaryValue);

/// <summary>One dated purchase of a customer; several on the same day count as one purchase of their summed value.</summary>
public readonly record struct Purchase(int CustomerId, DateOnly Date, decimal Amount);

/// <param name="CustomerId">The customer the summary belongs to.</param>
public readonly record struct CustomerRepeatSummary(int CustomerId, RepeatSummary Summary);

public static class RepeatSummaries
{
    /// <summary>
    /// Summaries of everyone who bought on or before <paramref name="calibrationEnd"/>, ordered by
    /// customer id. Purchases after it are ignored; times are whole days divided by
    /// <paramref name="daysPerUnit"/> (7 for weeks): T = (calibrationEnd − first purchase day), t_x = (last − first purchase day).
    /// </summary>
    public static CustomerRepeatSummary[] FromPurchases(IEnumerable<Purchase> purchases, DateOnly calibrationEnd, double daysPerUnit = 1)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        if (!(daysPerUnit > 0)) throw new ArgumentOutOfRangeException(nameof(daysPerUnit), daysPerUnit, "A time unit lasts a positive number of days.");
        var days = new Dictionary<int, SortedDictionary<DateOnly, decimal>>();
        foreach (var p in purchases)
        {
            if (p.Date > calibrationEnd) continue;
            if (!days.TryGetValue(p.CustomerId, out var byDay)) days[p.CustomerId] = byDay = [];
            byDay[p.Date] = byDay.GetValueOrDefault(p.Date) + p.Amount;
        }
        var result = new CustomerRepeatSummary[days.Count];
        var i = 0;
        foreach (var (id, byDay) in days.OrderBy(kv => kv.Key))
        {
            var first = byDay.Keys.First();
            var last = byDay.Keys.Last();
            var repeats = byDay.Count - 1;
            var repeatSpend = byDay.Skip(1).Sum(kv => kv.Value);
            result[i++] = new CustomerRepeatSummary(id, new RepeatSummary(
                repeats,
                (last.DayNumber - first.DayNumber) / daysPerUnit,
                (calibrationEnd.DayNumber - first.DayNumber) / daysPerUnit,
                repeats == 0 ? 0 : (double)(repeatSpend / repeats)));
        }
        return result;
    }

    /// <summary>
    /// Checks one summary: finite, x a whole number ≥ 0, 0 ≤ t_x ≤ T, T &gt; 0, z̄ ≥ 0, and t_x = 0
    /// when x = 0; a refusal names <paramref name="label"/> (e.g. "line 12").
    /// </summary>
    public static void Validate(in RepeatSummary s, string label)
    {
        if (!double.IsFinite(s.Frequency) || !double.IsFinite(s.Recency) || !double.IsFinite(s.T) || !double.IsFinite(s.MonetaryValue))
            throw Invalid(label, "a value is not a finite number");
        if (s.Frequency < 0 || s.Recency < 0 || s.T < 0 || s.MonetaryValue < 0)
            throw Invalid(label, "a value is negative");
        if (s.Frequency != Math.Floor(s.Frequency))
            throw Invalid(label, $"frequency {s.Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a whole number of repeat purchases");
        if (s.T == 0)
            throw Invalid(label, "T is 0 (the observation must last beyond the first purchase)");
        if (s.Recency > s.T)
            throw Invalid(label, "recency is greater than T");
        if (s.Frequency == 0 && s.Recency != 0)
            throw Invalid(label, "recency must be 0 when there is no repeat purchase");
    }

    private static DomainException Invalid(string label, string reason) =>
        new("Value.InvalidSummary", $"{label}: {reason}.", label, reason);
}
