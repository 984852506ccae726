using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Value;

/// <summary>ABC by share of revenue: A the customers making the first 80 %, B the next 15 %, C the rest.</summary>
public enum AbcTier { A, B, C }

/// <summary>Value tier by rank: the top 20 % of customers High (served face to face), the next 30 % Medium, the long tail Low (served by phone).</summary>
public enum ValueTier { High, Medium, Low }

/// <param name="Rank">1 = the largest revenue; ties are ranked by customer id.</param>
/// <param name="CumulativeShare">Share of all revenue made by this customer and everyone ranked above (0–1).</param>
public readonly record struct ParetoEntry(int CustomerId, decimal Revenue, int Rank, double CumulativeShare, AbcTier Tier, ValueTier ValueTier);

/// <summary>One point of the 80/20 (Lorenz-style) curve: the top <paramref name="CustomerShare"/> of customers make <paramref name="RevenueShare"/> of revenue.</summary>
public readonly record struct ParetoPoint(double CustomerShare, double RevenueShare);

/// <param name="Customers">In rank order.</param>
/// <param name="TopTwentyShare">Share of revenue made by the top 20 % of customers (0–1; 0 when there is no revenue).</param>
/// <param name="Curve">From (0, 0) to (1, share of all revenue = 1, or 0 when nobody has revenue), at most <c>curvePoints</c> points, for a chart; empty without customers.</param>
public sealed record ParetoResult(IReadOnlyList<ParetoEntry> Customers, decimal TotalRevenue, double TopTwentyShare, IReadOnlyList<ParetoPoint> Curve);

public static class Pareto
{
    public const double ATierShare = 0.80;
    public const double BTierShare = 0.95;
    public const double HighTierCustomers = 0.20;
    public const double MediumTierCustomers = 0.50;

    /// <summary>
    /// Ranks customers by revenue. A customer is in tier A when the revenue ranked above them is
    /// below 80 % of the total (so the customer who crosses 80 % is still A), B likewise below 95 %,
    /// else C; customers without revenue are always C and Low.
    /// </summary>
    public static ParetoResult Rank(IReadOnlyList<(int CustomerId, decimal Revenue)> customers, int curvePoints = 101)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (curvePoints < 2) throw new ArgumentOutOfRangeException(nameof(curvePoints), curvePoints, "A curve needs at least two points.");
        var n = customers.Count;
        var total = 0m;
        foreach (var (id, revenue) in customers)
        {
            if (revenue < 0) throw new DomainException("Value.NegativeRevenue", $"Customer {id} has negative revenue.", id);
            total += revenue;
        }
        var ranked = customers.OrderByDescending(c => c.Revenue).ThenBy(c => c.CustomerId).ToArray();
        var entries = new ParetoEntry[n];
        var cumulative = 0m;
        var topCount = (int)Math.Round(n * HighTierCustomers, MidpointRounding.AwayFromZero);
        var topRevenue = 0m;
        for (var i = 0; i < n; i++)
        {
            var (id, revenue) = ranked[i];
            var before = total == 0 ? 1.0 : (double)(cumulative / total);
            cumulative += revenue;
            if (i < topCount) topRevenue += revenue;
            var share = total == 0 ? 0.0 : (double)(cumulative / total);
            var tier = revenue == 0 ? AbcTier.C : before < ATierShare ? AbcTier.A : before < BTierShare ? AbcTier.B : AbcTier.C;
            var rankShare = (double)i / n; // share of customers ranked above
            var valueTier = revenue == 0 ? ValueTier.Low : rankShare < HighTierCustomers ? ValueTier.High : rankShare < MediumTierCustomers ? ValueTier.Medium : ValueTier.Low;
            entries[i] = new ParetoEntry(id, revenue, i + 1, share, tier, valueTier);
        }
        var topShare = total == 0 ? 0.0 : (double)(topRevenue / total);
        return new ParetoResult(entries, total, topShare, Curve(entries, curvePoints));
    }

    /// <summary>The curve at evenly spaced customer shares (each point at the nearest whole customer).</summary>
    private static ParetoPoint[] Curve(ParetoEntry[] entries, int points)
    {
        var n = entries.Length;
        if (n == 0) return [];
        var count = Math.Min(points, n + 1);
        var curve = new ParetoPoint[count];
        for (var k = 0; k < count; k++)
        {
            var customersIncluded = (int)Math.Round((double)k * n / (count - 1), MidpointRounding.AwayFromZero);
            var revenueShare = customersIncluded == 0 ? 0 : entries[customersIncluded - 1].CumulativeShare;
            curve[k] = new ParetoPoint((double)customersIncluded / n, revenueShare);
        }
        return curve;
    }
}
