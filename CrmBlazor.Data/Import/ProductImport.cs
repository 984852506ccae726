using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Import;

/// <summary>
/// The product catalogue (产品信息), keyed by <c>code</c>: a new code adds the product, a known one
/// takes the file's values (the catalogue system is the master), an identical row is unchanged.
/// <c>active</c> and <c>core_feature</c> accept true/false, 1/0, yes/no, 是/否; <c>active</c> defaults to true.
/// </summary>
internal sealed class ProductImport : ImportJob
{
    private sealed record Values(string Code, string Name, string? NameEn, string? Model, string? Specification, string Unit, decimal Price, bool Active, bool Core);

    private readonly List<Values> _new = [];
    private readonly List<Values> _changed = [];

    public override async Task PlanAsync(ImportContext ctx, CsvTable table, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var codes = table.Rows.Select(r => r.Get("code")).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var existing = new Dictionary<string, Product>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in codes.Chunk(ImportContext.Chunk))
            foreach (var p in await ctx.System.Products.AsNoTracking().Where(p => chunk.Contains(p.Code)).ToListAsync(ct))
                existing[p.Code] = p;
        var seen = new SeenKeys();
        var done = 0;
        foreach (var row in table.Rows)
        {
            try
            {
                ImportValues.EnsureAligned(row);
                var code = Check.Required(row.Get("code"), "ProductCode", 40);
                seen.Add(code.ToUpperInvariant(), row.Line);
                var price = ImportValues.Decimal(row, "price", "Price") ?? throw new DomainException("Validation.Required", "Price is required.", "Price");
                var v = new Values(code, ImportValues.Required(row, "name", "ProductName"), row.Get("name_en"), row.Get("model"), row.Get("specification"),
                    ImportValues.Required(row, "unit", "Unit"), price, ImportValues.Boolean(row, "active", "Active") ?? true, ImportValues.Boolean(row, "core_feature", "CoreFeature") ?? false);
                // the domain checks lengths and signs; the detached copy is thrown away
                var checkedProduct = Product.Create(v.Code, v.Name, v.NameEn, v.Model, v.Specification, v.Unit, v.Price, v.Core);
                if (existing.TryGetValue(code, out var stored))
                {
                    if (stored.Update(v.Name, v.NameEn, v.Model, v.Specification, v.Unit, v.Price, v.Active, v.Core)) _changed.Add(v with { Code = stored.Code });
                    else Unchanged++;
                }
                else _new.Add(v with { Code = checkedProduct.Code });
            }
            catch (DomainException e)
            {
                Reject(row, e);
            }
            Report(progress, ++done, table.Rows.Count);
        }
        Added = _new.Count;
        Updated = _changed.Count;
    }

    public override async Task<IReadOnlyCollection<AffectedCustomer>> WriteAsync(CrmDbContext db, BulkSession session, CancellationToken ct)
    {
        foreach (var v in _new)
        {
            var p = Product.Create(v.Code, v.Name, v.NameEn, v.Model, v.Specification, v.Unit, v.Price, v.Core);
            if (!v.Active) p.SetActive(false);
            db.Products.Add(p);
        }
        foreach (var chunk in _changed.Chunk(ImportContext.Chunk))
        {
            var codes = chunk.Select(c => c.Code).ToArray();
            var loaded = await db.Products.Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct);
            foreach (var v in chunk)
                loaded[v.Code].Update(v.Name, v.NameEn, v.Model, v.Specification, v.Unit, v.Price, v.Active, v.Core);
        }
        await db.SaveChangesAsync(ct);
        return [];
    }
}

/// <summary>
/// Stock per warehouse (库存): <c>product_code</c>, <c>warehouse</c>, <c>quantity</c> — the count as
/// it is now. A known product and warehouse takes the new quantity, a new warehouse adds a record;
/// an unknown product code is refused (import the catalogue first).
/// </summary>
internal sealed class InventoryImport : ImportJob
{
    private readonly List<(int ProductId, string Warehouse, decimal Quantity)> _new = [];
    private readonly List<(int Id, decimal Quantity)> _changed = [];
    private DateTime _now;

    public override async Task PlanAsync(ImportContext ctx, CsvTable table, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        _now = ctx.Now;
        var codes = table.Rows.Select(r => r.Get("product_code")).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var products = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in codes.Chunk(ImportContext.Chunk))
            foreach (var p in await ctx.System.Products.AsNoTracking().Where(p => chunk.Contains(p.Code)).Select(p => new { p.Code, p.Id }).ToListAsync(ct))
                products[p.Code] = p.Id;
        var ids = products.Values.ToArray();
        var stock = new Dictionary<(int, string), (int Id, decimal Quantity)>();
        foreach (var chunk in ids.Chunk(ImportContext.Chunk))
            foreach (var i in await ctx.System.Inventory.AsNoTracking().Where(i => chunk.Contains(i.ProductId)).Select(i => new { i.Id, i.ProductId, i.Warehouse, i.Quantity }).ToListAsync(ct))
                stock[(i.ProductId, i.Warehouse)] = (i.Id, i.Quantity);
        var seen = new SeenKeys();
        var done = 0;
        foreach (var row in table.Rows)
        {
            try
            {
                ImportValues.EnsureAligned(row);
                var code = Check.Required(row.Get("product_code"), "ProductCode", 40);
                var warehouse = Check.Required(row.Get("warehouse"), "Warehouse", 100);
                seen.Add($"{code.ToUpperInvariant()} / {warehouse}", row.Line);
                var quantity = Check.NotNegative(ImportValues.Decimal(row, "quantity", "Quantity")
                    ?? throw new DomainException("Validation.Required", "Quantity is required.", "Quantity"), "Quantity");
                if (!products.TryGetValue(code, out var productId))
                    throw new DomainException("Import.UnknownProduct", $"There is no product {code} (import the product catalogue first).", code);
                if (stock.TryGetValue((productId, warehouse), out var stored))
                {
                    if (stored.Quantity == quantity) Unchanged++;
                    else _changed.Add((stored.Id, quantity));
                }
                else _new.Add((productId, warehouse, quantity));
            }
            catch (DomainException e)
            {
                Reject(row, e);
            }
            Report(progress, ++done, table.Rows.Count);
        }
        Added = _new.Count;
        Updated = _changed.Count;
    }

    public override async Task<IReadOnlyCollection<AffectedCustomer>> WriteAsync(CrmDbContext db, BulkSession session, CancellationToken ct)
    {
        foreach (var (productId, warehouse, quantity) in _new)
            db.Inventory.Add(InventoryItem.Create(productId, warehouse, quantity, _now));
        foreach (var chunk in _changed.Chunk(ImportContext.Chunk))
        {
            var ids = chunk.Select(c => c.Id).ToArray();
            var loaded = await db.Inventory.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            foreach (var (id, quantity) in chunk) loaded[id].SetQuantity(quantity, _now);
        }
        await db.SaveChangesAsync(ct);
        return [];
    }
}
