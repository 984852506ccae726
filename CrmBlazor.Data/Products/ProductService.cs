using System.Linq.Expressions;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Products;

/// <param name="Text">Part of the code, name (either language) or model.</param>
/// <param name="Active">Only active (true) or inactive (false) products; null for both.</param>
public sealed record ProductQuery : PageRequest
{
    public string? Text { get; init; }
    public bool? Active { get; init; }
}

public sealed record ProductRow(int Id, string Code, string Name, string? NameEn, string? Model, string? Specification, string Unit,
    decimal Price, bool IsActive, bool IsCoreFeature, decimal TotalStock)
{
    public string DisplayName(bool chinese) => chinese || NameEn is null ? Name : NameEn;
}

/// <param name="Text">Part of the product's code or name.</param>
/// <param name="LowStockBelow">Only warehouse stock below this quantity.</param>
public sealed record InventoryQuery : PageRequest
{
    public string? Text { get; init; }
    public int? ProductId { get; init; }
    public string? Warehouse { get; init; }
    public decimal? LowStockBelow { get; init; }
}

public sealed record InventoryRow(int Id, int ProductId, string ProductCode, string ProductName, string? ProductNameEn, string Unit,
    string Warehouse, decimal Quantity, DateTime UpdatedAt)
{
    public string DisplayName(bool chinese) => chinese || ProductNameEn is null ? ProductName : ProductNameEn;
}

public sealed record ProductDetail(ProductRow Product, IReadOnlyList<WarehouseStock> Stock);

public sealed record WarehouseStock(string Warehouse, decimal Quantity, DateTime UpdatedAt);

/// <summary>A line of a historical order with its product; <see cref="Stock"/> per warehouse is filled only for salespeople.</summary>
public sealed record OrderLineStock(string ProductCode, int? ProductId, string? ProductName, string? ProductNameEn, string? Unit,
    decimal Quantity, decimal UnitPrice, IReadOnlyList<WarehouseStock>? Stock)
{
    public string DisplayName(bool chinese) => ProductName is null ? ProductCode : chinese || ProductNameEn is null ? ProductName : ProductNameEn;
}

/// <summary>
/// Product catalogue and stock look-ups (产品信息查询 / 库存查询), read-only; products and stock come
/// from CSV imports. Access: the catalogue and stock are company-wide reference data every signed-in
/// user may read; an order's lines follow the customer's record filter, and their current stock is
/// shown to salespeople (account and sales managers, and admins).
/// </summary>
public sealed class ProductService(CrmDbFactory dbFactory)
{
    private static readonly Dictionary<string, Expression<Func<Product, object?>>> ProductSorts = new()
    {
        ["Code"] = p => p.Code,
        ["Name"] = p => p.Name,
        ["Model"] = p => p.Model,
        ["Price"] = p => p.Price,
    };

