namespace CrmBlazor.Domain.Value;

/// <summary>
/// The few special functions the value models need, written out so the domain stays free of
/// packages: ln Γ (Lanczos, g = 7, 9 terms; ≈ 1e-15 relative), ψ (recurrence + asymptotic series)
/// and the Gauss hypergeometric ₂F₁ on [0, 1) as a plain power series.
/// </summary>
public static class SpecialFunctions
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "ln Γ is defined here for x > 0 only.");
        if (x < 0.5) return LogGamma(x + 1) - Math.Log(x);
        if (x > 1e7) // Stirling: the Lanczos sum loses nothing but the terms below are cheaper and exact enough
            return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + 1 / (12 * x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return HalfLogTwoPi + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>ψ(x) = d ln Γ(x)/dx for x &gt; 0.</summary>
    public static double Digamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "ψ is defined here for x > 0 only.");
        var result = 0.0;
        while (x < 10) { result -= 1 / x; x += 1; }
        var f = 1 / (x * x);
        return result + Math.Log(x) - 0.5 / x
            - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
    }

    /// <summary>
    /// ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 and c &gt; 0 by its power series, summed until a term no longer
    /// changes the sum. Callers keep z moderate or transform first (see <see cref="BgNbd"/>).
    /// </summary>
    public static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1)) throw new ArgumentOutOfRangeException(nameof(z), z, "₂F₁ is evaluated here for 0 ≤ z < 1 only.");
        if (!(c > 0)) throw new ArgumentOutOfRangeException(nameof(c), c, "₂F₁ needs c > 0 here.");
        double sum = 1, term = 1;
        for (var n = 0; n < 1_000_000; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-17 * Math.Abs(sum) && n > 2) return sum;
            if (term == 0) return sum;
        }
        return sum;
    }
}
