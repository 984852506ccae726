using System.Diagnostics;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Value;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace CrmBlazor.Data.Value;

/// <summary>
/// Scores every customer with orders (the nightly job and <c>recompute</c>, after the lifecycle
/// pass so churn risk reads the new stages): RFM, 80/20 tiers, BG/NBD + Gamma-Gamma fitted on
/// everyone's purchases, CLV over the horizon, churn risk. Replaces all scores in one transaction
/// and records the model run, so a reader never sees half a night's scores.
/// </summary>
public sealed class CustomerValueScorer(IDbContextFactory<CrmDbContext> factory, CrmEventHub hub, TimeProvider clock, ILogger<CustomerValueScorer> log)
{
    /// <summary>Settings keys; the defaults are a one-year horizon at 10 % a year.</summary>
    public const string HorizonWeeksKey = "Value.HorizonWeeks";
    public const string AnnualDiscountRateKey = "Value.AnnualDiscountRate";
    private const int DefaultHorizonWeeks = 52;
    private const double DefaultAnnualDiscountRate = 0.10;
    private const int RowsPerFlush = 5_000;
    /// <summary>
    /// A small L2 penalty on the log-parameters (lifetimes' <c>penalizer_coef</c>): a company's own
    /// data — a few hundred customers, regular buying rhythms — often leaves the likelihood nearly
    /// flat along a ridge (dropout parameters running off together), where the unpenalised fit
    /// wanders or refuses; the penalty picks the stable point on that ridge. The CDNOW validation
    /// (ADR 007) is unpenalised.
    /// </summary>
    private static readonly FitOptions Fitting = new(Penalizer: 0.001);

