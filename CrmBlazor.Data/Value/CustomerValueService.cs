using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Value;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Value;

/// <summary>One customer's stored value scores with the model run behind them (the customer page).</summary>
public sealed record CustomerValueDetail(
    DateOnly AsOf, int RfmR, int RfmF, int RfmM, RfmSegment Segment, AbcTier AbcTier, ValueTier ValueTier, decimal Revenue12Months,
    int RepeatPurchases, double? ExpectedPurchases, double? ProbabilityAlive, decimal? ExpectedAverageSpend, decimal? Clv,
    double ChurnRiskScore, ChurnRiskLevel ChurnRisk, int HorizonWeeks, double AnnualDiscountRate, string? FitError);

/// <summary>The last model run: when, on how many customers, with which parameters.</summary>
public sealed record ValueRunRow(int Id, DateOnly AsOf, DateTime ComputedAt, int Customers, int RepeatBuyers, double TopTwentyShare,
    BgNbdParameters? BgNbd, GammaGammaParameters? GammaGamma, int HorizonWeeks, double AnnualDiscountRate, string? FitError, double Seconds)
{
    public static ValueRunRow? Of(ValueModelRun? run) => run is null ? null : new(run.Id, run.AsOf, run.ComputedAt, run.Customers, run.RepeatBuyers,
        run.TopTwentyShare, run.BgNbd, run.GammaGamma, run.HorizonWeeks, run.AnnualDiscountRate, run.FitError, run.Seconds);
}

/// <summary>Reads the nightly value scores; customers the caller may not see have none (the scores are reached through the customer filter).</summary>
public sealed class CustomerValueService(CrmDbFactory dbFactory)
{
    public async Task<CustomerValueDetail?> GetAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var score = await db.Customers.AsNoTracking().Where(c => c.Id == customerId && c.ValueScore != null).Select(c => c.ValueScore!).FirstOrDefaultAsync(ct);
        if (score is null) return null;
        var run = await LatestAsync(db, ct);
        return new CustomerValueDetail(score.AsOf, score.RfmR, score.RfmF, score.RfmM, score.RfmSegment, score.AbcTier, score.ValueTier,
            score.Revenue12Months, score.RepeatPurchases, score.ExpectedPurchases, score.ProbabilityAlive, score.ExpectedAverageSpend, score.Clv,
            score.ChurnRiskScore, score.ChurnRisk, run?.HorizonWeeks ?? 52, run?.AnnualDiscountRate ?? 0, run?.FitError);
    }

    public async Task<ValueRunRow?> LatestRunAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        return ValueRunRow.Of(await LatestAsync(db, ct));
    }

    private static Task<ValueModelRun?> LatestAsync(CrmDbContext db, CancellationToken ct) =>
        db.ValueModelRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
}
