using System.Globalization;

namespace CrmBlazor.Domain.Lifecycle;

/// <summary>
/// Where monthly revenue (ARPU) ranks among all customers with orders, kept as the cut-off of each
/// whole percent: <c>Cutoffs[p-1]</c> is the ARPU a customer needs to be in the top p %. The batch
/// recompute builds it from everyone and stores it; the single-customer path reads the stored one,
/// so both rank a customer alike without reading a million rows per new order.
/// </summary>
public sealed class ArpuDistribution
{
    public const string SettingKey = "Lifecycle.ArpuCutoffs";

    private ArpuDistribution(decimal[] cutoffs, int customers)
    {
        Cutoffs = cutoffs;
        Customers = customers;
    }

    public IReadOnlyList<decimal> Cutoffs { get; }
    public int Customers { get; }

    public static ArpuDistribution Empty { get; } = new([], 0);

    /// <summary>
    /// The cut-offs over <paramref name="values"/> (one ARPU per customer with orders): the top p %
    /// are the first ⌊p·n/100⌋ customers by ARPU (none when that is 0), ties sharing the better rank —
    /// so a customer ranked k of n is in the top ⌈100·k/n⌉ %.
    /// </summary>
    public static ArpuDistribution From(IReadOnlyList<decimal> values)
    {
        var n = values.Count;
        if (n == 0) return Empty;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        var cutoffs = new decimal[100];
        for (var p = 1; p <= 100; p++)
        {
            var within = (int)((long)p * n / 100);
            cutoffs[p - 1] = within == 0 ? decimal.MaxValue : sorted[within - 1];
        }
        return new ArpuDistribution(cutoffs, n);
    }

    /// <summary>The smallest whole percent p with the customer in the top p % (1 = the best); null without a distribution.</summary>
    public int? TopPercent(decimal arpu)
    {
        if (Cutoffs.Count == 0) return null;
        for (var p = 1; p <= 100; p++)
            if (arpu >= Cutoffs[p - 1]) return p;
        return 100;
    }

    public string Serialize() =>
        Customers.ToString(CultureInfo.InvariantCulture) + ";" + string.Join(",", Cutoffs.Select(c => c == decimal.MaxValue ? Nobody : Math.Round(c, 4).ToString(CultureInfo.InvariantCulture)));

    /// <summary>Written for a percent too small to hold a single customer.</summary>
    private const string Nobody = "-";

    public static ArpuDistribution? Parse(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored)) return null;
        var parts = stored.Split(';');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return null;
        if (n == 0) return Empty;
        var values = parts[1].Split(',');
        if (values.Length != 100) return null;
        var cutoffs = new decimal[100];
        for (var i = 0; i < 100; i++)
            if (values[i] == Nobody) cutoffs[i] = decimal.MaxValue;
            else if (!decimal.TryParse(values[i], NumberStyles.Number, CultureInfo.InvariantCulture, out cutoffs[i])) return null;
        return new ArpuDistribution(cutoffs, n);
    }
}
