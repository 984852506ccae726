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
/// <param name="Curve">From (0, 0) to (1, 1), at most <c>curvePoints</c> points, for a chart.</param>
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
        throw new NotImplementedException();
    }
}
