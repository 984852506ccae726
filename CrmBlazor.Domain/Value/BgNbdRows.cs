using System.Globalization;
using CrmBlazor.Domain.Common;
using static CrmBlazor.Domain.Value.SpecialFunctions;

namespace CrmBlazor.Domain.Value;

/// <summary>
/// The fitting data of the BG/NBD: distinct (x, t_x, T) rows with how many customers share each,
/// ordered by x so that everything depending on x alone (the ln Γ and ψ terms) is computed once
/// per distinct x and per evaluation instead of once per customer.
/// </summary>
internal sealed class BgNbdRows
{
    private readonly double[] _x, _tx, _t, _w;
    private readonly int[] _group;          // row → index into _groupX
    private readonly double[] _groupX;
    private readonly double _totalWeight;

    private BgNbdRows(double[] x, double[] tx, double[] t, double[] w, int[] group, double[] groupX, double maxT)
    {
        (_x, _tx, _t, _w, _group, _groupX) = (x, tx, t, w, group, groupX);
        _totalWeight = w.Sum();
        MaxT = maxT;
    }

    public double MaxT { get; }
    public int Count => _x.Length;

    public static BgNbdRows Collapse(ReadOnlySpan<RepeatSummary> customers)
    {
        if (customers.Length == 0) throw new DomainException("Value.NoCustomers", "There are no customers to fit the model on.");
        var weights = new Dictionary<(double X, double Tx, double T), int>();
        var repeatBuyers = 0;
        var maxT = 0.0;
        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            RepeatSummaries.Validate(c, "customer " + (i + 1).ToString(CultureInfo.InvariantCulture));
            if (c.Frequency > 0) repeatBuyers++;
            maxT = Math.Max(maxT, c.T);
            var key = (c.Frequency, c.Recency, c.T);
            weights[key] = weights.GetValueOrDefault(key) + 1;
        }
        if (repeatBuyers == 0)
            throw new DomainException("Value.NoRepeatBuyers", "No customer has bought again, so the purchase and dropout rates cannot be told apart.");
        var keys = weights.Keys.ToArray();
        Array.Sort(keys);
        var n = keys.Length;
        var (x, tx, t, w, group) = (new double[n], new double[n], new double[n], new double[n], new int[n]);
        var groupX = new List<double>();
        for (var i = 0; i < n; i++)
        {
            (x[i], tx[i], t[i]) = keys[i];
            w[i] = weights[keys[i]];
            if (groupX.Count == 0 || groupX[^1] != x[i]) groupX.Add(x[i]);
            group[i] = groupX.Count - 1;
        }
        return new BgNbdRows(x, tx, t, w, group, [.. groupX], maxT);
    }

    /// <summary>−(1/N) Σ w ln L at θ = (ln r, ln α, ln a, ln b) plus the penalty, and its gradient in θ.</summary>
    public double MeanNegativeLogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, FitOptions options)
    {
        foreach (var v in theta) if (!(Math.Abs(v) <= 30)) return double.PositiveInfinity;
        var (r, alpha, a, b) = (Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3]));
        var g = _groupX.Length;
        // per distinct x: the constant part of ln L and of each derivative, and ln(a/(b+x−1))
        var constant = new double[g];
        var dR = new double[g];
        var dA = new double[g];
        var dB = new double[g];
        var logA4 = new double[g];
        var invB4 = new double[g];
        var (lgR, lgB, lgAB, psiR, psiB, psiAB, logAlpha) = (LogGamma(r), LogGamma(b), LogGamma(a + b), Digamma(r), Digamma(b), Digamma(a + b), Math.Log(alpha));
        for (var k = 0; k < g; k++)
        {
            var x = _groupX[k];
            constant[k] = LogGamma(r + x) - lgR + r * logAlpha + lgAB + LogGamma(b + x) - lgB - LogGamma(a + b + x);
            dR[k] = Digamma(r + x) - psiR + logAlpha;
            var psiABX = Digamma(a + b + x);
            dA[k] = psiAB - psiABX;
            dB[k] = psiAB + Digamma(b + x) - psiB - psiABX;
            logA4[k] = x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : double.NegativeInfinity;
            invB4[k] = x > 0 ? 1 / (b + x - 1) : 0;
        }
        var sums = ChunkedSum.Run(Count, 5, options.MaxDegreeOfParallelism, (start, end, acc) =>
        {
            double ll = 0, gr = 0, ga = 0, gaa = 0, gb = 0;
            for (var i = start; i < end; i++)
            {
                var k = _group[i];
                var x = _x[i];
                var w = _w[i];
                var logT = Math.Log(alpha + _t[i]);
                var a3 = -(r + x) * logT;
                double rowLl, w4 = 0, logTx = 0;
                if (x > 0)
                {
                    logTx = Math.Log(alpha + _tx[i]);
                    var a4 = logA4[k] - (r + x) * logTx;
                    var max = Math.Max(a3, a4);
                    var e3 = Math.Exp(a3 - max);
                    var e4 = Math.Exp(a4 - max);
                    rowLl = max + Math.Log(e3 + e4);
                    w4 = e4 / (e3 + e4);
                }
                else rowLl = a3;
                var w3 = 1 - w4;
                ll += w * (constant[k] + rowLl);
                gr += w * (dR[k] - w3 * logT - w4 * logTx);
                ga += w * (-(r + x) * (w3 / (alpha + _t[i]) + w4 / (alpha + _tx[i])));
                gaa += w * (dA[k] + w4 / a);
                gb += w * (dB[k] - w4 * invB4[k]);
            }
            acc[0] += ll; acc[1] += gr; acc[2] += ga; acc[3] += gaa; acc[4] += gb;
        });
        var n = _totalWeight;
        // d/dθ = parameter · d/dparameter; the α term r/α per customer is added here in one go
        gradient[0] = -r * sums[1] / n;
        gradient[1] = -alpha * (sums[2] + n * r / alpha) / n;
        gradient[2] = -a * sums[3] / n;
        gradient[3] = -b * sums[4] / n;
        var value = -sums[0] / n;
        return FitChecks.Penalize(value, theta, gradient, options.Penalizer);
    }
}

internal static class FitChecks
{
    public static double Penalize(double value, ReadOnlySpan<double> theta, Span<double> gradient, double penalizer)
    {
        if (penalizer == 0) return value;
        for (var i = 0; i < theta.Length; i++)
        {
            value += penalizer * theta[i] * theta[i];
            gradient[i] += 2 * penalizer * theta[i];
        }
        return value;
    }

    /// <summary>Refuses a fit whose parameters ran to the bounds (the data do not determine them) or that did not converge.</summary>
    public static void Identified(Minimum minimum, string[] names, string model)
    {
        for (var i = 0; i < names.Length; i++)
            if (Math.Abs(minimum.Theta[i]) > BgNbd.IdentifiedBound)
                throw new DomainException("Value.FitNotIdentified",
                    $"The {model} model cannot be fitted to these data: {names[i]} runs to {(minimum.Theta[i] > 0 ? "infinity" : "zero")} (too few customers or too little variation).", model, names[i]);
        if (!minimum.Converged || !double.IsFinite(minimum.Value))
            throw new DomainException("Value.FitDidNotConverge", $"The {model} fit did not converge after {minimum.Iterations} iterations.", model, minimum.Iterations);
    }
}
