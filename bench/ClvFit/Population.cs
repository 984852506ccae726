using CrmBlazor.Domain.Value;

namespace CrmBlazor.Bench.ClvFit;

/// <summary>
/// Simulates the BG/NBD and Gamma-Gamma generative stories (FHL 2005 §3; Fader &amp; Hardie 2013):
/// λ ~ Gamma(r, α), p ~ Beta(a, b); after the first purchase at day 0, purchases follow a Poisson
/// process at rate λ and after each one the customer drops out with probability p. Each purchase's
/// value is Gamma(p_s, ν) with ν ~ Gamma(q, γ). First purchases are spread over 13 weeks and the
/// observation ends 39 weeks after the earliest (like CDNOW); t_x and T are whole days, as orders are dated
/// (the only departure from the continuous-time model, worth ≈ ½ day per customer).
/// </summary>
public static class Population
{
    public static RepeatSummary[] Simulate(int customers, BgNbdParameters bg, GammaGammaParameters gg, int seed)
    {
        var result = new RepeatSummary[customers];
        const int chunk = 65_536;
        Parallel.For(0, (customers + chunk - 1) / chunk, c =>
        {
            var random = new Random(seed * 1_000_003 + c); // HashCode.Combine is salted per process: not reproducible
            for (var i = c * chunk; i < Math.Min(customers, (c + 1) * chunk); i++)
                result[i] = One(random, bg, gg);
        });
        return result;
    }

    private static RepeatSummary One(Random random, BgNbdParameters bg, GammaGammaParameters gg)
    {
        var T = 273 - random.Next(91);                       // days from the first purchase to the end
        var lambda = Gamma(random, bg.R) / bg.Alpha;          // purchases per day
        var pDrop = Beta(random, bg.A, bg.B);
        var nu = Gamma(random, gg.Q) / gg.V;
        double t = 0, spend = 0;
        var x = 0;
        var lastDay = 0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / lambda;
            if (t > T) break;
            x++;
            lastDay = (int)t; // orders are dated: the last purchase's whole day
            spend += Gamma(random, gg.P) / nu;
            if (random.NextDouble() < pDrop) break;
        }
        return new RepeatSummary(x, x == 0 ? 0 : lastDay, T, x == 0 ? 0 : Math.Round(spend / x, 2));
    }

    /// <summary>Gamma(shape, 1) by Marsaglia &amp; Tsang (2000), boosted for shape &lt; 1.</summary>
    private static double Gamma(Random random, double shape)
    {
        if (shape < 1) return Gamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Normal(random);
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    private static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a);
        return x / (x + Gamma(random, b));
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