    public async Task<ValueModelRun> ScoreAsync(DateOnly asOf, IProgress<RecomputeProgress>? progress, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateSystemContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var dialect = SqlDialect.For(db.Database.ProviderName);
        var settings = await db.Settings.AsNoTracking().Where(s => s.Key == HorizonWeeksKey || s.Key == AnnualDiscountRateKey)
            .ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        var run = new ValueModelRun(asOf, now,
            ParseSetting(settings, HorizonWeeksKey, DefaultHorizonWeeks, v => (int)v),
            ParseSetting(settings, AnnualDiscountRateKey, DefaultAnnualDiscountRate, v => v));

        var totalOrders = await db.Orders.LongCountAsync(ct);
        var histories = await PurchaseReader.ReadAsync(db, dialect, asOf, rows => progress?.Report(new RecomputeProgress("value", rows, totalOrders, watch.Elapsed)), ct);
        var asOfDay = asOf.DayNumber;

        var rfm = Rfm.Score(histories.Select(h => new RfmInput(h.CustomerId, asOfDay - h.LastDay, h.Orders, h.Total)).ToArray());
        var pareto = Pareto.Rank(histories.Select(h => (h.CustomerId, h.Last12Months)).ToArray());
        var summaries = histories.Select(h => h.Summary(asOfDay)).ToArray();
        // a customer whose first purchase is today (T = 0) says nothing about rates or dropout yet: the
        // models are fitted without them, and still predict for them
        var (bg, gg) = Fit(summaries.Where(s => s.T > 0).ToArray(), run);
        // the customers' current dimensions: churn risk reads the stage, the report aggregates all of them
        var dims = new Dictionary<int, Dimensions>(histories.Count);
        await foreach (var c in db.Customers.AsNoTracking()
                           .Select(c => new { c.Id, c.Stage, c.OwnerId, c.LevelCode, c.RegionCode, c.IndustryCode }).AsAsyncEnumerable().WithCancellation(ct))
            dims[c.Id] = new Dimensions(c.OwnerId ?? "", c.Stage.ToString(), c.LevelCode ?? "", c.RegionCode ?? "", c.IndustryCode ?? "", c.Stage);
        var warned = (await db.ChurnCases.AsNoTracking().Where(c => c.Status == ChurnCaseStatus.Open || c.Status == ChurnCaseStatus.Postponed)
            .Select(c => c.CustomerId).ToListAsync(ct)).ToHashSet();
        var tiers = pareto.Customers.ToDictionary(c => c.CustomerId);
        var weeklyRate = Math.Pow(1 + run.AnnualDiscountRate, 1 / 52.0) - 1;
        var unusable = 0;
        var facts = new ValueFactBuilder();

        var connection = db.Database.GetDbConnection();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var transaction = tx.GetDbTransaction();
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM {dialect.Quote("CustomerValueScores")}";
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using var rows = BulkInserter.For<CustomerValueScore>(db, connection, dialect,
            "CustomerId", "AsOf", "RecencyDays", "OrderCount", "TotalSpend", "Revenue12Months", "RfmR", "RfmF", "RfmM", "RfmSegment",
            "AbcTier", "ValueTier", "RepeatPurchases", "ExpectedPurchases", "ProbabilityAlive", "ExpectedAverageSpend", "Clv", "ChurnRiskScore", "ChurnRisk");
        for (var i = 0; i < histories.Count; i++)
        {
            var h = histories[i];
            var s = summaries[i];
            var score = rfm[i];
            var tier = tiers[h.CustomerId];
            double? expected = null, alive = null;
            decimal? spend = null, clv = null;
            if (bg is not null)
            {
                expected = Finite(BgNbd.ExpectedPurchases(bg, run.HorizonWeeks, s.Frequency, s.Recency, s.T));
                alive = Finite(BgNbd.ProbabilityAlive(bg, s.Frequency, s.Recency, s.T));
                if (gg is not null)
                {
                    spend = Money(GammaGamma.ExpectedAverageValue(gg, s.Frequency, s.MonetaryValue));
                    clv = Money(Clv.Compute(bg, gg, s, run.HorizonWeeks, weeklyRate));
                }
                if (expected is null || alive is null || gg is not null && (spend is null || clv is null)) unusable++;
            }
            var found = dims.TryGetValue(h.CustomerId, out var dim);
            // without a fitted model the stage and the warning alone decide (the model adds no risk)
            var (riskScore, risk) = ChurnRisk.Assess(alive ?? 1.0, found ? dim!.StageValue : null, warned.Contains(h.CustomerId));
            facts.Add(dim ?? Dimensions.None, score, clv, h.Last12Months);
            rows.Add(h.CustomerId, asOf, asOfDay - h.LastDay, h.Orders, h.Total, h.Last12Months, score.R, score.F, score.M, score.Segment,
                tier.Tier, tier.ValueTier, h.RepeatPurchases, expected, alive, spend, clv, riskScore, risk);
            if (rows.Pending >= RowsPerFlush)
            {
                await rows.FlushAsync(transaction, ct);
                progress?.Report(new RecomputeProgress("value-write", i + 1, histories.Count, watch.Elapsed));
            }
        }
        await rows.FlushAsync(transaction, ct);
        await facts.WriteAsync(db, connection, transaction, dialect, ct);
        run.Customers = histories.Count;
        run.RepeatBuyers = histories.Count(h => h.RepeatPurchases > 0);
        run.TopTwentyShare = pareto.TopTwentyShare;
        run.Seconds = watch.Elapsed.TotalSeconds;
        db.ValueModelRuns.Add(run);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        progress?.Report(new RecomputeProgress("value-write", histories.Count, histories.Count, watch.Elapsed));
        log.LogInformation("Value scoring as of {AsOf}: {Customers} customers, fit {Fit}, in {Seconds:F1} s",
            asOf, run.Customers, run.FitError ?? "ok", run.Seconds);
        if (unusable > 0) log.LogWarning("Value scoring: the models gave no usable prediction for {Count} customers", unusable);
        await hub.PublishAsync(new CustomerValuesScored(run.Id, run.Customers, now));
        return run;
    }

    /// <summary>Fits both models; a population they cannot be fitted on (too small, no repeat buyers) leaves the predictions empty and says why.</summary>
    private (BgNbdParameters?, GammaGammaParameters?) Fit(RepeatSummary[] summaries, ValueModelRun run)
    {
        try
        {
            run.BgNbd = BgNbd.Fit(summaries, Fitting);
        }
        catch (DomainException e)
        {
            run.FitError = e.Code;
            return (null, null);
        }
        try
        {
            run.GammaGamma = GammaGamma.Fit(summaries, Fitting);
        }
        catch (DomainException e)
        {
            run.FitError = e.Code;
        }
        return (run.BgNbd, run.GammaGamma);
    }

    /// <summary>A prediction the models could not give as a number is stored as none rather than as NaN or an overflow.</summary>
    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static decimal? Money(double v) => double.IsFinite(v) && Math.Abs(v) < 1e13 ? Math.Round((decimal)v, 2) : null;

    private T ParseSetting<T>(Dictionary<string, string> settings, string key, T fallback, Func<double, T> convert)
    {
        if (!settings.TryGetValue(key, out var text)) return fallback;
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0)
            return convert(v);
        log.LogWarning("Setting {Key} has an unusable value; using the default", key);
        return fallback;
    }
}

/// <summary>A customer's dimensions as the report aggregates key them ('' for none).</summary>
internal sealed record Dimensions(string OwnerId, string Stage, string LevelCode, string RegionCode, string IndustryCode, LifecycleStage? StageValue)
{
    public static readonly Dimensions None = new("", "", "", "", "", null);
}