    public async Task<PagedResult<ProductRow>> SearchAsync(ProductQuery q, CancellationToken ct = default)
    {
        await using var db = await OpenSignedInAsync(ct);
        var query = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim();
            query = query.Where(p => p.Code.Contains(text) || p.Name.Contains(text) || (p.NameEn != null && p.NameEn.Contains(text)) || (p.Model != null && p.Model.Contains(text)));
        }
        if (q.Active is { } active) query = query.Where(p => p.IsActive == active);
        var sorted = (IOrderedQueryable<Product>)query.SortBy(q.SortBy, q.Descending, ProductSorts, "Code");
        return await sorted.ThenBy(p => p.Id)
            .Select(p => new ProductRow(p.Id, p.Code, p.Name, p.NameEn, p.Model, p.Specification, p.Unit, p.Price, p.IsActive, p.IsCoreFeature,
                db.Inventory.Where(i => i.ProductId == p.Id).Sum(i => (decimal?)i.Quantity) ?? 0m))
            .ToPageAsync(q, ct);
    }

    /// <summary>One product with its stock per warehouse; null when no such product.</summary>
    public async Task<ProductDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await OpenSignedInAsync(ct);
        var product = await db.Products.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new ProductRow(p.Id, p.Code, p.Name, p.NameEn, p.Model, p.Specification, p.Unit, p.Price, p.IsActive, p.IsCoreFeature,
                db.Inventory.Where(i => i.ProductId == p.Id).Sum(i => (decimal?)i.Quantity) ?? 0m))
            .FirstOrDefaultAsync(ct);
        if (product is null) return null;
        return new ProductDetail(product, (await StockOfAsync(db, [id], ct)).GetValueOrDefault(id) ?? []);
    }

    public async Task<PagedResult<InventoryRow>> InventoryAsync(InventoryQuery q, CancellationToken ct = default)
    {
        await using var db = await OpenSignedInAsync(ct);
        var query = from i in db.Inventory.AsNoTracking()
                    join p in db.Products.AsNoTracking() on i.ProductId equals p.Id
                    select new { i, p };
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim();
            query = query.Where(x => x.p.Code.Contains(text) || x.p.Name.Contains(text) || (x.p.NameEn != null && x.p.NameEn.Contains(text)));
        }
        if (q.ProductId is { } productId) query = query.Where(x => x.i.ProductId == productId);
        if (!string.IsNullOrWhiteSpace(q.Warehouse)) query = query.Where(x => x.i.Warehouse == q.Warehouse);
        if (q.LowStockBelow is { } below) query = query.Where(x => x.i.Quantity < below);
        var ordered = q.SortBy switch
        {
            "Quantity" => q.Descending ? query.OrderByDescending(x => x.i.Quantity) : query.OrderBy(x => x.i.Quantity),
            "Warehouse" => q.Descending ? query.OrderByDescending(x => x.i.Warehouse) : query.OrderBy(x => x.i.Warehouse),
            _ => q.Descending ? query.OrderByDescending(x => x.p.Code) : query.OrderBy(x => x.p.Code),
        };
        return await ordered.ThenBy(x => x.p.Code).ThenBy(x => x.i.Warehouse)
            .Select(x => new InventoryRow(x.i.Id, x.p.Id, x.p.Code, x.p.Name, x.p.NameEn, x.p.Unit, x.i.Warehouse, x.i.Quantity, x.i.UpdatedAt))
            .ToPageAsync(q, ct);
    }

    /// <summary>The warehouses that hold stock records, for the inventory filter.</summary>
    public async Task<IReadOnlyList<string>> WarehousesAsync(CancellationToken ct = default)
    {
        await using var db = await OpenSignedInAsync(ct);
        return await db.Inventory.AsNoTracking().Select(i => i.Warehouse).Distinct().OrderBy(w => w).ToListAsync(ct);
    }

    /// <summary>
    /// The lines of an order the caller may see (the customer's record filter), each linked to its
    /// product; a salesperson also gets each product's current stock per warehouse.
    /// </summary>
    public async Task<IReadOnlyList<OrderLineStock>> OrderLinesAsync(int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var lines = await (from l in db.OrderLines.AsNoTracking().Where(l => l.OrderId == orderId)
                           join p in db.Products.AsNoTracking() on l.ProductId equals (int?)p.Id into products
                           from p in products.DefaultIfEmpty()
                           orderby l.Id
                           select new { l.ProductCode, l.ProductId, Name = p == null ? null : p.Name, NameEn = p == null ? null : p.NameEn, Unit = p == null ? null : p.Unit, l.Quantity, l.UnitPrice })
            .ToListAsync(ct);
        var stock = IsSalesperson(db.Scope)
            ? await StockOfAsync(db, lines.Select(l => l.ProductId).OfType<int>().Distinct().ToArray(), ct)
            : null;
        return lines.Select(l => new OrderLineStock(l.ProductCode, l.ProductId, l.Name, l.NameEn, l.Unit, l.Quantity, l.UnitPrice,
            stock is null ? null : l.ProductId is { } pid && stock.TryGetValue(pid, out var s) ? s : [])).ToArray();
    }

    /// <summary>Who sees current stock on an order line: the people who sell.</summary>
    public static bool IsSalesperson(AccessScope scope) =>
        scope.Profile is AccessProfile.AccountManager or AccessProfile.SalesManager or AccessProfile.Admin;

    private static async Task<Dictionary<int, IReadOnlyList<WarehouseStock>>> StockOfAsync(CrmDbContext db, int[] productIds, CancellationToken ct)
    {
        if (productIds.Length == 0) return [];
        var rows = await db.Inventory.AsNoTracking().Where(i => productIds.Contains(i.ProductId)).OrderBy(i => i.Warehouse)
            .Select(i => new { i.ProductId, i.Warehouse, i.Quantity, i.UpdatedAt }).ToListAsync(ct);
        return rows.GroupBy(r => r.ProductId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<WarehouseStock>)g.Select(r => new WarehouseStock(r.Warehouse, r.Quantity, r.UpdatedAt)).ToArray());
    }

    private async Task<CrmDbContext> OpenSignedInAsync(CancellationToken ct)
    {
        var db = await dbFactory.CreateAsync(ct);
        if (db.Scope.Profile is AccessProfile.None)
        {
            await db.DisposeAsync();
            throw new AccessDeniedException("Access.NoUser", "This operation needs a signed-in user.");
        }
        return db;
    }
}
