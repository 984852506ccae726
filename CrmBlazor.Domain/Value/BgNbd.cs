using CrmBlazor.Domain.Common;
using static CrmBlazor.Domain.Value.SpecialFunctions;

namespace CrmBlazor.Domain.Value;

/// <summary>BG/NBD parameters: purchase rates λ ~ Gamma(r, α), dropout p ~ Beta(a, b); α in the data's time unit.</summary>
/// <param name="LogLikelihood">The sample log-likelihood Σ ln L (FHL 2005 eq. 6) at these parameters.</param>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B, double LogLikelihood);

/// <summary>How a model is fitted.</summary>
/// <param name="MaxIterations">BFGS iterations before the fit is refused as not converged.</param>
/// <param name="GradientTolerance">Converged when every component of the gradient of the mean negative log-likelihood (per customer, over log-parameters) is below this.</param>
/// <param name="Penalizer">Optional L2 penalty on the log-parameters added to the mean negative log-likelihood (0 = plain maximum likelihood); keeps thin data from running to the bounds.</param>
/// <param name="MaxDegreeOfParallelism">Threads for the likelihood sum; null = all cores.</param>
public sealed record FitOptions(int MaxIterations = 1000, double GradientTolerance = 1e-9, double Penalizer = 0, int? MaxDegreeOfParallelism = null)
{
    public static FitOptions Default { get; } = new();
}

/// <summary>
/// The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way").
/// Fitting collapses identical (x, t_x, T) rows into weights and maximises the likelihood over
/// log-parameters with BFGS and the analytic gradient (docs/decisions/007-clv-models.md).
/// </summary>
public static class BgNbd
{
    /// <summary>Log-parameters beyond ±this (≈ 6.6e7 or 1.5e-8) mean the data do not pin the model down.</summary>
    internal const double IdentifiedBound = 18;

    /// <summary>Maximum-likelihood fit. Refuses (DomainException) empty data, data without repeat buyers, invalid rows, and data that do not determine the parameters.</summary>
    public static BgNbdParameters Fit(ReadOnlySpan<RepeatSummary> customers, FitOptions? options = null)
    {
        options ??= FitOptions.Default;
        var rows = BgNbdRows.Collapse(customers);
        var start = new[] { 0.0, Math.Log(rows.MaxT), 0.0, 0.0 };
        var minimum = Bfgs.Minimize((theta, gradient) => rows.MeanNegativeLogLikelihood(theta, gradient, options), start, options.GradientTolerance, options.MaxIterations);
        FitChecks.Identified(minimum, ["r", "alpha", "a", "b"], "BG/NBD");
        var (r, alpha, a, b) = (Math.Exp(minimum.Theta[0]), Math.Exp(minimum.Theta[1]), Math.Exp(minimum.Theta[2]), Math.Exp(minimum.Theta[3]));
        return new BgNbdParameters(r, alpha, a, b, LogLikelihood(r, alpha, a, b, customers));
    }

    /// <summary>Σ ln L over <paramref name="customers"/> (FHL 2005 eq. 6).</summary>
    public static double LogLikelihood(double r, double alpha, double a, double b, ReadOnlySpan<RepeatSummary> customers)
    {
        var sum = 0.0;
        foreach (var c in customers) sum += LogLikelihood(r, alpha, a, b, c.Frequency, c.Recency, c.T);
        return sum;
    }

    /// <summary>ln L of one customer.</summary>
    public static double LogLikelihood(double r, double alpha, double a, double b, double x, double tx, double T)
    {
        var a1 = LogGamma(r + x) - LogGamma(r) + r * Math.Log(alpha);
        var a2 = LogGamma(a + b) + LogGamma(b + x) - LogGamma(b) - LogGamma(a + b + x);
        var a3 = -(r + x) * Math.Log(alpha + T);
        if (x == 0) return a1 + a2 + a3;
        var a4 = Math.Log(a) - Math.Log(b + x - 1) - (r + x) * Math.Log(alpha + tx);
        return a1 + a2 + LogAddExp(a3, a4);
    }

