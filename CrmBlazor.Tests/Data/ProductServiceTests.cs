using System.Text;
using CrmBlazor.Data.Import;
using CrmBlazor.Data.Products;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Tests.Data;

/// <summary>Products and stock: CSV import through the import machinery (good rows kept, bad rows reported, upserts), search, paging, stock on an order line.</summary>
public abstract class ProductServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _admin = null!, _am = null!, _otherAm = null!, _service = null!, _manager = null!;
    private string _tag = "";

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _admin = await fx.AddUserAsync(Roles.Admin);
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Products " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am = await fx.AddUserAsync(Roles.AccountManager, team);
        _otherAm = await fx.AddUserAsync(Roles.AccountManager);
        _service = await fx.AddUserAsync(Roles.CustomerService);
        _tag = "P" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<ImportReport> ImportAsync(TestData.User u, ImportKind kind, params string[] lines) =>
        fx.As<ImportService>(u.Scope()).ImportAsync(kind, new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")), new ImportOptions(),
            null, TestContext.Current.CancellationToken);

    private ProductService As(TestData.User u) => fx.As<ProductService>(u.Role == Roles.SalesManager ? u.Scope([_am.Id]) : u.Scope());

    private static void AssertRejected(ImportReport report, params (int Line, string Code)[] expected) =>
        Assert.Equal(expected, report.Rejected.Select(r => (r.Line, r.Reason.Code)).ToArray());

    private Task<ImportReport> CatalogueAsync() => ImportAsync(_admin, ImportKind.Products,
        "code,name,name_en,model,specification,unit,price,active,core_feature",
        $"{_tag}-1,网关设备,Gateway,GW-100,4 口,台,1200.50,true,1",
        $"{_tag}-2,传感器,Sensor,SN-7,,个,80,是,否",
        $"{_tag}-3,旧型号,Legacy,LG-1,,台,10,false,");

    [Fact]
    public async Task ProductImport_KeepsGoodRows_ReportsBadRowsWithLineAndReason()
    {
        var report = await ImportAsync(_admin, ImportKind.Products,
            "产品编号,产品名称,英文名称,型号,规格,单位,单价,启用",
            $"{_tag}-1,网关设备,Gateway,GW-100,4 口,台,1200.50,true",
            $"{_tag}-2,,Sensor,SN-7,,个,80,true",
            $"{_tag}-3,传感器,Sensor,SN-8,,个,-5,true",
            $"{_tag}-4,控制器,Controller,CT-1,,台,abc,true",
            $"{_tag}-5,控制器,Controller,CT-2,,台,10,maybe",
            $"{_tag}-1,重复,Duplicate,GW-100,,台,1,true",
            $"{_tag}-6,电源,Power supply,PS-1,,个,35,否");

        AssertRejected(report, (3, "Validation.Required"), (4, "Validation.NotNegative"), (5, "Import.NotANumber"), (6, "Import.NotABoolean"), (7, "Import.DuplicateInFile"));
        Assert.Equal((7, 2, 0, true), (report.Rows, report.Added, report.Updated, report.Committed));
        await using var db = await fx.SystemDbAsync();
        var gateway = await db.Products.SingleAsync(p => p.Code == $"{_tag}-1");
        Assert.Equal(("网关设备", "Gateway", "GW-100", "4 口", "台", 1200.50m, true), (gateway.Name, gateway.NameEn, gateway.Model, gateway.Specification, gateway.Unit, gateway.Price, gateway.IsActive));
        Assert.False((await db.Products.SingleAsync(p => p.Code == $"{_tag}-6")).IsActive);
    }

    [Fact]
    public async Task ProductImport_Again_UpdatesChangedRows_AndCountsTheRestUnchanged()
    {
        await CatalogueAsync();
        var report = await ImportAsync(_admin, ImportKind.Products,
            "code,name,name_en,model,specification,unit,price,active,core_feature",
            $"{_tag}-1,网关设备,Gateway,GW-100,4 口,台,1200.50,true,1",
            $"{_tag}-2,传感器二代,Sensor II,SN-8,,个,95,true,false",
            $"{_tag}-9,新产品,New,NW-1,,套,5,true,false");
        Assert.Empty(report.Rejected);
        Assert.Equal((1, 1, 1), (report.Added, report.Updated, report.Unchanged));
        await using var db = await fx.SystemDbAsync();
        var sensor = await db.Products.SingleAsync(p => p.Code == $"{_tag}-2");
        Assert.Equal(("传感器二代", "SN-8", 95m), (sensor.Name, sensor.Model, sensor.Price));
        Assert.Equal(1, await db.Products.CountAsync(p => p.Code == $"{_tag}-1"));
    }

    [Fact]
    public async Task InventoryImport_UpsertsPerWarehouse_AndRefusesUnknownProductsAndBadQuantities()
    {
        await CatalogueAsync();
        var first = await ImportAsync(_admin, ImportKind.Inventory, "产品编号,仓库,数量",
            $"{_tag}-1,上海仓,40", $"{_tag}-1,北京仓,5", $"{_tag}-2,上海仓,7");
        Assert.Equal((3, 0), (first.Added, first.Rejected.Count));

        var second = await ImportAsync(_admin, ImportKind.Inventory, "product_code,warehouse,quantity",
            $"{_tag}-1,上海仓,42", $"{_tag}-1,北京仓,5", $"{_tag}-X,上海仓,1", $"{_tag}-2,上海仓,-3", $"{_tag}-2,广州仓,", $"{_tag}-2,深圳仓,12");

        AssertRejected(second, (4, "Import.UnknownProduct"), (5, "Validation.NotNegative"), (6, "Validation.Required"));
        Assert.Equal((1, 1, 1), (second.Added, second.Updated, second.Unchanged));
        var stock = (await As(_am).InventoryAsync(new InventoryQuery { Text = _tag, Take = 50 })).Items;
        Assert.Equal([($"{_tag}-1", "上海仓", 42m), ($"{_tag}-1", "北京仓", 5m), ($"{_tag}-2", "上海仓", 7m), ($"{_tag}-2", "深圳仓", 12m)],
            stock.Select(s => (s.ProductCode, s.Warehouse, s.Quantity)).OrderBy(s => s.ProductCode).ThenByDescending(s => s.Warehouse == "上海仓").ToArray());
    }

    [Fact]
    public async Task ReferenceDataImports_AreForAdminsOnly()
    {
        foreach (var user in new[] { _am, _manager })
        {
            var e = await Assert.ThrowsAsync<AccessDeniedException>(() => ImportAsync(user, ImportKind.Products, "code,name,unit,price", $"{_tag}-Z,产品,个,1"));
            Assert.Equal("Access.Denied", e.Code);
            await Assert.ThrowsAsync<AccessDeniedException>(() => ImportAsync(user, ImportKind.Inventory, "product_code,warehouse,quantity", $"{_tag}-Z,上海仓,1"));
        }
        await using var db = await fx.SystemDbAsync();
        Assert.False(await db.Products.AnyAsync(p => p.Code == $"{_tag}-Z"));
    }

    [Fact]
    public async Task Search_FindsByCodeNameOrModel_FiltersActive_ShowsTotalStock_AndPages()
    {
        await CatalogueAsync();
        await ImportAsync(_admin, ImportKind.Inventory, "product_code,warehouse,quantity", $"{_tag}-1,上海仓,40", $"{_tag}-1,北京仓,5");
        var everyone = As(_service);

        var byModel = await everyone.SearchAsync(new ProductQuery { Text = "GW-100" });
        var gateway = Assert.Single(byModel.Items, p => p.Code == $"{_tag}-1");
        Assert.Equal(45m, gateway.TotalStock);
        Assert.Contains((await everyone.SearchAsync(new ProductQuery { Text = "传感" })).Items, p => p.Code == $"{_tag}-2");
        Assert.Contains((await everyone.SearchAsync(new ProductQuery { Text = "Sensor" })).Items, p => p.Code == $"{_tag}-2");

        var active = await everyone.SearchAsync(new ProductQuery { Text = _tag, Active = true });
        Assert.Equal([$"{_tag}-1", $"{_tag}-2"], active.Items.Select(p => p.Code));
        Assert.Equal([$"{_tag}-3"], (await everyone.SearchAsync(new ProductQuery { Text = _tag, Active = false })).Items.Select(p => p.Code));

        var page2 = await everyone.SearchAsync(new ProductQuery { Text = _tag, Skip = 1, Take = 1 });
        Assert.Equal(3, page2.Total);
        Assert.Equal([$"{_tag}-2"], page2.Items.Select(p => p.Code));
        Assert.Equal(0m, (await everyone.SearchAsync(new ProductQuery { Text = $"{_tag}-2" })).Items.Single().TotalStock);
    }

    [Fact]
    public async Task Inventory_FiltersByWarehouseAndLowStock()
    {
        await CatalogueAsync();
        await ImportAsync(_admin, ImportKind.Inventory, "product_code,warehouse,quantity", $"{_tag}-1,上海仓,40", $"{_tag}-1,北京仓,5", $"{_tag}-2,北京仓,9");
        var s = As(_service);
        Assert.Equal([$"{_tag}-1", $"{_tag}-2"], (await s.InventoryAsync(new InventoryQuery { Text = _tag, Warehouse = "北京仓" })).Items.Select(i => i.ProductCode));
        var low = await s.InventoryAsync(new InventoryQuery { Text = _tag, LowStockBelow = 10 });
        Assert.Equal([($"{_tag}-1", "北京仓"), ($"{_tag}-2", "北京仓")], low.Items.Select(i => (i.ProductCode, i.Warehouse)));
        Assert.Contains("北京仓", await s.WarehousesAsync());
        var detail = await s.GetAsync(low.Items[0].ProductId);
        Assert.Equal(45m, detail!.Product.TotalStock);
        Assert.Equal(new[] { "上海仓", "北京仓" }.Order(StringComparer.Ordinal), detail.Stock.Select(w => w.Warehouse).Order(StringComparer.Ordinal));
        Assert.Null(await s.GetAsync(int.MaxValue));
    }

    [Fact]
    public async Task OrderLines_LinkTheProduct_StockForSalespeopleOnly_OrderOfOthersHidden()
    {
        await CatalogueAsync();
        await ImportAsync(_admin, ImportKind.Inventory, "product_code,warehouse,quantity", $"{_tag}-1,上海仓,40", $"{_tag}-1,北京仓,5");
        var customer = await fx.AddCustomerAsync("下单客户", _am.Id);
        int orderId;
        await using (var db = await fx.SystemDbAsync())
        {
            var productId = await db.Products.Where(p => p.Code == $"{_tag}-1").Select(p => p.Id).SingleAsync();
            var order = Order.Create(_tag + "-O1", customer, fx.Clock.Today.AddDays(-10), 2481m, fx.Clock.UtcNow);
            order.AddLine($"{_tag}-1", 2, 1200.50m, productId);
            order.AddLine("UNKNOWN-" + _tag, 1, 80m);
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            orderId = order.Id;
        }

        foreach (var seller in new[] { _am, _manager, _admin })
        {
            var lines = await As(seller).OrderLinesAsync(orderId);
            Assert.Equal(2, lines.Count);
            Assert.Equal(("网关设备", 45m), (lines[0].ProductName, lines[0].Stock!.Sum(s => s.Quantity)));
            Assert.Equal(["上海仓", "北京仓"], lines[0].Stock!.Select(s => s.Warehouse).OrderByDescending(w => w == "上海仓"));
            Assert.Equal((null, 0), (lines[1].ProductId, lines[1].Stock!.Count));
        }
        var service = await As(_service).OrderLinesAsync(orderId);
        Assert.Equal(2, service.Count);
        Assert.All(service, l => Assert.Null(l.Stock));
        Assert.Empty(await As(_otherAm).OrderLinesAsync(orderId));
    }
}

public sealed class ProductServiceTests_Sqlite(SqliteFixture fx) : ProductServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class ProductServiceTests_Postgres(PostgresFixture fx) : ProductServiceTests(fx), IClassFixture<PostgresFixture>;
