using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Value;

/// <summary>One customer's raw RFM facts: days since the last order, number of orders, total spend.</summary>
public readonly record struct RfmInput(int CustomerId, double RecencyDays, int Frequency, decimal Monetary);

/// <summary>The usual named RFM segments (R against the rounded mean of F and M; see <see cref="Rfm.SegmentOf"/>).</summary>
public enum RfmSegment { Champions, Loyal, PotentialLoyalists, NewCustomers, Promising, NeedAttention, AboutToSleep, AtRisk, CannotLoseThem, Hibernating, Lost }

/// <summary>Quintile scores 1–5 (5 = best: most recent, most frequent, highest spend) and the segment.</summary>
public readonly record struct RfmScore(int CustomerId, int R, int F, int M, RfmSegment Segment);

/// <summary>
/// RFM scoring with thresholds taken from the data itself: each value's mid-rank percentile
/// (share of customers strictly worse plus half of those tied) picks its quintile, so equal values
/// always share a score, the result does not depend on input order, and a lone customer (or a
/// column where everyone ties) scores 3.
/// </summary>
public static class Rfm
{
    public static RfmScore[] Score(IReadOnlyList<RfmInput> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var n = customers.Count;
        var recency = new double[n];
        var frequency = new double[n];
        var monetary = new double[n];
        for (var i = 0; i < n; i++)
        {
            var c = customers[i];
            if (!double.IsFinite(c.RecencyDays) || c.RecencyDays < 0 || c.Frequency < 0 || c.Monetary < 0)
                throw new DomainException("Value.InvalidRfmInput", $"Customer {c.CustomerId} has a negative or missing recency, frequency or spend.", c.CustomerId);
            recency[i] = -c.RecencyDays; // fewer days since the last order is better
            frequency[i] = c.Frequency;
            monetary[i] = (double)c.Monetary;
        }
        var r = Quintiles(recency);
        var f = Quintiles(frequency);
        var m = Quintiles(monetary);
        var scores = new RfmScore[n];
        for (var i = 0; i < n; i++)
            scores[i] = new RfmScore(customers[i].CustomerId, r[i], f[i], m[i], SegmentOf(r[i], f[i], m[i]));
        return scores;
    }

    /// <summary>
    /// The segment grid of R (1–5) against FM = ⌈(F+M)/2⌉: champions 5/4–5, loyal 3–4/4–5,
    /// cannot-lose-them 1–2/5, at risk 1–2/3–4, potential loyalists 4–5/2–3, new customers 5/1,
    /// promising 4/1, need attention 3/3, about to sleep 3/1–2, hibernating 2/1–2, lost 1/1–2.
    /// </summary>
    public static RfmSegment SegmentOf(int r, int f, int m)
    {
        Check.Range(r, "R", 1, 5);
        Check.Range(f, "F", 1, 5);
        Check.Range(m, "M", 1, 5);
        var fm = (f + m + 1) / 2;
        return (r, fm) switch
        {
            (5, >= 4) => RfmSegment.Champions,
            (3 or 4, >= 4) => RfmSegment.Loyal,
            (<= 2, 5) => RfmSegment.CannotLoseThem,
            (<= 2, >= 3) => RfmSegment.AtRisk,
            (>= 4, >= 2) => RfmSegment.PotentialLoyalists,
            (5, 1) => RfmSegment.NewCustomers,
            (4, 1) => RfmSegment.Promising,
            (3, 3) => RfmSegment.NeedAttention,
            (3, _) => RfmSegment.AboutToSleep,
            (2, _) => RfmSegment.Hibernating,
            _ => RfmSegment.Lost,
        };
    }

    /// <summary>Score 1 + ⌊5·p⌋ (capped at 5) where p is the mid-rank percentile; higher values score higher.</summary>
    private static int[] Quintiles(double[] values)
    {
        var n = values.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var keys = (double[])values.Clone();
        Array.Sort(keys, order);
        var scores = new int[n];
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end < n && keys[end] == keys[start]) end++;
            var midRank = (start + (end - start) / 2.0) / n;
            var score = Math.Min(5, 1 + (int)Math.Floor(5 * midRank));
            for (var k = start; k < end; k++) scores[order[k]] = score;
            start = end;
        }
        return scores;
    }
}