    /// <summary>P(alive at T | x, t_x, T); 1 when x = 0 (in the BG/NBD a customer can only drop out right after a repeat purchase).</summary>
    public static double ProbabilityAlive(BgNbdParameters p, double x, double tx, double T)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (x == 0) return 1;
        // odds of having dropped out: a/(b+x−1) · ((α+T)/(α+t_x))^(r+x), kept in logs
        var logOdds = Math.Log(p.A / (p.B + x - 1)) + (p.R + x) * Math.Log((p.Alpha + T) / (p.Alpha + tx));
        return logOdds > 0 ? Math.Exp(-logOdds) / (1 + Math.Exp(-logOdds)) : 1 / (1 + Math.Exp(logOdds));
    }

    /// <summary>E[purchases in (T, T + t] | x, t_x, T] (FHL 2005 eq. 10), in the data's time unit.</summary>
    public static double ExpectedPurchases(BgNbdParameters p, double t, double x, double tx, double T)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (!(t >= 0) || double.IsPositiveInfinity(t)) throw new ArgumentOutOfRangeException(nameof(t), t, "The horizon must be a finite time ≥ 0.");
        if (t == 0) return 0;
        return ProbabilityAlive(p, x, tx, T) * ExpectedGivenAlive(p.R + x, p.Alpha + T, p.A, p.B + x, t);
    }

    /// <summary>E[X(t)] of a customer just acquired (FHL 2005 eq. 9): expected repeat purchases in (0, t].</summary>
    public static double ExpectedPurchasesNewCustomer(BgNbdParameters p, double t) => ExpectedPurchases(p, t, 0, 0, 0);

    /// <summary>
    /// E[X(t)] of a BG/NBD customer alive now with posterior λ ~ Gamma(r', α'), p ~ Beta(a, b'):
    /// (a+b'−1)/(a−1) · [1 − (α'/(α'+t))^r' ₂F₁(r', b'; a+b'−1; z)], z = t/(α'+t). Euler's
    /// transformation turns the product into (1−z)^(a−1) ₂F₁(a+b'−1−r', a−1; a+b'−1; z) — small
    /// parameters whatever x, so the series neither overflows nor needs hundreds of terms. Where the
    /// formula is singular (a = 1) or ₂F₁ undefined (a+b'−1 ≤ 0) the defining integral is used.
    /// </summary>
    internal static double ExpectedGivenAlive(double rPost, double alphaPost, double a, double bPost, double t)
    {
        var c = a + bPost - 1;
        if (c <= 1e-9 || Math.Abs(a - 1) < 1e-6) return ExpectedGivenAliveByQuadrature(rPost, alphaPost, a, bPost, t);
        var z = t / (alphaPost + t);
        var f = Hypergeometric2F1(c - rPost, a - 1, c, z);
        return c / (a - 1) * (1 - Math.Exp((a - 1) * Math.Log(alphaPost / (alphaPost + t))) * f);
    }

    /// <summary>
    /// The same expectation as ∫ (1 − (1 + p t/α')^(−r'))/p · Beta(p; a, b') dp by tanh-sinh
    /// quadrature (handles the endpoint singularities of the Beta density for a or b' &lt; 1).
    /// </summary>
    internal static double ExpectedGivenAliveByQuadrature(double rPost, double alphaPost, double a, double bPost, double t)
    {
        const double h = 1.0 / 64, limit = 12;
        var logBeta = LogGamma(a) + LogGamma(bPost) - LogGamma(a + bPost);
        var sum = 0.0;
        for (var s = -limit; s <= limit; s += h)
        {
            var u = Math.PI / 2 * Math.Sinh(s);
            var logP = -SoftPlus(-2 * u);      // p = 1/(1+e^(−2u))
            var logQ = -SoftPlus(2 * u);       // 1 − p, without cancellation
            var p = Math.Exp(logP);
            var meanGivenP = p < 1e-300 ? rPost * t / alphaPost : -ExpM1(-rPost * Log1P(p * t / alphaPost)) / p;
            // dp/ds = π cosh(s) p (1−p); the Beta density and the Jacobian combined in logs
            var logWeight = Math.Log(Math.PI * Math.Cosh(s)) + a * logP + bPost * logQ - logBeta;
            sum += meanGivenP * Math.Exp(logWeight);
        }
        return sum * h;
    }

    /// <summary>e^v − 1 and ln(1 + v) accurate for tiny v (Kahan's tricks; the framework's versions are the naive formulas).</summary>
    private static double ExpM1(double v)
    {
        var u = Math.Exp(v);
        if (u == 1) return v;
        if (u - 1 == -1) return -1;
        return (u - 1) * v / Math.Log(u);
    }

    private static double Log1P(double v)
    {
        var u = 1 + v;
        return u == 1 ? v : Math.Log(u) * v / (u - 1);
    }

    private static double SoftPlus(double v) => v > 0 ? v + Math.Log(1 + Math.Exp(-v)) : Math.Log(1 + Math.Exp(v));

    internal static double LogAddExp(double u, double v)
    {
        var max = Math.Max(u, v);
        return max + Math.Log(1 + Math.Exp(Math.Min(u, v) - max));
    }
}
