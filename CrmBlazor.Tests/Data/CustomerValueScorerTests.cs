using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Reports;
using CrmBlazor.Data.Users;
using CrmBlazor.Data.Value;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Domain.Value;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>
/// The nightly value scoring against a real database: what is stored per customer (hand-checked
/// purchase figures, RFM, tiers, predictions), who may read it, and the list filters and sorts on it.
/// </summary>
public abstract class CustomerValueScorerTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _am1 = null!, _am2 = null!;
    private readonly List<CrmEvent> _events = [];
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _am1 = await fx.AddUserAsync(Roles.AccountManager);
        _am2 = await fx.AddUserAsync(Roles.AccountManager);
        _subscription = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> As<T>(TestData.User u) where T : notnull =>
        fx.As<T>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    /// <summary>
    /// A population the models can be fitted on: 160 customers of am2 buying at individual rates
    /// over the last two years, a third of them stopping at some point (what BG/NBD describes).
    /// </summary>
    private async Task AddPopulationAsync()
    {
        var random = new Random(42);
        var today = fx.Clock.Today;
        await using var db = await fx.SystemDbAsync();
        var customers = Enumerable.Range(0, 160).Select(i => Customer.Create("V" + Guid.NewGuid().ToString("N")[..10],
            new CustomerDetails { Name = $"价值样本 {i}", RegionCode = "east", IndustryCode = "it" }, _am2.Id, fx.Clock.UtcNow)).ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        var k = 0;
        foreach (var c in customers)
        {
            var start = today.AddDays(-random.Next(60, 730));
            var rate = 0.005 + random.NextDouble() * 0.05; // purchases a day
            var stop = random.NextDouble() < 0.35 ? start.AddDays(random.Next(0, 400)) : today;
            var day = start;
            do
            {
                db.Orders.Add(Order.Create($"VO-{Guid.NewGuid():N}"[..20] + k++, c.Id, day, 50 + random.Next(0, 400), fx.Clock.UtcNow));
                day = day.AddDays(1 + (int)(-Math.Log(1 - random.NextDouble()) / rate));
            } while (day <= stop && day <= today);
        }
        await db.SaveChangesAsync();
    }

    private async Task<int> CustomerWithOrdersAsync(TestData.User owner, params (int DaysAgo, decimal Amount)[] orders)
    {
        var id = await fx.AddCustomerAsync("价值客户 " + Guid.NewGuid().ToString("N")[..6], owner.Id);
        await using var db = await fx.SystemDbAsync();
        foreach (var (daysAgo, amount) in orders)
            db.Orders.Add(Order.Create("VC-" + Guid.NewGuid().ToString("N")[..14], id, fx.Clock.Today.AddDays(-daysAgo), amount, fx.Clock.UtcNow));
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<CustomerValueScore?> ScoreOfAsync(int customerId)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.ValueScores.AsNoTracking().FirstOrDefaultAsync(s => s.CustomerId == customerId);
    }

    private Task<ValueModelRun> ScoreAsync() => fx.Services.GetRequiredService<CustomerValueScorer>().ScoreAsync(fx.Clock.Today, null);

    [Fact]
    public async Task Score_StoresHandCheckedPurchaseFiguresAndPredictions()
    {
        await AddPopulationAsync();
        // orders 100, 70 (same day as the 100: one purchase), 30 and 10 days ago: 3 purchase days
        var id = await CustomerWithOrdersAsync(_am1, (100, 200m), (100, 100m), (30, 500m), (10, 400m));
        var never = await fx.AddCustomerAsync("没有订单 " + Guid.NewGuid().ToString("N")[..6], _am1.Id);
        var firstToday = await CustomerWithOrdersAsync(_am1, (0, 300m)); // T = 0: the degenerate edge

        var run = await ScoreAsync();

        Assert.Null(run.FitError);
        Assert.NotNull(run.BgNbd);
        Assert.NotNull(run.GammaGamma);
        Assert.Equal(52, run.HorizonWeeks);
        var s = await ScoreOfAsync(id);
        Assert.NotNull(s);
        Assert.Equal(fx.Clock.Today, s.AsOf);
        Assert.Equal(10, s.RecencyDays);
        Assert.Equal(4, s.OrderCount);
        Assert.Equal(1200m, s.TotalSpend);
        Assert.Equal(1200m, s.Revenue12Months);
        Assert.Equal(2, s.RepeatPurchases); // two purchase days after the first
        // the stored predictions are the domain models' on x = 2, t_x = 90/7, T = 100/7 weeks, zbar = (500 + 400) / 2
        var bg = run.BgNbd!;
        var gg = run.GammaGamma!;
        var summary = new RepeatSummary(2, 90 / 7.0, 100 / 7.0, 450);
        Assert.Equal(BgNbd.ProbabilityAlive(bg, 2, 90 / 7.0, 100 / 7.0), s.ProbabilityAlive!.Value, 9);
        Assert.Equal(BgNbd.ExpectedPurchases(bg, 52, 2, 90 / 7.0, 100 / 7.0), s.ExpectedPurchases!.Value, 9);
        Assert.Equal(Math.Round((decimal)GammaGamma.ExpectedAverageValue(gg, 2, 450), 2), s.ExpectedAverageSpend);
        var weekly = Math.Pow(1.10, 1 / 52.0) - 1;
        Assert.Equal(Math.Round((decimal)Clv.Compute(bg, gg, summary, 52, weekly), 2), s.Clv);
        Assert.InRange(s.ProbabilityAlive!.Value, 0.0, 1.0);
        Assert.True(s.Clv > 0);
        Assert.InRange(s.RfmR, 1, 5);
        Assert.Null(await ScoreOfAsync(never));
        var edge = await ScoreOfAsync(firstToday);
        Assert.Equal(0, edge!.RecencyDays);
        Assert.True(edge.ProbabilityAlive is null || double.IsFinite(edge.ProbabilityAlive.Value));
        Assert.True(double.IsFinite(edge.ChurnRiskScore));
    }

    [Fact]
    public async Task Score_RanksTiersAndSegmentsOverEveryone_AndReplacesTheLastRun()
    {
        await AddPopulationAsync();
        var big = await CustomerWithOrdersAsync(_am1, (5, 900_000m), (40, 900_000m), (80, 900_000m));
        var lapsed = await CustomerWithOrdersAsync(_am1, (700, 80m));

        await ScoreAsync();
        var top = await ScoreOfAsync(big);
        var old = await ScoreOfAsync(lapsed);
        Assert.Equal(AbcTier.A, top!.AbcTier);
        Assert.Equal(ValueTier.High, top.ValueTier);
        Assert.Equal(5, top.RfmM);
        Assert.Equal(5, top.RfmR);
        Assert.Equal(ValueTier.Low, old!.ValueTier); // nothing in the last 12 months
        Assert.Equal(1, old.RfmR);
        Assert.Equal(RfmSegment.Lost, old.RfmSegment);

        // a second run replaces the scores: one row per customer, the newer run's date
        fx.Clock.Advance(TimeSpan.FromDays(1));
        try
        {
            var second = await ScoreAsync();
            await using var db = await fx.SystemDbAsync();
            Assert.Equal(await db.ValueScores.CountAsync(), await db.Customers.CountAsync(c => db.Orders.Any(o => o.CustomerId == c.Id)));
            Assert.Equal(second.AsOf, (await ScoreOfAsync(big))!.AsOf);
            Assert.Equal(second.Id, await db.ValueModelRuns.MaxAsync(r => r.Id));
        }
        finally
        {
            fx.Clock.Advance(TimeSpan.FromDays(-1));
        }
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) Assert.Contains(_events, e => e is CustomerValuesScored);
    }

    [Fact]
    public async Task Score_OneOrderCustomer_StoredWithoutRepeats_PredictionsPresentExactlyWhenTheModelFitted()
    {
        // the class shares one database, so whether the model could be fitted depends on the tests run before;
        // either way a scored customer has predictions exactly when the run has a model (the unfitted case: ValueModelTests)
        var id = await CustomerWithOrdersAsync(_am1, (3, 100m));
        var run = await ScoreAsync();
        var s = await ScoreOfAsync(id);
        Assert.NotNull(s);
        Assert.Equal(1, s.OrderCount);
        Assert.Equal(0, s.RepeatPurchases);
        if (run.FitError is not null)
        {
            Assert.Null(s.ProbabilityAlive);
            Assert.Null(s.Clv);
        }
        else Assert.NotNull(s.ProbabilityAlive);
        Assert.False(double.IsNaN(s.ChurnRiskScore));
    }

    [Fact]
    public async Task Read_AccountManagerSeesOwnCustomersScoresOnly_ListFiltersAndSortsByValue()
    {
        await AddPopulationAsync();
        var mine = await CustomerWithOrdersAsync(_am1, (5, 700_000m), (50, 700_000m));
        await ScoreAsync();
        var theirs = await (await As<CustomerService>(_am2)).ListAsync(new CustomerQuery { Take = 1 });
        var theirId = theirs.Items.Single().Id;

        var values = await As<CustomerValueService>(_am1);
        Assert.NotNull(await values.GetAsync(mine));
        Assert.Null(await values.GetAsync(theirId)); // another's customer: no scores through the customer filter
        Assert.NotNull(await (await As<CustomerValueService>(_am2)).GetAsync(theirId));

        var list = await As<CustomerService>(_am2);
        var high = await list.ListAsync(new CustomerQuery { ValueTier = ValueTier.High, Take = 500 });
        Assert.NotEmpty(high.Items);
        Assert.All(high.Items, r => Assert.Equal(ValueTier.High, r.Value!.Tier));
        var byClv = await list.ListAsync(new CustomerQuery { SortBy = "Clv", Descending = true, Take = 20 });
        var clvs = byClv.Items.Select(r => r.Value?.Clv ?? decimal.MinValue).ToArray();
        Assert.Equal(clvs.OrderByDescending(v => v).ToArray(), clvs);
        var segment = high.Items[0].Value!.Segment;
        var inSegment = await list.ListAsync(new CustomerQuery { RfmSegment = segment, Take = 500 });
        Assert.All(inSegment.Items, r => Assert.Equal(segment, r.Value!.Segment));
        Assert.DoesNotContain(inSegment.Items, r => r.Id == mine);
    }
    [Fact]
    public async Task Report_AddsUpToTheStoredScores_ManagerSeesTheTeam_DrillDownsListTheSameCustomers()
    {
        var manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("价值团队 " + Guid.NewGuid().ToString("N")[..6], manager.Id);
        var member = await fx.AddUserAsync(Roles.AccountManager, team);
        await AddPopulationAsync();
        var mine = new List<int>();
        for (var i = 0; i < 6; i++)
            mine.Add(await CustomerWithOrdersAsync(member, (3 + i * 20, 1000m * (i + 1)), (40 + i * 30, 800m), (200, 500m)));
        await ScoreAsync();

        // everyone (an executive): the aggregates add up to exactly the stored rows
        var exec = await fx.AddUserAsync(Roles.Executive);
        var all = await (await As<ValueReportService>(exec)).GetAsync(new ReportFilter());
        await using (var db = await fx.SystemDbAsync())
        {
            Assert.Equal(await db.ValueScores.CountAsync(), all.Customers);
            Assert.Equal(await db.ValueScores.CountAsync(v => v.Clv != null), all.ClvCustomers);
            var bySegment = await db.ValueScores.GroupBy(v => v.RfmSegment).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            foreach (var slice in all.Segments) Assert.Equal(bySegment.GetValueOrDefault(slice.Segment), slice.Customers);
            Assert.Equal(all.ClvCustomers, all.Bands.Sum(b => b.Customers));
            Assert.Equal(all.Customers, all.Map.Sum(c => c.Customers));
            var topClv = await db.ValueScores.Where(v => v.Clv != null).MaxAsync(v => v.Clv);
            Assert.Equal(topClv, all.Top[0].Clv);
        }

        // the manager: only the team's customers (and unowned ones — none here are scored)
        var report = await (await As<ValueReportService>(manager)).GetAsync(new ReportFilter());
        Assert.Equal(mine.Count, report.Customers);
        Assert.All(report.Top, t => Assert.Contains(t.CustomerId, mine));

        // a segment and a CLV band open the customer list with exactly the customers counted
        var list = await As<CustomerService>(manager);
        foreach (var slice in report.Segments.Where(s => s.Customers > 0))
            Assert.Equal(slice.Customers, (await list.ListAsync(new CustomerQuery { RfmSegment = slice.Segment, Take = 1 })).Total);
        foreach (var band in report.Bands.Where(b => b.Customers > 0))
            Assert.Equal(band.Customers, (await list.ListAsync(new CustomerQuery { ClvFrom = band.From, ClvTo = band.To, Take = 1 })).Total);

        // an account manager has no reports
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<ValueReportService>(member)).GetAsync(new ReportFilter()));
    }
}

public sealed class CustomerValueScorerTests_Sqlite(SqliteFixture fx) : CustomerValueScorerTests(fx), IClassFixture<SqliteFixture>;

public sealed class CustomerValueScorerTests_Postgres(PostgresFixture fx) : CustomerValueScorerTests(fx), IClassFixture<PostgresFixture>;
