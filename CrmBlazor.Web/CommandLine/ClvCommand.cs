using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Value;

namespace CrmBlazor.Web.CommandLine;

/// <summary>
/// <c>clv fit FILE</c> and <c>clv predict FILE --horizon N [--discount-rate D]</c>: fit BG/NBD (and
/// Gamma-Gamma when the file has spend) on a summary CSV and print the parameters as JSON, or a
/// prediction per customer as CSV. Needs no database. Exit 0 on success, 1 for a bad file or a
/// model that cannot be fitted (the reason on standard error), 2 for bad arguments.
/// </summary>
public sealed record ClvCommand(bool Predict, string File, int Horizon, double DiscountRate)
{
    public static ClvCommand Parse(CliArguments options)
    {
        var verb = options.Positional.FirstOrDefault()?.ToLowerInvariant();
        if (verb is not ("fit" or "predict") || options.Positional.Count != 2)
            throw new CliUsageException("clv needs a verb and a file: clv fit FILE | clv predict FILE --horizon N [--discount-rate D]");
        var predict = verb == "predict";
        var horizon = predict ? options.Int("horizon", null, 1, 1_000_000) : 0;
        var rate = 0.0;
        if (predict && options.String("discount-rate") is { } text
            && (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || !(rate >= 0 && rate < 10)))
            throw new CliUsageException($"--discount-rate must be a number from 0 to below 10 per time unit (0.01 = 1 %), not '{text}'.");
        options.EnsureAllUsed();
        var file = options.Positional[1];
        if (!System.IO.File.Exists(file)) throw new CliUsageException($"File not found: {file}");
        return new ClvCommand(predict, file, horizon, rate);
    }

    public int Run()
    {
        SummaryFile data;
        BgNbdParameters bgNbd;
        GammaGammaParameters? gammaGamma;
        try
        {
            data = SummaryFile.Read(File);
            bgNbd = BgNbd.Fit(data.Summaries);
            gammaGamma = data.HasSpend ? GammaGamma.Fit(data.Summaries) : null;
        }
        catch (Exception e) when (e is SummaryFileException or DomainException)
        {
            Console.Error.WriteLine($"error: {File}: {e.Message}");
            return 1;
        }
        if (Predict) return WritePredictions(data, bgNbd, gammaGamma);
        Console.WriteLine(Json(bgNbd, gammaGamma));
        return 0;
    }

    private static string Json(BgNbdParameters bg, GammaGammaParameters? gg)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("bgnbd");
            json.WriteNumber("r", bg.R);
            json.WriteNumber("alpha", bg.Alpha);
            json.WriteNumber("a", bg.A);
            json.WriteNumber("b", bg.B);
            json.WriteNumber("logLikelihood", bg.LogLikelihood);
            json.WriteEndObject();
            if (gg is null) json.WriteNull("gammaGamma");
            else
            {
                json.WriteStartObject("gammaGamma");
                json.WriteNumber("p", gg.P);
                json.WriteNumber("q", gg.Q);
                json.WriteNumber("v", gg.V);
                json.WriteNumber("logLikelihood", gg.LogLikelihood);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private int WritePredictions(SummaryFile data, BgNbdParameters bg, GammaGammaParameters? gg)
    {
        ClvPrediction[] predictions;
        try
        {
            predictions = Clv.PredictMany(bg, gg, data.Summaries, Horizon, DiscountRate);
        }
        catch (DomainException e)
        {
            Console.Error.WriteLine($"error: {File}: {e.Message}");
            return 1;
        }
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        output.WriteLine("customer_id,expected_purchases,p_alive,expected_avg_spend,clv");
        for (var i = 0; i < predictions.Length; i++)
        {
            var p = predictions[i];
            output.Write(Csv(data.Ids[i]));
            output.Write(',');
            output.Write(Number(p.ExpectedPurchases));
            output.Write(',');
            output.Write(Number(p.ProbabilityAlive));
            output.Write(',');
            if (p.ExpectedAverageSpend is { } spend) output.Write(Number(spend));
            output.Write(',');
            if (p.Value is { } value) output.Write(Number(value));
            output.WriteLine();
        }
        return 0;
    }

    private static string Number(double v) => v.ToString("G10", CultureInfo.InvariantCulture);

    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
