using System.Text;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Import;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>CSV import of customers, orders and events: header matching, each rejection with its line, idempotency, all or nothing, access.</summary>
public abstract class ImportServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _am = null!, _otherAm = null!, _manager = null!;
    private string _tag = "";

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Import " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am = await fx.AddUserAsync(Roles.AccountManager, team);
        _otherAm = await fx.AddUserAsync(Roles.AccountManager, team);
        _tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private ImportService As(TestData.User u) => fx.As<ImportService>(u.Role == Roles.SalesManager ? u.Scope([_am.Id, _otherAm.Id]) : u.Scope());

    private ImportService AsSystem() => fx.As<ImportService>(AccessScope.System);

    private static MemoryStream Csv(string text, bool bom = true) =>
        new((bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"))).ToArray());

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private Task<ImportReport> ImportAsync(ImportService s, ImportKind kind, string csv, bool allOrNothing = false, bool bom = true) =>
        s.ImportAsync(kind, Csv(csv, bom), new ImportOptions(allOrNothing), null, TestContext.Current.CancellationToken);

    private async Task<int> CustomerAsync(string ownerId, string number)
    {
        var id = await fx.AddCustomerAsync("客户 " + number, ownerId);
        await using var db = await fx.SystemDbAsync();
        await db.Customers.Where(c => c.Id == id).ExecuteUpdateAsync(c => c.SetProperty(x => x.Number, number));
        return id;
    }

    private static void AssertRejected(ImportReport report, params (int Line, string Code)[] expected) =>
        Assert.Equal(expected, report.Rejected.Select(r => (r.Line, r.Reason.Code)).ToArray());

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Customers_ChineseHeaders_WithOrWithoutBom_CreateCustomersWithTheirContact(bool bom)
    {
        var csv = Lines("客户编号,客户名称,行业,地区,客户等级,客户经理,联系人,电话,邮箱,创建日期",
            $"{_tag}-1,上海云帆科技,信息技术,华东,major,,王芳,13812345678,wang@yunfan.cn,2025-03-01",
            $"{_tag}-2,\"杭州, 西湖贸易\",retail,east,,,李雷,021-62345678,,2025-04-02 10:30");
        var report = await ImportAsync(As(_am), ImportKind.Customers, csv, bom: bom);
        Assert.Empty(report.Rejected);
        Assert.Equal((2, 2, 0, 0, true), (report.Rows, report.Added, report.Updated, report.Unchanged, report.Committed));
        await using var db = await fx.SystemDbAsync();
        var first = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Number == $"{_tag}-1");
        Assert.Equal(("上海云帆科技", "it", "east", "major", _am.Id), (first.Name, first.IndustryCode, first.RegionCode, first.LevelCode, first.OwnerId));
        Assert.Equal(new DateTime(2025, 3, 1), first.CreatedAt);
        var contact = Assert.Single(first.Contacts);
        Assert.Equal(("王芳", "13812345678", "wang@yunfan.cn", true), (contact.Name, contact.Mobile, contact.Email, contact.IsPrimary));
        var second = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Number == $"{_tag}-2");
        Assert.Equal("杭州, 西湖贸易", second.Name);
        Assert.Equal("021-62345678", Assert.Single(second.Contacts).OfficePhone);
    }

    [Fact]
    public async Task Mapping_UnmatchedHeaders_AreMappedByTheCaller_AndIgnoredColumnsAreReported()
    {
        var csv = Lines("Kundennummer,Firma,Ansprechpartner,Notiz", $"{_tag}-M,Mapped GmbH,Anna Schmidt,ignored");
        var preview = ImportService.Preview(ImportKind.Customers, Csv(csv));
        Assert.Equal(["Kundennummer", "Firma", "Ansprechpartner", "Notiz"], preview.Headers);
        Assert.All(preview.Detected, Assert.Null);
        Assert.Equal("Mapped GmbH", preview.FirstRows[0][1]);

        var missing = await Assert.ThrowsAsync<DomainException>(() => ImportAsync(As(_am), ImportKind.Customers, csv));
        Assert.Equal("Import.MissingColumns", missing.Code);

        var mapping = new Dictionary<string, string> { ["Kundennummer"] = "customer_no", ["Firma"] = "name", ["Ansprechpartner"] = "contact_name", ["Notiz"] = "" };
        var report = await As(_am).ImportAsync(ImportKind.Customers, Csv(csv), new ImportOptions(false, mapping), null, TestContext.Current.CancellationToken);
        Assert.Equal(1, report.Added);
        Assert.Empty(report.UnknownColumns);
        await using var db = await fx.SystemDbAsync();
        Assert.True(await db.Customers.AnyAsync(c => c.Number == $"{_tag}-M" && c.Name == "Mapped GmbH"));
    }

    [Fact]
    public async Task Preview_EnglishAndChineseHeaders_AreDetected()
    {
        var preview = ImportService.Preview(ImportKind.Orders, Csv(Lines("订单号,customer_no,下单日期,金额,Remark", "A,B,2025-01-01,1")));
        Assert.Equal(["order_no", "customer_no", "order_date", "amount", null], preview.Detected);
    }

    [Fact]
    public async Task Customers_EachBadRow_IsReportedWithItsLineAndReason_NothingTruncated()
    {
        var longName = new string('长', 201);
        var csv = Lines("customer_no,name,industry,region,level,owner,contact_name,phone,email,created_at",
            $"{_tag}-1,好客户,it,east,,,张三,13800000001,,2025-01-01",
            $"{_tag}-2,,it,east,,,张三,,,",
            $"{_tag}-3,坏邮箱,it,east,,,张三,,not-an-email,",
            $"{_tag}-4,坏地区,it,atlantis,,,张三,,,",
            $"{_tag}-5,坏负责人,it,east,,nobody@nowhere.test,张三,,,",
            $"{_tag}-6,未来客户,it,east,,,张三,,,2099-01-01",
            $"{_tag}-7,坏日期,it,east,,,张三,,,01/02/2025",
            $"{_tag}-8,{longName},it,east,,,张三,,,",
            $"{_tag}-1,重复,it,east,,,张三,,,",
            $"{_tag}-9,没有联系人,it,east,,,,,,");
        var report = await ImportAsync(As(_manager), ImportKind.Customers, csv);
        AssertRejected(report, (3, "Validation.Required"), (4, "Validation.Email"), (5, "Import.UnknownCode"), (6, "Import.UnknownOwner"),
            (7, "Import.FutureDate"), (8, "Import.BadDate"), (9, "Validation.TooLong"), (10, "Import.DuplicateInFile"), (11, "Validation.Required"));
        Assert.Equal(("Name", "ContactName"), ((string)report.Rejected[0].Reason.Args[0]!, (string)report.Rejected[^1].Reason.Args[0]!));
        Assert.Equal(2, report.Rejected[^2].Reason.Args[1]); // the line the number first appears on
        Assert.Equal(1, report.Added);
        Assert.Equal($"{_tag}-8,{longName},it,east,,,张三,,,", string.Join(",", report.Rejected[6].Fields));
        await using var db = await fx.SystemDbAsync();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.Number.StartsWith(_tag)));
    }

    [Fact]
    public async Task Orders_EachBadRow_IsReportedWithItsLineAndReason()
    {
        await CustomerAsync(_am.Id, $"{_tag}-A");
        await CustomerAsync(_otherAm.Id, $"{_tag}-B");
        var csv = Lines("order_no,customer_no,order_date,amount",
            $"{_tag}-O1,{_tag}-A,2025-05-01,100.50",
            $"{_tag}-O2,{_tag}-X,2025-05-01,10",
            $"{_tag}-O3,{_tag}-A,2025/05/01,10",
            $"{_tag}-O4,{_tag}-A,2025-05-01,\"12,5\"",
            $"{_tag}-O5,{_tag}-A,2025-05-01,-3",
            $"{_tag}-O6,{_tag}-A,2099-05-01,10",
            $"{_tag}-O7,{_tag}-B,2025-05-01,10",
            $"{_tag}-O8,{_tag}-A,2025-05-01,",
            $",{_tag}-A,2025-05-01,10",
            $"{_tag}-O9,{_tag}-A,2025-05-01,12,5");
        var report = await ImportAsync(As(_am), ImportKind.Orders, csv);
        AssertRejected(report, (3, "Import.UnknownCustomer"), (4, "Import.BadDate"), (5, "Import.NotANumber"), (6, "Validation.NotNegative"),
            (7, "Import.FutureDate"), (8, "Import.NotYourCustomer"), (9, "Validation.Required"), (10, "Validation.Required"), (11, "Import.TooManyFields"));
        Assert.Equal(1, report.Added);
        Assert.False(report.AllImported);
        await using var db = await fx.SystemDbAsync();
        var order = await db.Orders.SingleAsync(o => o.OrderNo.StartsWith(_tag));
        Assert.Equal((100.50m, new DateOnly(2025, 5, 1)), (order.Amount, order.OrderDate));
    }

    [Fact]
    public async Task Orders_RowsWithOneOrderNumber_AreTheLinesOfOneOrder_AndABadLineRefusesTheWholeOrder()
    {
        var customer = await CustomerAsync(_am.Id, $"{_tag}-A");
        await CustomerAsync(_am.Id, $"{_tag}-C");
        await using (var setup = await fx.SystemDbAsync())
        {
            setup.Products.Add(CrmBlazor.Domain.Products.Product.Create($"{_tag}G", "网关", "Gateway", null, null, "台", 100m, false));
            await setup.SaveChangesAsync();
        }
        var csv = Lines("订单号,客户编号,下单日期,金额,产品编号,数量,单价",
            $"{_tag}-L1,{_tag}-A,2025-06-01 09:15,,{_tag}G,2,100",
            $"{_tag}-L1,{_tag}-A,2025-06-01 09:15,,IMPL,1,50.5",
            $"{_tag}-L2,{_tag}-A,2025-06-02,500,{_tag}G,1,480",
            $"{_tag}-L2,{_tag}-A,2025-06-02,500,IMPL,0,20",
            $"{_tag}-L3,{_tag}-A,2025-06-03,90,{_tag}G,1,90",
            $"{_tag}-L3,{_tag}-C,2025-06-03,90,IMPL,1,10");
        var report = await ImportAsync(As(_am), ImportKind.Orders, csv);
        AssertRejected(report, (4, "Import.OrderLineRejected"), (5, "Order.Quantity"), (6, "Import.OrderInconsistent"), (7, "Import.OrderInconsistent"));
        Assert.Equal(5, report.Rejected[0].Reason.Args[1]);
        Assert.Equal((1, 2), (report.Added, report.LinesAdded));
        await using var db = await fx.SystemDbAsync();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.OrderNo == $"{_tag}-L1");
        Assert.Equal((customer, 250.5m, 2), (order.CustomerId, order.Amount, order.Lines.Count));
        Assert.Equal(["IMPL", $"{_tag}G"], order.Lines.OrderBy(l => l.UnitPrice).Select(l => l.ProductCode));
        Assert.Equal([false, true], order.Lines.OrderBy(l => l.UnitPrice).Select(l => l.ProductId is not null)); // a code not in the catalogue is kept as written
    }

    [Fact]
    public async Task ReImport_TheSameFiles_AddsNothing_AndCountsEverythingAsAlreadyPresent()
    {
        await CustomerAsync(_am.Id, $"{_tag}-A");
        var customers = Lines("customer_no,name,region,contact_name,phone", $"{_tag}-N,新客户,east,赵六,13900000000", $"{_tag}-A,客户 {_tag}-A,,联系人 客户 {_tag}-A,");
        var orders = Lines("order_no,customer_no,order_date,amount,product_code,quantity,unit_price",
            $"{_tag}-R1,{_tag}-A,2025-01-05,,G200,1,10", $"{_tag}-R1,{_tag}-A,2025-01-05,,IMPL,2,5", $"{_tag}-R2,{_tag}-N,2025-02-05,30,,,");
        var eventsCsv = Lines("event_id,customer_no,occurred_at,type,value,detail",
            $"{_tag}-E1,{_tag}-A,2025-03-01 08:00:00,usage_minutes,45,", $"{_tag}-E2,{_tag}-A,2025-03-02,feature_use,,报表");

        Assert.Equal((1, 0, 1), Counts(await ImportAsync(As(_am), ImportKind.Customers, customers)));
        Assert.Equal((2, 0, 0), Counts(await ImportAsync(As(_am), ImportKind.Orders, orders)));
        Assert.Equal((2, 0, 0), Counts(await ImportAsync(As(_am), ImportKind.Events, eventsCsv)));
        var counts = await CountsInDatabaseAsync();

        var again = new[]
        {
            await ImportAsync(As(_am), ImportKind.Customers, customers),
            await ImportAsync(As(_am), ImportKind.Orders, orders),
            await ImportAsync(As(_am), ImportKind.Events, eventsCsv),
        };
        Assert.Equal([(0, 0, 2), (0, 0, 2), (0, 0, 2)], again.Select(Counts));
        Assert.All(again, r => Assert.Empty(r.Rejected));
        Assert.All(again, r => Assert.False(r.Committed));
        Assert.Equal(counts, await CountsInDatabaseAsync());
        await using var db = await fx.SystemDbAsync();
        var e = await db.BehaviourEvents.SingleAsync(x => x.ExternalId == $"{_tag}-E2");
        Assert.Equal((BehaviourEventType.FeatureUse, 1m, "报表"), (e.Type, e.Value, e.Detail));
    }

    private static (int Added, int Updated, int Unchanged) Counts(ImportReport r) => (r.Added, r.Updated, r.Unchanged);

    private async Task<(int, int, int, int, int)> CountsInDatabaseAsync()
    {
        await using var db = await fx.SystemDbAsync();
        return (await db.Customers.CountAsync(), await db.Contacts.CountAsync(), await db.Orders.CountAsync(), await db.OrderLines.CountAsync(), await db.BehaviourEvents.CountAsync());
    }

    [Fact]
    public async Task ReImport_ChangedValues_UpdateTheCustomer_ButNeverAnOrder()
    {
        await CustomerAsync(_am.Id, $"{_tag}-A");
        Assert.Equal(1, (await ImportAsync(As(_am), ImportKind.Orders, Lines("order_no,customer_no,order_date,amount", $"{_tag}-O,{_tag}-A,2025-01-05,10"))).Added);
        var changed = await ImportAsync(As(_am), ImportKind.Orders, Lines("order_no,customer_no,order_date,amount", $"{_tag}-O,{_tag}-A,2025-01-05,11"));
        AssertRejected(changed, (2, "Import.OrderDiffers"));

        var update = await ImportAsync(As(_am), ImportKind.Customers, Lines("customer_no,name,level,contact_name,phone,email",
            $"{_tag}-A,新名字,major,联系人 客户 {_tag}-A,,new@example.com", $"{_tag}-A2,另一个,,钱七,,"));
        Assert.Equal((1, 1, 0), Counts(update));
        await using var db = await fx.SystemDbAsync();
        var c = await db.Customers.Include(x => x.Contacts).SingleAsync(x => x.Number == $"{_tag}-A");
        Assert.Equal(("新名字", "major", "east"), (c.Name, c.LevelCode, c.RegionCode)); // empty cells keep what is stored
        var contact = Assert.Single(c.Contacts);
        Assert.Equal(("new@example.com", "13812348888"), (contact.Email, contact.Mobile));
    }

    [Fact]
    public async Task AllOrNothing_WithOneRejectedRow_CommitsNothing()
    {
        await CustomerAsync(_am.Id, $"{_tag}-A");
        var csv = Lines("order_no,customer_no,order_date,amount", $"{_tag}-G1,{_tag}-A,2025-01-01,10", $"{_tag}-G2,{_tag}-A,2025-01-02,x", $"{_tag}-G3,{_tag}-A,2025-01-03,30");
        var report = await ImportAsync(As(_am), ImportKind.Orders, csv, allOrNothing: true);
        AssertRejected(report, (3, "Import.NotANumber"));
        Assert.Equal((0, false), (report.Added, report.Committed));
        await using (var db = await fx.SystemDbAsync())
            Assert.False(await db.Orders.AnyAsync(o => o.OrderNo.StartsWith(_tag)));

        var partial = await ImportAsync(As(_am), ImportKind.Orders, csv);
        Assert.Equal((2, true), (partial.Added, partial.Committed));
        await using (var db = await fx.SystemDbAsync())
            Assert.Equal([$"{_tag}-G1", $"{_tag}-G3"], await db.Orders.Where(o => o.OrderNo.StartsWith(_tag)).Select(o => o.OrderNo).OrderBy(n => n).ToListAsync());
    }

    [Fact]
    public async Task AccountManager_ImportsOnlyIntoOwnCustomers_AndOwnsWhatTheyCreate()
    {
        await CustomerAsync(_otherAm.Id, $"{_tag}-B");
        var customers = Lines("customer_no,name,owner,contact_name",
            $"{_tag}-B,抢客户,,张三", $"{_tag}-N1,新客户一,{_otherAm.Email},李四", $"{_tag}-N2,新客户二,{_am.Email},王五", $"{_tag}-N3,新客户三,,赵六");
        var report = await ImportAsync(As(_am), ImportKind.Customers, customers);
        AssertRejected(report, (2, "Import.NotYourCustomer"), (3, "Import.OwnerNotAllowed"));
        Assert.IsType<AccessDeniedException>(report.Rejected[0].Reason);
        var events = await ImportAsync(As(_am), ImportKind.Events, Lines("event_id,customer_no,occurred_at,type", $"{_tag}-E,{_tag}-B,2025-01-01,site_visit"));
        AssertRejected(events, (2, "Import.NotYourCustomer"));
        await using var db = await fx.SystemDbAsync();
        Assert.Equal([_am.Id, _am.Id], await db.Customers.Where(c => c.Number.StartsWith(_tag + "-N")).Select(c => c.OwnerId).ToListAsync());
        Assert.Equal("客户 " + $"{_tag}-B", await db.Customers.Where(c => c.Number == $"{_tag}-B").Select(c => c.Name).SingleAsync());
    }

    [Fact]
    public async Task Manager_SetsOwners_AndAnEmptyOwnerFollowsTheLeadRules()
    {
        await using (var db = await fx.SystemDbAsync())
        {
            await db.LeadDistributionRules.ExecuteDeleteAsync();
            db.LeadDistributionRules.Add(LeadDistributionRule.Create(10, LeadRuleKind.RoundRobin, null, [_am.Id, _otherAm.Id]));
            await db.SaveChangesAsync();
        }
        var csv = Lines("customer_no,name,owner,contact_name",
            $"{_tag}-1,甲,{_otherAm.Email},张三", $"{_tag}-2,乙,,李四", $"{_tag}-3,丙,,王五");
        var report = await ImportAsync(As(_manager), ImportKind.Customers, csv);
        Assert.Empty(report.Rejected);
        var ordered = new[] { _am.Id, _otherAm.Id }.Order(StringComparer.Ordinal).ToArray();
        await using var check = await fx.SystemDbAsync();
        var owners = await check.Customers.Where(c => c.Number.StartsWith(_tag)).OrderBy(c => c.Number).Select(c => c.OwnerId).ToListAsync();
        Assert.Equal([_otherAm.Id, ordered[0], ordered[1]], owners);
        Assert.Equal(ordered[1], (await check.LeadDistributionRules.SingleAsync()).LastAssignedUserId);
    }

    [Fact]
    public async Task Customers_ChangedBySomeoneWhileTheFileIsChecked_TheFileIsRefused_TheirChangeKept()
    {
        var id = await CustomerAsync(_am.Id, $"{_tag}-1");
        var csv = Lines("customer_no,name,contact_name", $"{_tag}-1,导入的新名字,张三");
        // someone saves the customer after the rows were checked, before they are written
        var progress = new OnPhase("writing", () =>
        {
            using var db = fx.SystemDbAsync().GetAwaiter().GetResult();
            db.Customers.Where(c => c.Id == id).ExecuteUpdate(c => c.SetProperty(x => x.Name, "同事刚改的名字").SetProperty(x => x.Version, x => x.Version + 1));
        });

        var e = await Assert.ThrowsAsync<DomainException>(() =>
            As(_am).ImportAsync(ImportKind.Customers, Csv(csv, true), new ImportOptions(), progress, TestContext.Current.CancellationToken));

        Assert.Equal("Import.ChangedMeanwhile", e.Code);
        await using var check = await fx.SystemDbAsync();
        Assert.Equal("同事刚改的名字", await check.Customers.Where(c => c.Id == id).Select(c => c.Name).SingleAsync());
    }

    private sealed class OnPhase(string phase, Action action) : IProgress<ImportProgress>
    {
        private bool _done;
        public void Report(ImportProgress value)
        {
            if (_done || value.Phase != phase) return;
            _done = true;
            action();
        }
    }

    [Fact]
    public async Task Customers_AManagerGivesCustomersOnlyToTheTeamsAccountManagers()
    {
        var outsider = await fx.AddUserAsync(Roles.AccountManager);
        var csv = Lines("customer_no,name,owner,contact_name",
            $"{_tag}-1,团队内,{_am.Email},张三", $"{_tag}-2,团队外,{outsider.Email},李四", $"{_tag}-3,非客户经理,{_manager.Email},王五");
        var report = await ImportAsync(As(_manager), ImportKind.Customers, csv);
        AssertRejected(report, (3, "Import.OwnerNotAllowed"), (4, "Import.OwnerNotAllowed"));
        Assert.Equal(1, report.Added);
    }

    [Fact]
    public async Task Events_UnknownTypeAndTakenIds_AreRefused()
    {
        await CustomerAsync(_am.Id, $"{_tag}-A");
        await CustomerAsync(_am.Id, $"{_tag}-C");
        var first = await ImportAsync(AsSystem(), ImportKind.Events, Lines("event_id,customer_no,occurred_at,type,value,detail",
            $"{_tag}-E1,{_tag}-A,2025-01-01T10:00:00,site_visit,,首页",
            $"{_tag}-E2,{_tag}-A,2025-01-01,teleport,,",
            $"{_tag}-E3,{_tag}-A,2099-01-01,site_visit,,",
            $"{_tag}-E4,{_tag}-A,2025-01-01,usage_minutes,-5,"));
        AssertRejected(first, (3, "Import.UnknownEventType"), (4, "Event.FutureDate"), (5, "Validation.NotNegative"));
        var second = await ImportAsync(AsSystem(), ImportKind.Events, Lines("event_id,customer_no,occurred_at,type", $"{_tag}-E1,{_tag}-C,2025-01-01,site_visit"));
        AssertRejected(second, (2, "Import.EventIdTaken"));
    }

    [Fact]
    public async Task Import_NeedsTheImportCapability()
    {
        var service = await fx.AddUserAsync(Roles.CustomerService);
        await Assert.ThrowsAsync<AccessDeniedException>(() => ImportAsync(fx.As<ImportService>(service.Scope()), ImportKind.Events, Lines("event_id,customer_no,occurred_at,type")));
    }

    [Fact]
    public async Task Import_PublishesADataImportedChangePerCustomer_OnlyAfterCommitting()
    {
        var a = await CustomerAsync(_am.Id, $"{_tag}-A");
        var received = new List<CustomerChanged>();
        using var _ = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e =>
        {
            if (e is CustomerChanged { Change: CustomerChange.DataImported } c) lock (received) received.Add(c);
            return Task.CompletedTask;
        });
        var csv = Lines("order_no,customer_no,order_date,amount", $"{_tag}-1,{_tag}-A,2025-01-01,10", $"{_tag}-2,{_tag}-A,2025-01-02,x");
        await ImportAsync(As(_am), ImportKind.Orders, csv, allOrNothing: true);
        await ImportAsync(As(_am), ImportKind.Orders, csv);
        await WaitForAsync(() => received.Count > 0);
        var e = Assert.Single(received);
        Assert.Equal((a, _am.Id, _am.Id), (e.CustomerId, e.OwnerId, e.ByUserId));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(20, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Orders_AfterImport_TheCustomerIsReEvaluated()
    {
        var a = await CustomerAsync(_am.Id, $"{_tag}-A");
        var today = fx.Clock.Today;
        await ImportAsync(As(_am), ImportKind.Orders, Lines("order_no,customer_no,order_date,amount",
            $"{_tag}-1,{_tag}-A,{today.AddDays(-40):yyyy-MM-dd},100", $"{_tag}-2,{_tag}-A,{today.AddDays(-10):yyyy-MM-dd},50"));
        await using var db = await fx.SystemDbAsync();
        var c = await db.Customers.SingleAsync(x => x.Id == a);
        Assert.Equal((2, 150m, today.AddDays(-40), today.AddDays(-10)), (c.OrderCount, c.TotalSpend, c.FirstOrderDate, c.LastOrderDate));
        Assert.NotEqual(CrmBlazor.Domain.Lifecycle.LifecycleStage.Prospect, c.Stage);
    }
}

public sealed class ImportServiceTests_Sqlite(SqliteFixture fx) : ImportServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class ImportServiceTests_Postgres(PostgresFixture fx) : ImportServiceTests(fx), IClassFixture<PostgresFixture>;
