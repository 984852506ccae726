using System.Diagnostics;
using System.Globalization;
using CrmBlazor.Bench.ClvFit;
using CrmBlazor.Domain.Value;

// bench/clv-fit [--customers N] [--seed S] [--repeat K] [--threads T]
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
int Option(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var customers = Option("customers", 1_000_000);
var seed = Option("seed", 1);
var repeat = Option("repeat", 5);
int? threads = options.ContainsKey("threads") ? Option("threads", 0) : null;
var fit = new FitOptions(MaxDegreeOfParallelism: threads);

// the CDNOW estimates, with time in days (α in weeks × 7)
var trueBg = new BgNbdParameters(0.243, 4.414 * 7, 0.793, 2.426, 0);
var trueGg = new GammaGammaParameters(6.25, 3.74, 15.44, 0);
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, threads for the likelihood: {threads?.ToString(CultureInfo.InvariantCulture) ?? "all"}");

var watch = Stopwatch.StartNew();
var population = Population.Simulate(customers, trueBg, trueGg, seed);
Console.WriteLine($"simulated {customers:N0} customers in {watch.Elapsed.TotalSeconds:F2} s: {population.Count(c => c.Frequency > 0):N0} repeat buyers, " +
    $"{population.Sum(c => c.Frequency):N0} repeat purchases, {population.Select(c => (c.Frequency, c.Recency, c.T)).Distinct().Count():N0} distinct (x, t_x, T), " +
    $"{population.Where(c => c.Frequency > 0).Select(c => (c.Frequency, c.MonetaryValue)).Distinct().Count():N0} distinct (x, z̄)");

if (options.TryGetValue("write", out var csv))
{
    // the population for the like-for-like Python run (bench/clv-fit-lifetimes-like.py)
    using var writer = new StreamWriter(csv);
    writer.WriteLine("x,t_x,T,zbar");
    foreach (var c in population)
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Frequency},{c.Recency},{c.T},{c.MonetaryValue}"));
    Console.WriteLine($"wrote {csv}");
}

BgNbdParameters bg = null!;
GammaGammaParameters gg = null!;
var bgTimes = new List<double>();
var ggTimes = new List<double>();
for (var k = 0; k < repeat; k++)
{
    watch.Restart();
    bg = BgNbd.Fit(population, fit);
    bgTimes.Add(watch.Elapsed.TotalSeconds);
    watch.Restart();
    gg = GammaGamma.Fit(population, fit);
    ggTimes.Add(watch.Elapsed.TotalSeconds);
}
string Times(List<double> t) => $"median {t.Order().ElementAt(t.Count / 2):F3} s (min {t.Min():F3}, max {t.Max():F3}, {t.Count} runs)";
Console.WriteLine($"BG/NBD fit:      {Times(bgTimes)}");
Console.WriteLine($"  r {bg.R:F4} (true {trueBg.R}), α {bg.Alpha:F3} (true {trueBg.Alpha:F3}), a {bg.A:F4} (true {trueBg.A}), b {bg.B:F4} (true {trueBg.B}), LL {bg.LogLikelihood:F1}");
Console.WriteLine($"Gamma-Gamma fit: {Times(ggTimes)}");
Console.WriteLine($"  p {gg.P:F4} (true {trueGg.P}), q {gg.Q:F4} (true {trueGg.Q}), v {gg.V:F3} (true {trueGg.V}), LL {gg.LogLikelihood:F1}");
Console.WriteLine($"both fits:       median {bgTimes.Zip(ggTimes, (a, b) => a + b).Order().ElementAt(repeat / 2):F3} s");

watch.Restart();
var predictions = Clv.PredictMany(bg, gg, population, periods: 12, discountRatePerPeriod: 0.01, periodLength: 365.25 / 12);
Console.WriteLine($"predict (next 12 months, monthly discounting 1 %) for {customers:N0} customers: {watch.Elapsed.TotalSeconds:F2} s; " +
    $"mean expected purchases {predictions.Average(p => p.ExpectedPurchases):F3}, mean CLV {predictions.Average(p => p.Value ?? 0):F2}");
