using CrmBlazor.Data;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Reports;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>
/// The name search behind the customer list and the contribution report (migration 0007's trigram
/// index): any part of a name, A–Z in any case, the same customers a plain case-insensitive
/// <c>Contains</c> finds — for texts the index answers (three characters and more) and for the
/// shorter ones it cannot. Each test uses a region code of its own, so other tests' rows do not count.
/// </summary>
public abstract class CustomerNameSearchTests(DatabaseFixture fx) : IAsyncLifetime
{
    private readonly string _region = "n" + Guid.NewGuid().ToString("N")[..8];
    private TestData.User _am1 = null!, _am2 = null!, _exec = null!;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _am1 = await fx.AddUserAsync(Roles.AccountManager);
        _am2 = await fx.AddUserAsync(Roles.AccountManager);
        _exec = await fx.AddUserAsync(Roles.Executive);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<int> CustomerAsync(string name, string? owner = null)
    {
        await using var db = await fx.SystemDbAsync();
        var c = Customer.Create("S" + Guid.NewGuid().ToString("N")[..10], new CustomerDetails { Name = name, RegionCode = _region }, owner, fx.Clock.UtcNow);
        db.Customers.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }

    private async Task<string[]> SearchAsync(string text, AccessScope? scope = null)
    {
        var page = await fx.As<CustomerService>(scope ?? AccessScope.System).ListAsync(new CustomerQuery { Text = text, RegionCode = _region, Take = 100 });
        Assert.Equal(page.Items.Count, page.Total);
        return page.Items.Select(r => r.Name).Order(StringComparer.Ordinal).ToArray();
    }

    private static readonly string[] Names =
    [
        "上海远航物流科技有限公司", "苏州远航智能科技有限公司", "北京科技", "远", "Littel Properties Pte. Ltd.", "LITTEL Retail (China) Co., Ltd.",
        "Acme Trading Co., Ltd.", "百分之50%_折扣 \"引号\" 公司", "折扣50x公司",
    ];

