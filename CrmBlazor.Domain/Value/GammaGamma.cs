using System.Globalization;
using CrmBlazor.Domain.Common;
using static CrmBlazor.Domain.Value.SpecialFunctions;

namespace CrmBlazor.Domain.Value;

/// <summary>Gamma-Gamma spend parameters (Fader &amp; Hardie 2013): p, q and the scale γ (lifetimes calls it v), in money.</summary>
public sealed record GammaGammaParameters(double P, double Q, double V, double LogLikelihood);

/// <summary>
/// The Gamma-Gamma model of the average repeat-purchase value, fitted on repeat buyers only
/// (x &gt; 0 and z̄ &gt; 0: a repeat buyer whose repeat purchases were all free carries no spend the
/// gamma likelihood can use and is left out). Fitted like the BG/NBD: distinct (x, z̄) rows with
/// weights, log-parameters, BFGS with the analytic gradient.
/// </summary>
public static class GammaGamma
{
    /// <summary>Maximum-likelihood fit. Refuses data without repeat buyers or that do not determine the parameters.</summary>
    public static GammaGammaParameters Fit(ReadOnlySpan<RepeatSummary> customers, FitOptions? options = null)
    {
        options ??= FitOptions.Default;
        var weights = new Dictionary<(double X, double Zbar), int>();
        var spend = 0.0;
        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            RepeatSummaries.Validate(c, "customer " + (i + 1).ToString(CultureInfo.InvariantCulture));
            if (c.Frequency == 0 || c.MonetaryValue == 0) continue;
            var key = (c.Frequency, c.MonetaryValue);
            weights[key] = weights.GetValueOrDefault(key) + 1;
            spend += c.MonetaryValue;
        }
        if (weights.Count == 0)
            throw new DomainException("Value.NoRepeatSpend", "No customer has a repeat purchase with a value, so the spend model cannot be fitted.");
        var keys = weights.Keys.ToArray();
        Array.Sort(keys);
        var rows = new Rows(keys, [.. keys.Select(k => (double)weights[k])]);
        var meanSpend = spend / rows.TotalWeight;
        var start = new[] { 0.0, Math.Log(2), Math.Log(meanSpend) }; // p = 1, q = 2: E[Z] = γ starts at the mean spend
        var minimum = Bfgs.Minimize((theta, gradient) => rows.MeanNegativeLogLikelihood(theta, gradient, options), start, options.GradientTolerance, options.MaxIterations);
        FitChecks.Identified(minimum, ["p", "q", "v"], "Gamma-Gamma");
        var (p, q, v) = (Math.Exp(minimum.Theta[0]), Math.Exp(minimum.Theta[1]), Math.Exp(minimum.Theta[2]));
        return new GammaGammaParameters(p, q, v, LogLikelihood(p, q, v, customers));
    }

    /// <summary>Σ ln f over the repeat buyers (x &gt; 0, z̄ &gt; 0) in <paramref name="customers"/> (Fader &amp; Hardie 2013 eq. 1a).</summary>
    public static double LogLikelihood(double p, double q, double v, ReadOnlySpan<RepeatSummary> customers)
    {
        var sum = 0.0;
        foreach (var c in customers)
        {
            if (c.Frequency == 0 || c.MonetaryValue == 0) continue;
            var (x, z) = (c.Frequency, c.MonetaryValue);
            sum += LogGamma(p * x + q) - LogGamma(p * x) - LogGamma(q) + q * Math.Log(v) + (p * x - 1) * Math.Log(z)
                + p * x * Math.Log(x) - (p * x + q) * Math.Log(v + x * z);
        }
        return sum;
    }

    /// <summary>E[Z | x, z̄] = p(γ + x z̄)/(px + q − 1); the population mean pγ/(q − 1) when x = 0. Refused when that mean is infinite (q ≤ 1).</summary>
    public static double ExpectedAverageValue(GammaGammaParameters p, double x, double zbar)
    {
        ArgumentNullException.ThrowIfNull(p);
        var denominator = p.P * x + p.Q - 1;
        if (!(denominator > 0))
            throw new DomainException("Value.InfiniteMeanSpend", $"The spend model has no finite mean (q = {p.Q.ToString("G4", CultureInfo.InvariantCulture)} ≤ 1): expected spend is undefined.", p.Q);
        return p.P * (p.V + x * zbar) / denominator;
    }

    /// <summary>Distinct (x, z̄) rows with weights, ordered by x; the ln Γ(px+q) − ln Γ(px) terms are computed once per distinct x.</summary>
    private sealed class Rows
    {
        private readonly double[] _x, _logX, _z, _logZ, _w;
        private readonly int[] _group;
        private readonly double[] _groupX;

        public Rows((double X, double Zbar)[] keys, double[] weights)
        {
            var n = keys.Length;
            (_x, _logX, _z, _logZ, _w, _group) = (new double[n], new double[n], new double[n], new double[n], weights, new int[n]);
            var groupX = new List<double>();
            for (var i = 0; i < n; i++)
            {
                (_x[i], _z[i]) = keys[i];
                _logX[i] = Math.Log(_x[i]);
                _logZ[i] = Math.Log(_z[i]);
                if (groupX.Count == 0 || groupX[^1] != _x[i]) groupX.Add(_x[i]);
                _group[i] = groupX.Count - 1;
            }
            _groupX = [.. groupX];
            TotalWeight = weights.Sum();
        }

        public double TotalWeight { get; }

        public double MeanNegativeLogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, FitOptions options)
        {
            foreach (var t in theta) if (!(Math.Abs(t) <= 30)) return double.PositiveInfinity;
            var (p, q, v) = (Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]));
            var g = _groupX.Length;
            var constant = new double[g];
            var psiPxq = new double[g];
            var psiPx = new double[g];
            var (lgQ, psiQ, logV) = (LogGamma(q), Digamma(q), Math.Log(v));
            for (var k = 0; k < g; k++)
            {
                var px = p * _groupX[k];
                constant[k] = LogGamma(px + q) - LogGamma(px) - lgQ + q * logV;
                psiPxq[k] = Digamma(px + q);
                psiPx[k] = Digamma(px);
            }
            var sums = ChunkedSum.Run(_x.Length, 4, options.MaxDegreeOfParallelism, (start, end, acc) =>
            {
                double ll = 0, gp = 0, gq = 0, gv = 0;
                for (var i = start; i < end; i++)
                {
                    var k = _group[i];
                    var (x, w) = (_x[i], _w[i]);
                    var px = p * x;
                    var denominator = v + x * _z[i];
                    var logDen = Math.Log(denominator);
                    ll += w * (constant[k] + (px - 1) * _logZ[i] + px * _logX[i] - (px + q) * logDen);
                    gp += w * x * (psiPxq[k] - psiPx[k] + _logZ[i] + _logX[i] - logDen);
                    gq += w * (psiPxq[k] - psiQ + logV - logDen);
                    gv += w * (q / v - (px + q) / denominator);
                }
                acc[0] += ll; acc[1] += gp; acc[2] += gq; acc[3] += gv;
            });
            var n = TotalWeight;
            gradient[0] = -p * sums[1] / n;
            gradient[1] = -q * sums[2] / n;
            gradient[2] = -v * sums[3] / n;
            return FitChecks.Penalize(-sums[0] / n, theta, gradient, options.Penalizer);
        }
    }
}
