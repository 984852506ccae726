using CrmBlazor.Data.DataQuality;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>The monthly data-quality report: each kind of finding is found, and only among the caller's customers.</summary>
public abstract class DataQualityServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _am = null!, _outsider = null!, _admin = null!;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("DQ " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am = await fx.AddUserAsync(Roles.AccountManager, team);
        _outsider = await fx.AddUserAsync(Roles.AccountManager);
        _admin = await fx.AddUserAsync(Roles.Admin);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<DataQualityService> As(TestData.User u) =>
        fx.As<DataQualityService>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    private async Task<DataQualityReport> ReportAsync(TestData.User u) => await (await As(u)).ReportAsync(fx.Clock.Today.Year, fx.Clock.Today.Month);

    private static IReadOnlyList<DataQualityFinding> Of(DataQualityReport r, DataQualityKind kind) => r.Sections.Single(s => s.Kind == kind).Findings;

    private async Task<string> AddOrderAsync(int customerId, DateOnly date, decimal amount)
    {
        await using var db = await fx.SystemDbAsync();
        var order = Order.Create("DQ-" + Guid.NewGuid().ToString("N")[..12], customerId, date, amount, fx.Clock.UtcNow);
        db.Orders.Add(order);
        (await db.Customers.FirstAsync(c => c.Id == customerId)).RecordOrder(date, amount);
        await db.SaveChangesAsync();
        return order.OrderNo;
    }

    [Fact]
    public async Task Report_FindsDuplicatesByNameAndPhone()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var a = await fx.AddCustomerAsync($"重复 公司{suffix}", _am.Id, mobile: "13600000001");
        var b = await fx.AddCustomerAsync($"重复公司{suffix} ", _am.Id, mobile: "136-0000-0001");
        var c = await fx.AddCustomerAsync($"独一无二{suffix}", _am.Id, mobile: "13600000009");
        var report = await ReportAsync(_manager);
        var names = Of(report, DataQualityKind.DuplicateName).Select(f => f.CustomerId).ToArray();
        Assert.Contains(a, names);
        Assert.Contains(b, names);
        Assert.DoesNotContain(c, names);
        var phones = Of(report, DataQualityKind.DuplicatePhone).Where(f => f.Detail == "136****0001").Select(f => f.CustomerId).ToArray();
        Assert.Equal(new[] { a, b }.Order(), phones.Order());
    }

    [Fact]
    public async Task Report_FindsMissingAndImpossibleValues()
    {
        var noRegion = await fx.AddCustomerAsync("缺地区 " + Guid.NewGuid().ToString("N")[..6], _am.Id);
        var withOrders = await fx.AddCustomerAsync("订单问题 " + Guid.NewGuid().ToString("N")[..6], _am.Id);
        var negative = await AddOrderAsync(withOrders, fx.Clock.Today.AddDays(-3), 100m);
        await using (var db = await fx.SystemDbAsync())
        {
            await db.Customers.Where(x => x.Id == noRegion).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegionCode, (string?)null).SetProperty(x => x.Satisfaction, 7));
            await db.Orders.Where(o => o.OrderNo == negative).ExecuteUpdateAsync(s => s.SetProperty(o => o.Amount, -5m));
            await db.Customers.Where(x => x.Id == withOrders).ExecuteUpdateAsync(s => s.SetProperty(x => x.FirstOrderDate, (DateOnly?)null));
        }
        var report = await ReportAsync(_manager);
        Assert.Contains(Of(report, DataQualityKind.NoRegion), f => f.CustomerId == noRegion);
        Assert.Contains(Of(report, DataQualityKind.SatisfactionOutOfRange), f => f.CustomerId == noRegion && f.Value == 7);
        Assert.Contains(Of(report, DataQualityKind.NegativeAmount), f => f.CustomerId == withOrders && f.Detail == negative);
        Assert.Contains(Of(report, DataQualityKind.NoFirstOrderDate), f => f.CustomerId == withOrders);
        Assert.DoesNotContain(Of(report, DataQualityKind.NoFirstOrderDate), f => f.CustomerId == noRegion);
    }

    [Fact]
    public async Task Report_FindsOrdersBeforeCreationOrFirstOrderDate_AndCustomersWithoutContactOrOwner()
    {
        var id = await fx.AddCustomerAsync("早于创建 " + Guid.NewGuid().ToString("N")[..6], _am.Id);
        var early = await AddOrderAsync(id, fx.Clock.Today.AddDays(-400), 10m);
        var unowned = await fx.AddCustomerAsync("无负责人 " + Guid.NewGuid().ToString("N")[..6], null);
        await using (var db = await fx.SystemDbAsync())
        {
            await db.Customers.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.FirstOrderDate, fx.Clock.Today.AddDays(-100)));
            await db.Contacts.Where(x => x.CustomerId == unowned).ExecuteDeleteAsync();
        }
        var report = await ReportAsync(_admin);
        Assert.Contains(Of(report, DataQualityKind.OrderBeforeCreation), f => f.CustomerId == id && f.Detail == early);
        Assert.Contains(Of(report, DataQualityKind.OrderBeforeFirstOrderDate), f => f.CustomerId == id && f.Detail == early);
        Assert.Contains(Of(report, DataQualityKind.NoOwner), f => f.CustomerId == unowned);
        Assert.Contains(Of(report, DataQualityKind.NoContact), f => f.CustomerId == unowned);
    }

    [Fact]
    public async Task Report_ManagerSeesOnlyTheTeam_AccountManagersMayNotRunIt()
    {
        var foreign = await fx.AddCustomerAsync("外队 " + Guid.NewGuid().ToString("N")[..6], _outsider.Id);
        await using (var db = await fx.SystemDbAsync())
            await db.Customers.Where(x => x.Id == foreign).ExecuteUpdateAsync(s => s.SetProperty(x => x.IndustryCode, (string?)null));
        Assert.DoesNotContain(Of(await ReportAsync(_manager), DataQualityKind.NoIndustry), f => f.CustomerId == foreign);
        Assert.Contains(Of(await ReportAsync(_admin), DataQualityKind.NoIndustry), f => f.CustomerId == foreign);
        await Assert.ThrowsAsync<AccessDeniedException>(() => ReportAsync(_am));
    }

    [Fact]
    public async Task Report_AsOfAnEarlierMonth_IgnoresCustomersCreatedLater()
    {
        var id = await fx.AddCustomerAsync("本月新建 " + Guid.NewGuid().ToString("N")[..6], _am.Id);
        await using (var db = await fx.SystemDbAsync())
            await db.Customers.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegionCode, (string?)null));
        var lastMonth = fx.Clock.Today.AddMonths(-1);
        var report = await (await As(_admin)).ReportAsync(lastMonth.Year, lastMonth.Month);
        Assert.Equal(DataQualityService.MonthEnd(lastMonth.Year, lastMonth.Month), report.MonthEnd);
        Assert.DoesNotContain(Of(report, DataQualityKind.NoRegion), f => f.CustomerId == id);
    }
}

public sealed class DataQualityServiceTests_Sqlite(SqliteFixture fx) : DataQualityServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class DataQualityServiceTests_Postgres(PostgresFixture fx) : DataQualityServiceTests(fx), IClassFixture<PostgresFixture>;
