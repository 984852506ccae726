using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Import;

/// <summary>
/// Orders with their lines: the rows that share an <c>order_no</c> are the lines of one order and
/// must agree on customer, date and amount. An order is all or nothing — when one of its rows is
/// refused, the others are refused too, pointing at it. <c>amount</c> is the order total; left
/// empty it is the sum of the lines. An order number already imported with the same customer, date,
/// amount and number of lines is unchanged; with other values it is refused (orders come from the
/// order system and are not edited by an import).
/// </summary>
internal sealed class OrderImport : ImportJob
{
    private sealed record Parsed(CsvRow Row, string OrderNo, string CustomerNo, DateOnly Date, decimal? Amount, (string Code, decimal Quantity, decimal UnitPrice)? Line);

    private readonly List<Order> _orders = [];
    private IReadOnlyDictionary<string, int> _products = new Dictionary<string, int>();

    public override async Task PlanAsync(ImportContext ctx, CsvTable table, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var parsed = new List<(CsvRow Row, Parsed? Value)>();
        foreach (var row in table.Rows)
        {
            try { parsed.Add((row, Parse(row, ctx.Now))); }
            catch (DomainException e) { Reject(row, e); parsed.Add((row, null)); }
        }
        var known = await ctx.CustomersAsync(parsed.Select(p => p.Value?.CustomerNo).OfType<string>(), ct);
        var numbers = parsed.Select(p => p.Value?.OrderNo).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var existing = new Dictionary<string, (int CustomerId, DateOnly Date, decimal Amount, int Lines)>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(ImportContext.Chunk))
            foreach (var o in await ctx.System.Orders.AsNoTracking().Where(o => chunk.Contains(o.OrderNo))
                         .Select(o => new { o.OrderNo, o.CustomerId, o.OrderDate, o.Amount, Lines = o.Lines.Count }).ToListAsync(ct))
                existing[o.OrderNo] = (o.CustomerId, o.OrderDate, o.Amount, o.Lines);
        _products = await ctx.System.Products.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id, StringComparer.OrdinalIgnoreCase, ct);

        var done = 0;
        // rows group by the order number as written, so a refused row still takes its order down with it
        foreach (var group in parsed.GroupBy(p => p.Row.Get("order_no") ?? "#" + p.Row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal))
        {
            var rows = group.ToList();
            done += rows.Count;
            Report(progress, done, table.Rows.Count);
            if (rows.Any(r => r.Value is null))
            {
                var firstBad = rows.First(r => r.Value is null).Row.Line;
                foreach (var (row, _) in rows.Where(r => r.Value is not null))
                    Reject(row, new DomainException("Import.OrderLineRejected", $"Order {group.Key} is not imported: its row on line {firstBad} is refused.", group.Key, firstBad));
                continue;
            }
            var lines = rows.Select(r => r.Value!).ToList();
            try
            {
                var order = Build(ctx, known, lines);
                if (existing.TryGetValue(order.OrderNo, out var stored))
                {
                    if (stored.CustomerId != order.CustomerId)
                        throw new DomainException("Import.OrderNoTaken", $"Order number {order.OrderNo} belongs to another customer.", order.OrderNo);
                    if (stored.Date != order.OrderDate || stored.Amount != order.Amount || stored.Lines != order.Lines.Count)
                        throw new DomainException("Import.OrderDiffers", $"Order {order.OrderNo} was imported before with other values; imports do not change orders.", order.OrderNo);
                    Unchanged++;
                    continue;
                }
                _orders.Add(order);
            }
            catch (DomainException e)
            {
                foreach (var l in lines) Reject(l.Row, e);
            }
        }
        Rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        Added = _orders.Count;
        LinesAdded = _orders.Sum(o => o.Lines.Count);
    }

    private static Parsed Parse(CsvRow row, DateTime now)
    {
        ImportValues.EnsureAligned(row);
        var orderNo = Check.Required(row.Get("order_no"), "OrderNo", 40);
        var customerNo = Check.Required(row.Get("customer_no"), "Number", 32);
        var date = ImportValues.RequiredDateTime(row, "order_date", "OrderDate");
        ImportValues.NotFuture(date, now, "OrderDate", row.Get("order_date")!);
        var amount = ImportValues.Decimal(row, "amount", "Amount");
        if (amount is { } a) Check.NotNegative(a, "Amount");
        (string, decimal, decimal)? line = null;
        if (row.Get("product_code") is not null || row.Get("quantity") is not null || row.Get("unit_price") is not null)
        {
            var code = Check.Required(row.Get("product_code"), "ProductCode", 40);
            var quantity = ImportValues.Decimal(row, "quantity", "Quantity") ?? throw new DomainException("Validation.Required", "Quantity is required.", "Quantity");
            if (quantity <= 0) throw new DomainException("Order.Quantity", "Quantity must be greater than zero.");
            var price = ImportValues.Decimal(row, "unit_price", "UnitPrice") ?? throw new DomainException("Validation.Required", "UnitPrice is required.", "UnitPrice");
            line = (code, quantity, Check.NotNegative(price, "UnitPrice"));
        }
        else if (amount is null)
            throw new DomainException("Validation.Required", "Amount is required.", "Amount");
        return new Parsed(row, orderNo, customerNo, DateOnly.FromDateTime(date), amount, line);
    }

    /// <summary>One order from its rows: they must agree on customer, date and (when given) amount.</summary>
    private Order Build(ImportContext ctx, IReadOnlyDictionary<string, KnownCustomer> known, List<Parsed> rows)
    {
        var first = rows[0];
        foreach (var r in rows.Skip(1))
        {
            var field = r.CustomerNo != first.CustomerNo ? "Number" : r.Date != first.Date ? "OrderDate"
                : r.Amount is { } a && first.Amount is { } fa && a != fa ? "Amount" : null;
            if (field is not null)
                throw new DomainException("Import.OrderInconsistent", $"The rows of order {first.OrderNo} disagree on {field} (see line {first.Row.Line}).", first.OrderNo, field, first.Row.Line);
        }
        var customer = ImportContext.Resolve(known, first.CustomerNo);
        var withLines = rows.Where(r => r.Line is not null).ToList();
        if (withLines.Count is > 0 && withLines.Count != rows.Count)
            throw new DomainException("Validation.Required", "ProductCode is required.", "ProductCode");
        var amount = rows.Select(r => r.Amount).FirstOrDefault(a => a is not null) ?? withLines.Sum(r => r.Line!.Value.Quantity * r.Line!.Value.UnitPrice);
        var order = Order.Create(first.OrderNo, customer.Id, first.Date, amount, ctx.Now);
        foreach (var (code, quantity, price) in withLines.Select(r => r.Line!.Value))
            order.AddLine(code, quantity, price, _products.TryGetValue(code, out var pid) ? pid : null);
        return order;
    }

    public override async Task<IReadOnlyCollection<AffectedCustomer>> WriteAsync(CrmDbContext db, BulkSession session, CancellationToken ct)
    {
        var nextId = (await db.Orders.IgnoreQueryFilters().MaxAsync(o => (int?)o.Id, ct) ?? 0) + 1;
        var orders = session.Table<Order>(db, "Id", "OrderNo", "CustomerId", "OrderDate", "Amount", "ImportedAt");
        var lines = session.Table<OrderLine>(db, "OrderId", "ProductId", "ProductCode", "Quantity", "UnitPrice");
        foreach (var o in _orders)
        {
            var id = nextId++;
            orders.Add(id, o.OrderNo, o.CustomerId, o.OrderDate, o.Amount, o.ImportedAt);
            foreach (var l in o.Lines) lines.Add(id, l.ProductId, l.ProductCode, l.Quantity, l.UnitPrice);
            if (session.PendingRows >= 20_000) await session.FlushAsync(ct);
        }
        await session.CompleteAsync(ct);
        var ids = _orders.Select(o => o.CustomerId).Distinct().ToArray();
        var owners = new Dictionary<int, string?>();
        foreach (var chunk in ids.Chunk(ImportContext.Chunk))
            foreach (var c in await db.Customers.IgnoreQueryFilters().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.OwnerId }).ToListAsync(ct))
                owners[c.Id] = c.OwnerId;
        return ids.Select(id => new AffectedCustomer(id, owners.GetValueOrDefault(id), null)).ToArray();
    }
}
