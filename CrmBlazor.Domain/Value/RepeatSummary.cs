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
    public static CustomerRepeatSummary[] FromPurchases(IEnumerable<Purchase> purchases, DateOnly calibrationEnd, double daysPerUnit = 1) =>
        throw new NotImplementedException();

    /// <summary>Checks one summary: finite, x ≥ 0, 0 ≤ t_x ≤ T, T &gt; 0, z̄ ≥ 0; a refusal names <paramref name="label"/>.</summary>
    public static void Validate(in RepeatSummary s, string label) => throw new NotImplementedException();
}
