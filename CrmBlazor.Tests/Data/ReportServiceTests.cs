using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Reports;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>
/// The executive reports on small hand-checked fixtures: the figures come from the aggregates the
/// database's triggers keep (migration 0005), so every test writes plain rows and reads the report.
/// Each test uses a region code of its own, so the shared database's other rows do not count.
/// </summary>
public abstract class ReportServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _am1 = null!, _am2 = null!, _outsider = null!, _exec = null!;
    private readonly string _region = "r" + Guid.NewGuid().ToString("N")[..8];

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Reports " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        _am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        _outsider = await fx.AddUserAsync(Roles.AccountManager);
        _exec = await fx.AddUserAsync(Roles.Executive);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> As<T>(TestData.User u) where T : notnull =>
        fx.As<T>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    private ReportFilter Mine => new() { RegionCode = _region };

    private async Task<int> CustomerAsync(string name, string? owner, string? level = null, int? credit = null, int? satisfaction = null)
    {
        await using var db = await fx.SystemDbAsync();
        var c = Customer.Create("R" + Guid.NewGuid().ToString("N")[..10],
            new CustomerDetails { Name = name, RegionCode = _region, IndustryCode = "it", LevelCode = level, Credit = credit, Satisfaction = satisfaction }, owner, fx.Clock.UtcNow);
        c.AddContact(new ContactDetails { Name = "联系人", Mobile = "13812348888" });
        db.Customers.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }

    private async Task OrderAsync(int customerId, DateOnly date, decimal amount)
    {
        await using var db = await fx.SystemDbAsync();
        db.Orders.Add(Order.Create("SO-" + Guid.NewGuid().ToString("N")[..12], customerId, date, amount, fx.Clock.UtcNow));
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        customer.RecordOrder(date, amount);
        await db.SaveChangesAsync();
    }

    /// <summary>A stage change as the lifecycle engine records it: the customer moves and the history gets the entry.</summary>
    private async Task MoveAsync(int customerId, LifecycleStage? from, LifecycleStage to, DateTime at)
    {
        await using var db = await fx.SystemDbAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        customer.MoveToStage(to, "[]", at);
        db.StageHistory.Add(new StageHistoryEntry(customerId, from, to, at, "[]"));
        await db.SaveChangesAsync();
    }

    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Contribution_RanksTheYearsAmounts_WithTheParetoFigures_AndTheBucketDrillsDownToItsCustomers()
    {
        // 2025: A 300 + 200 = 500, B 300, C 100, D 60, E 40 → 1,000; A's 2026 order does not count
        var a = await CustomerAsync("贡献甲 alpha", _am1.Id);
        var b = await CustomerAsync("贡献乙", _am1.Id);
        var c = await CustomerAsync("贡献丙 alpha", _am2.Id);
        var d = await CustomerAsync("贡献丁", _am2.Id);
        var e = await CustomerAsync("贡献戊", null);
        await OrderAsync(a, new DateOnly(2025, 3, 1), 300);
        await OrderAsync(a, new DateOnly(2025, 9, 1), 200);
        await OrderAsync(a, new DateOnly(2026, 1, 5), 9_999);
        await OrderAsync(b, new DateOnly(2025, 5, 1), 300);
        await OrderAsync(c, new DateOnly(2025, 5, 2), 100);
        await OrderAsync(d, new DateOnly(2025, 5, 3), 60);
        await OrderAsync(e, new DateOnly(2025, 5, 4), 40);

        var service = await As<ContributionReportService>(_exec);
        var report = await service.GetAsync(Mine with { Year = 2025 });

        Assert.Equal((5, 1_000m), (report.Customers, report.Revenue));
        Assert.Equal(0.5, report.Top20Share, 6); // the top 20 % is one customer: A's 500 of 1,000
        Assert.Equal([a, b, c, d, e], report.Top.Select(t => t.CustomerId).ToArray());
        Assert.Equal((1, 500m, 2), (report.Top[0].Rank, report.Top[0].Amount, report.Top[0].OrderCount));
        // five customers, amounts far apart: one bucket each, cumulative revenue 50 %, 80 %, 90 %, 96 %, 100 %
        Assert.Equal([0.5, 0.8, 0.9, 0.96, 1.0], report.Buckets.Select(x => Math.Round(x.CumulativeRevenueShare, 6)).ToArray());
        Assert.Equal([0.2, 0.4, 0.6, 0.8, 1.0], report.Buckets.Select(x => Math.Round(x.CumulativeCustomerShare, 6)).ToArray());
        Assert.Contains(2025, report.Years);

        var second = report.Buckets[1];
        var list = await (await As<CustomerService>(_exec)).ListAsync(new CustomerQuery
            { RegionCode = _region, RevenueYear = 2025, RevenueMinBin = second.MinBin, RevenueMaxBin = second.MaxBin });
        Assert.Equal([b], list.Items.Select(x => x.Id).ToArray());

        var named = await service.GetAsync(Mine with { Year = 2025, Name = "alpha" });
        Assert.Equal((2, 600m), (named.Customers, named.Revenue));
        var page = await service.RankAsync(Mine with { Name = "alpha" }, 2025, 1, 10);
        Assert.Equal((2, 2, c), (page.Total, page.Items[0].Rank, page.Items[0].CustomerId));
    }

    [Fact]
    public async Task Composition_CountsCustomersAndSpendPerDimension()
    {
        var x = await CustomerAsync("构成甲", _am1.Id, "major", 5, 4);
        await CustomerAsync("构成乙", _am1.Id, "major", 5, null);
        var z = await CustomerAsync("构成丙", _am2.Id, "ordinary", 3, 2);
        await OrderAsync(x, new DateOnly(2026, 2, 1), 700);
        await OrderAsync(z, new DateOnly(2026, 2, 1), 50);
        await MoveAsync(z, null, LifecycleStage.Growing, Utc(2026, 2, 2));

        var report = await (await As<CompositionReportService>(_exec)).GetAsync(Mine);

        Assert.Equal((3, 750m), (report.Customers, report.TotalSpend));
        Assert.Equal([("major", 2, 700m), ("ordinary", 1, 50m)], report.Slices[CompositionDimension.Level].Select(s => (s.Key, s.Count, s.TotalSpend)).ToArray());
        Assert.Equal([("5", 2), ("3", 1)], report.Slices[CompositionDimension.Credit].Select(s => (s.Key, s.Count)).ToArray());
        Assert.Equal(3, report.Slices[CompositionDimension.Satisfaction].Count); // 4, 2 and not given
        Assert.Contains(report.Slices[CompositionDimension.Satisfaction], s => s.Key is null && s.Count == 1);
        Assert.Equal([("Prospect", 2), ("Growing", 1)], report.Slices[CompositionDimension.Stage].Select(s => (s.Key, s.Count)).ToArray());
        Assert.Equal([(_region, 3)], report.Slices[CompositionDimension.Region].Select(s => (s.Key, s.Count)).ToArray());

        var major = await (await As<CompositionReportService>(_exec)).GetAsync(Mine with { LevelCode = "major" });
        Assert.Equal(2, major.Customers);
    }

    [Fact]
    public async Task Churn_GivesTheMonthlyRate_TheWarningsByStatus_AndTheConfirmedCustomersWithReasons()
    {
        var x = await CustomerAsync("流失甲", _am1.Id);
        var y = await CustomerAsync("流失乙", _am1.Id);
        var z = await CustomerAsync("流失丙", _am2.Id);
        await MoveAsync(x, null, LifecycleStage.Growing, Utc(2026, 9, 5));
        await MoveAsync(y, null, LifecycleStage.Growing, Utc(2026, 9, 6));
        await MoveAsync(z, null, LifecycleStage.Growing, Utc(2026, 9, 7));
        await MoveAsync(x, LifecycleStage.Growing, LifecycleStage.Churned, Utc(2026, 10, 10));
        await using (var db = await fx.SystemDbAsync())
        {
            var confirmed = ChurnCase.Raise(x, ChurnTrigger.Churned, new DateOnly(2026, 6, 1), Utc(2026, 10, 10));
            confirmed.Confirm("price", "太贵", _am1.Id, Utc(2026, 10, 20));
            var postponed = ChurnCase.Raise(y, ChurnTrigger.NoOrders, null, Utc(2026, 10, 11));
            postponed.Postpone("电话回访", _am1.Id, Utc(2026, 10, 12));
            db.ChurnCases.AddRange(confirmed, postponed, ChurnCase.Raise(z, ChurnTrigger.NoOrders, null, Utc(2026, 11, 1)));
            await db.SaveChangesAsync();
        }

        var service = await As<ChurnReportService>(_exec);
        var period = Mine with { From = new DateOnly(2026, 9, 1), To = new DateOnly(2026, 11, 30) };
        var report = await service.GetAsync(period);

        // September: nobody trading at its start; October: 1 of the 3 growing customers churned
        Assert.Equal([(0, 0), (1, 3), (0, 2)], report.Months.Select(m => (m.Churned, m.TradingAtStart)).ToArray());
        Assert.Equal(1.0 / 3, report.Months[1].Rate, 6);
        Assert.Equal([1, 1, 1, 0], report.Warnings.Select(w => w.Count).ToArray()); // open, postponed, confirmed, resolved
        Assert.Equal([("price", 1)], report.Reasons.Select(r => (r.ReasonCode, r.Count)).ToArray());
        var churned = await service.ChurnedAsync(period, 0, 20);
        Assert.Equal([(x, "price")], churned.Items.Select(r => (r.CustomerId, r.ReasonCode)).ToArray());

        var customers = await As<CustomerService>(_exec);
        var october = await customers.ListAsync(new CustomerQuery { RegionCode = _region, MovedTo = LifecycleStage.Churned, MovedSince = new DateOnly(2026, 10, 1), MovedUntil = new DateOnly(2026, 10, 31) });
        Assert.Equal([x], october.Items.Select(c => c.Id).ToArray());
        var postponedList = await customers.ListAsync(new CustomerQuery { RegionCode = _region, ChurnWarning = ChurnCaseStatus.Postponed });
        Assert.Equal([y], postponedList.Items.Select(c => c.Id).ToArray());
        var reasons = await customers.ListAsync(new CustomerQuery { RegionCode = _region, ChurnReason = "price", ChurnedFrom = new DateOnly(2026, 9, 1), ChurnedTo = new DateOnly(2026, 11, 30) });
        Assert.Equal([x], reasons.Items.Select(c => c.Id).ToArray());
    }

    [Fact]
    public async Task Lifecycle_CountsStagesPerMonth_TransitionsOfThePeriod_AndTheMedianTimeInAStage()
    {
        var x = await CustomerAsync("周期甲", _am1.Id);
        var y = await CustomerAsync("周期乙", _am2.Id);
        await MoveAsync(x, null, LifecycleStage.New, Utc(2026, 8, 3));
        await MoveAsync(y, null, LifecycleStage.New, Utc(2026, 8, 10));
        await MoveAsync(x, LifecycleStage.New, LifecycleStage.Growing, Utc(2026, 8, 24));        // 21 days in New
        await MoveAsync(y, LifecycleStage.New, LifecycleStage.Growing, Utc(2026, 9, 14));        // 35 days in New
        await MoveAsync(x, LifecycleStage.Growing, LifecycleStage.Declining, Utc(2026, 10, 5));  // 42 days in Growing

        var report = await (await As<LifecycleReportService>(_exec)).GetAsync(Mine with { From = new DateOnly(2026, 9, 1), To = new DateOnly(2026, 10, 31) });

        int At(int month, LifecycleStage s) => report.StagesOverTime.Single(c => c.Month == new DateOnly(2026, month, 1) && c.Stage == s).Customers;
        Assert.Equal((0, 2, 0), (At(9, LifecycleStage.New), At(9, LifecycleStage.Growing), At(9, LifecycleStage.Declining)));
        Assert.Equal((0, 1, 1), (At(10, LifecycleStage.New), At(10, LifecycleStage.Growing), At(10, LifecycleStage.Declining)));
        Assert.Equal([(LifecycleStage.New, LifecycleStage.Growing, 1), (LifecycleStage.Growing, LifecycleStage.Declining, 1)],
            report.Transitions.Select(t => (t.From!.Value, t.To, t.Count)).ToArray());
        // stays are counted by whole weeks: 35 days is week 5, its middle 38.5 days; 42 days is week 6 → 45.5
        var durations = report.Durations.ToDictionary(d => d.Stage);
        Assert.Equal((1, 38.5), (durations[LifecycleStage.New].Exits, durations[LifecycleStage.New].MedianDays));
        Assert.Equal((1, 45.5), (durations[LifecycleStage.Growing].Exits, durations[LifecycleStage.Growing].MedianDays));
        Assert.Null(durations[LifecycleStage.Mature].MedianDays);

        var moved = await (await As<CustomerService>(_exec)).ListAsync(new CustomerQuery
            { RegionCode = _region, MovedFrom = LifecycleStage.New, MovedTo = LifecycleStage.Growing, MovedSince = new DateOnly(2026, 9, 1), MovedUntil = new DateOnly(2026, 10, 31) });
        Assert.Equal([y], moved.Items.Select(c => c.Id).ToArray());

        // a point of the stacked areas lists exactly the customers it counted (at the month's end)
        var customers = await As<CustomerService>(_exec);
        foreach (var month in new[] { 9, 10 })
            foreach (var stage in new[] { LifecycleStage.New, LifecycleStage.Growing, LifecycleStage.Declining })
            {
                var inStage = await customers.ListAsync(new CustomerQuery
                    { RegionCode = _region, InStage = stage, InStageOn = new DateOnly(2026, month, 1).AddMonths(1).AddDays(-1) });
                Assert.Equal(At(month, stage), inStage.Total);
            }
        var growingInSeptember = await customers.ListAsync(new CustomerQuery { RegionCode = _region, InStage = LifecycleStage.Growing, InStageOn = new DateOnly(2026, 9, 30) });
        Assert.Equal([x, y], growingInSeptember.Items.Select(c => c.Id).Order().ToArray());
        var declining = await customers.ListAsync(new CustomerQuery { RegionCode = _region, InStage = LifecycleStage.Declining, InStageOn = new DateOnly(2026, 10, 4) });
        Assert.Empty(declining.Items); // moved on 5 October
    }

    [Fact]
    public async Task Reports_ForASalesManager_CoverTheTeamOnly_AndFollowACustomerToItsNewOwner()
    {
        var mine = await CustomerAsync("团队甲", _am1.Id, "major");
        var theirs = await CustomerAsync("团队外", _outsider.Id, "major");
        await OrderAsync(mine, new DateOnly(2026, 3, 1), 100);
        await OrderAsync(theirs, new DateOnly(2026, 3, 1), 900);
        await MoveAsync(mine, null, LifecycleStage.New, Utc(2026, 3, 2));
        await MoveAsync(theirs, null, LifecycleStage.New, Utc(2026, 3, 2));

        var asManager = await (await As<ContributionReportService>(_manager)).GetAsync(Mine with { Year = 2026 });
        Assert.Equal((1, 100m), (asManager.Customers, asManager.Revenue));
        var asExec = await (await As<ContributionReportService>(_exec)).GetAsync(Mine with { Year = 2026 });
        Assert.Equal((2, 1_000m), (asExec.Customers, asExec.Revenue));
        Assert.Equal(1, (await (await As<CompositionReportService>(_manager)).GetAsync(Mine)).Customers);
        var period = Mine with { From = new DateOnly(2026, 3, 1), To = new DateOnly(2026, 3, 31) };
        Assert.Equal(1, (await (await As<LifecycleReportService>(_manager)).GetAsync(period)).Transitions.Sum(t => t.Count));
        // a filter for someone outside the team finds nothing, it does not widen the view
        Assert.Equal(0, (await (await As<CompositionReportService>(_manager)).GetAsync(Mine with { OwnerId = _outsider.Id })).Customers);

        // the outsider's customer is given to the team: its revenue and stage changes come along
        await using (var db = await fx.SystemDbAsync())
        {
            (await db.Customers.SingleAsync(c => c.Id == theirs)).AssignOwner(_am2.Id);
            await db.SaveChangesAsync();
        }
        Assert.Equal((2, 1_000m), ((await (await As<ContributionReportService>(_manager)).GetAsync(Mine with { Year = 2026 })) is var r ? (r.Customers, r.Revenue) : default));
        Assert.Equal(2, (await (await As<LifecycleReportService>(_manager)).GetAsync(period)).Transitions.Sum(t => t.Count));
        Assert.Equal(2, (await (await As<CompositionReportService>(_manager)).GetAsync(Mine)).Customers);
    }

    [Fact]
    public async Task Reports_ForAnAccountManager_AreRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<ContributionReportService>(_am1)).GetAsync(Mine));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<ContributionReportService>(_am1)).RankAsync(Mine, 2026, 0, 20));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CompositionReportService>(_am1)).GetAsync(Mine));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<ChurnReportService>(_am1)).GetAsync(Mine));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<ChurnReportService>(_am1)).ChurnedAsync(Mine, 0, 20));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<LifecycleReportService>(_am1)).GetAsync(Mine));
    }
}

public sealed class ReportServiceTests_Sqlite(SqliteFixture fx) : ReportServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class ReportServiceTests_Postgres(PostgresFixture fx) : ReportServiceTests(fx), IClassFixture<PostgresFixture>;
