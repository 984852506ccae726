using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Service;

/// <summary>
/// Reads tickets (through the caller's filters) into <see cref="TicketRow"/>s, then their customers'
/// names and owners in a separate query past the customer filter: a handler sees the name of a
/// customer they do not own, yet the ticket filter of the first query stays in force.
/// </summary>
internal static class TicketRows
{
    public static async Task<List<TicketRow>> ToRowsAsync(this IQueryable<ServiceTicket> tickets, CrmDbContext db, CancellationToken ct) =>
        await WithCustomersAsync(db, await tickets.Select(TicketRow.Bare).ToListAsync(ct), ct);

    public static async Task<PagedResult<TicketRow>> ToRowPageAsync(this IQueryable<ServiceTicket> tickets, CrmDbContext db, PageRequest page, CancellationToken ct)
    {
        var bare = await tickets.Select(TicketRow.Bare).ToPageAsync(page, ct);
        return bare.Total == 0 ? bare : new PagedResult<TicketRow>(await WithCustomersAsync(db, bare.Items, ct), bare.Total);
    }

    /// <summary>Streams rows in blocks; customers are read on <paramref name="lookup"/> (one connection cannot run a second query while the first streams).</summary>
    public static async IAsyncEnumerable<TicketRow> StreamRowsAsync(this IQueryable<ServiceTicket> tickets, CrmDbContext lookup,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var block = new List<TicketRow>(500);
        await foreach (var row in tickets.Select(TicketRow.Bare).AsAsyncEnumerable().WithCancellation(ct))
        {
            block.Add(row);
            if (block.Count < 500) continue;
            foreach (var r in await WithCustomersAsync(lookup, block, ct)) yield return r;
            block.Clear();
        }
        foreach (var r in await WithCustomersAsync(lookup, block, ct)) yield return r;
    }

    private static async Task<List<TicketRow>> WithCustomersAsync(CrmDbContext db, IReadOnlyList<TicketRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.CustomerId).Distinct().ToArray();
        var customers = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.OwnerId }).ToDictionaryAsync(c => c.Id, ct);
        return rows.Select(r => customers.TryGetValue(r.CustomerId, out var c) ? r with { CustomerName = c.Name, CustomerOwnerId = c.OwnerId } : r).ToList();
    }
}
