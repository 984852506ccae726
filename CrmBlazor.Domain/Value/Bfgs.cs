namespace CrmBlazor.Domain.Value;

/// <summary>An objective that fills the gradient of its value at θ; it returns +∞ where undefined.</summary>
internal delegate double Objective(ReadOnlySpan<double> theta, Span<double> gradient);

internal readonly record struct Minimum(double[] Theta, double Value, int Iterations, bool Converged);

/// <summary>
/// Quasi-Newton minimisation (BFGS, inverse-Hessian update) with a backtracking Armijo line search.
/// Converged when every gradient component is below the tolerance; a step that cannot lower the
/// value restarts once from the identity before giving up.
/// </summary>
internal static class Bfgs
{
    /// <summary>Largest change of any log-parameter in one step (e² ≈ 7.4× in the parameter).</summary>
    private const double MaxStep = 2;

    public static Minimum Minimize(Objective f, double[] start, double tolerance, int maxIterations)
    {
        var n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        var fx = f(x, g);
        if (!double.IsFinite(fx)) return new Minimum(x, fx, 0, false);
        var h = Identity(n);
        var direction = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var s = new double[n];
        var y = new double[n];
        var restarted = false;
        for (var iter = 1; iter <= maxIterations; iter++)
        {
            if (MaxAbs(g) < tolerance) return new Minimum(x, fx, iter - 1, true);
            for (var i = 0; i < n; i++)
            {
                var d = 0.0;
                for (var j = 0; j < n; j++) d -= h[i, j] * g[j];
                direction[i] = d;
            }
            var slope = Dot(direction, g);
            if (!(slope < 0)) // H lost positive definiteness: fall back to steepest descent
            {
                h = Identity(n);
                for (var i = 0; i < n; i++) direction[i] = -g[i];
                slope = Dot(direction, g);
            }
            var step = Math.Min(1, MaxStep / MaxAbs(direction));
            double fNew = double.NaN;
            var accepted = false;
            for (var k = 0; k < 60; k++, step *= 0.5)
            {
                for (var i = 0; i < n; i++) xNew[i] = x[i] + step * direction[i];
                fNew = f(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= fx + 1e-4 * step * slope) { accepted = true; break; }
            }
            if (!accepted)
            {
                if (restarted) return new Minimum(x, fx, iter, MaxAbs(g) < Math.Sqrt(tolerance));
                restarted = true;
                h = Identity(n);
                continue;
            }
            restarted = false;
            for (var i = 0; i < n; i++) { s[i] = xNew[i] - x[i]; y[i] = gNew[i] - g[i]; }
            var sy = Dot(s, y);
            if (iter == 1 && sy > 0) // scale the first guess of the inverse Hessian (Nocedal & Wright 6.20)
            {
                var scale = sy / Dot(y, y);
                for (var i = 0; i < n; i++) h[i, i] = scale;
            }
            if (sy > 1e-12 * Math.Sqrt(Dot(s, s) * Dot(y, y))) Update(h, s, y, sy);
            var change = Math.Abs(fx - fNew);
            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            fx = fNew;
            if (change == 0 && MaxAbs(g) < Math.Sqrt(tolerance)) return new Minimum(x, fx, iter, true);
        }
        return new Minimum(x, fx, maxIterations, MaxAbs(g) < tolerance);
    }

    /// <summary>H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(yᵀs).</summary>
    private static void Update(double[,] h, double[] s, double[] y, double sy)
    {
        var n = s.Length;
        var rho = 1 / sy;
        var hy = new double[n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) hy[i] += h[i, j] * y[j];
        var yhy = Dot(y, hy);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                h[i, j] += (1 + rho * yhy) * rho * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
    }

    private static double[,] Identity(int n)
    {
        var h = new double[n, n];
        for (var i = 0; i < n; i++) h[i, i] = 1;
        return h;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double MaxAbs(double[] a)
    {
        var max = 0.0;
        foreach (var v in a) max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