    [Theory]
    [InlineData("远航物流")] // the middle of a Chinese name
    [InlineData("航物流科")]
    [InlineData("技有限公司")]
    [InlineData("远航")] // two characters: no trigram, the plain test
    [InlineData("科技")]
    [InlineData("远")]
    [InlineData("littel")] // English in any case
    [InlineData("LITTEL")]
    [InlineData("pTe. l")]
    [InlineData("Pt")]
    [InlineData("a")]
    [InlineData("(china)")]
    [InlineData("co., ltd")]
    [InlineData("50%")] // LIKE's wildcards and FTS5's quote are plain characters
    [InlineData("%_")]
    [InlineData("_")]
    [InlineData("\"引号\"")]
    [InlineData("不存在的名字")]
    public async Task Search_FindsExactlyTheNamesContainingTheText_IgnoringCase(string text)
    {
        foreach (var name in Names) await CustomerAsync(name);

        var expected = Names.Where(n => n.Contains(text, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, await SearchAsync(text));
    }

    [Fact]
    public async Task Search_RenamedCustomer_IsFoundByTheNewNameOnly()
    {
        var id = await CustomerAsync("旧名称远航贸易有限公司");
        await using (var db = await fx.SystemDbAsync())
        {
            var c = await db.Customers.SingleAsync(x => x.Id == id);
            c.Update(new CustomerDetails { Name = "新名称启航物流有限公司", RegionCode = _region });
            await db.SaveChangesAsync();
        }

        Assert.Equal(["新名称启航物流有限公司"], await SearchAsync("启航物流"));
        Assert.Equal(["新名称启航物流有限公司"], await SearchAsync("启航"));
        Assert.Empty(await SearchAsync("远航贸易"));
        Assert.Empty(await SearchAsync("旧名"));
        await AssertIndexInStepAsync();
    }

    [Fact]
    public async Task Search_DeletedCustomer_IsGone()
    {
        var gone = await CustomerAsync("待删除远航物流有限公司");
        await CustomerAsync("留下的远航物流有限公司");
        await using (var db = await fx.SystemDbAsync())
            await db.Customers.Where(c => c.Id == gone).ExecuteDeleteAsync();

        Assert.Equal(["留下的远航物流有限公司"], await SearchAsync("远航物流"));
        Assert.Empty(await SearchAsync("待删除"));
        await AssertIndexInStepAsync();
    }

    [Fact]
    public async Task Search_AsAnAccountManager_FindsOnlyTheirOwnCustomers()
    {
        await CustomerAsync("甲方远航物流有限公司", _am1.Id);
        await CustomerAsync("乙方远航物流有限公司", _am2.Id);
        await CustomerAsync("丙方远航物流有限公司");

        Assert.Equal(["甲方远航物流有限公司"], await SearchAsync("远航物流", _am1.Scope()));
        Assert.Equal(["甲方远航物流有限公司"], await SearchAsync("远航", _am1.Scope()));
        Assert.Equal(["乙方远航物流有限公司"], await SearchAsync("乙方远航", _am2.Scope()));
        Assert.Empty(await SearchAsync("乙方", _am1.Scope()));
        Assert.Equal(3, (await SearchAsync("远航物流")).Length);
    }

    [Fact]
    public async Task ContributionReport_NameFilter_UsesTheSameSearch()
    {
        var a = await CustomerAsync("贡献远航物流 Alpha Ltd", _am1.Id);
        var b = await CustomerAsync("贡献启航 ALPHA", _am2.Id);
        var c = await CustomerAsync("贡献其他", _am1.Id);
        await OrdersIn2025Async((a, 300m), (b, 200m), (c, 100m));
        var exec = fx.As<ContributionReportService>(await ScopeAsync(_exec));
        var filter = new ReportFilter { RegionCode = _region, Year = 2025 };

        var alpha = await exec.GetAsync(filter with { Name = "alpha" });
        Assert.Equal((2, 500m), (alpha.Customers, alpha.Revenue));
        Assert.Equal([a, b], alpha.Top.Select(t => t.CustomerId).ToArray());
        Assert.Equal([a], (await exec.GetAsync(filter with { Name = "远航物流" })).Top.Select(t => t.CustomerId).ToArray());
        Assert.Equal(3, (await exec.GetAsync(filter with { Name = "贡献" })).Customers);
    }

    [Fact]
    public async Task ContributionReport_ShortNameFilter_ReadsTheNamesKeptWithTheAmounts_AndFollowsARename()
    {
        var a = await CustomerAsync("短名科技 Alpha", _am1.Id);
        var b = await CustomerAsync("短名 ALPHA 贸易", _am2.Id);
        var c = await CustomerAsync("短名其他", _am1.Id);
        await OrdersIn2025Async((a, 300m), (b, 200m), (c, 100m));
        var exec = fx.As<ContributionReportService>(await ScopeAsync(_exec));
        var filter = new ReportFilter { RegionCode = _region, Year = 2025 };

        var al = await exec.GetAsync(filter with { Name = "aL" }); // two letters: no trigram; A–Z match a–z
        Assert.Equal((2, 500m), (al.Customers, al.Revenue));
        Assert.Equal([a, b], al.Top.Select(t => t.CustomerId).ToArray());
        Assert.Equal([b], (await exec.RankAsync(filter with { Name = "aL" }, 2025, 1, 10)).Items.Select(r => r.CustomerId).ToArray());
        Assert.Equal(2, (await exec.GetAsync(filter with { Name = "科" })).Customers + (await exec.GetAsync(filter with { Name = "其他" })).Customers);
        var am1 = await exec.GetAsync(filter with { Name = "短名", OwnerId = _am1.Id });
        Assert.Equal([a, c], am1.Top.Select(t => t.CustomerId).ToArray());

        await using (var db = await fx.SystemDbAsync())
        {
            var renamed = await db.Customers.SingleAsync(x => x.Id == c);
            renamed.Update(new CustomerDetails { Name = "短名科技新名", RegionCode = _region });
            await db.SaveChangesAsync();
        }
        var ke = await exec.GetAsync(filter with { Name = "科技" });
        Assert.Equal([a, c], ke.Top.Select(t => t.CustomerId).ToArray());
        Assert.Equal("短名科技新名", ke.Top[1].Name);
        Assert.Empty((await exec.GetAsync(filter with { Name = "其他" })).Top);
    }

    /// <summary>One order in April 2025 per customer, recorded on the customer as the import does.</summary>
    private async Task OrdersIn2025Async(params (int Id, decimal Amount)[] orders)
    {
        foreach (var (id, amount) in orders)
        {
            await using var db = await fx.SystemDbAsync();
            db.Orders.Add(Order.Create("SO-" + Guid.NewGuid().ToString("N")[..12], id, new DateOnly(2025, 4, 1), amount, fx.Clock.UtcNow));
            (await db.Customers.SingleAsync(x => x.Id == id)).RecordOrder(new DateOnly(2025, 4, 1), amount);
            await db.SaveChangesAsync();
        }
    }

    private async Task<AccessScope> ScopeAsync(TestData.User u) =>
        await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]);

    /// <summary>SQLite: the FTS5 index holds exactly the customers' names (its own integrity check against the content table).</summary>
    private async Task AssertIndexInStepAsync()
    {
        if (fx.Provider != DatabaseProvider.Sqlite) return;
        await using var db = await fx.SystemDbAsync();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"CustomerNameSearch\" (\"CustomerNameSearch\", rank) VALUES ('integrity-check', 1)");
    }
}

public sealed class CustomerNameSearchTests_Sqlite(SqliteFixture fx) : CustomerNameSearchTests(fx), IClassFixture<SqliteFixture>;

public sealed class CustomerNameSearchTests_Postgres(PostgresFixture fx) : CustomerNameSearchTests(fx), IClassFixture<PostgresFixture>;
