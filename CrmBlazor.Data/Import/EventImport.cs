using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Import;

/// <summary>
/// Behaviour events (visits, feature use, usage minutes, service contacts, unsubscribes …), keyed by
/// <c>event_id</c>: an id already imported for the same customer with the same values is unchanged;
/// with other values, or for another customer, it is refused. <c>value</c> defaults to 1.
/// </summary>
internal sealed class EventImport : ImportJob
{
    private readonly List<BehaviourEvent> _events = [];

    public override async Task PlanAsync(ImportContext ctx, CsvTable table, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var known = await ctx.CustomersAsync(table.Rows.Select(r => r.Get("customer_no")).OfType<string>(), ct);
        var ids = table.Rows.Select(r => r.Get("event_id")).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var existing = new Dictionary<string, BehaviourEvent>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(ImportContext.Chunk))
            foreach (var e in await ctx.System.BehaviourEvents.AsNoTracking().Where(e => e.ExternalId != null && chunk.Contains(e.ExternalId)).ToListAsync(ct))
                existing[e.ExternalId!] = e;
        var seen = new SeenKeys();
        var done = 0;
        foreach (var row in table.Rows)
        {
            try
            {
                ImportValues.EnsureAligned(row);
                var id = Check.Required(row.Get("event_id"), "EventId", 64);
                seen.Add(id, row.Line);
                var customerNo = Check.Required(row.Get("customer_no"), "Number", 32);
                var at = ImportValues.RequiredDateTime(row, "occurred_at", "OccurredAt");
                var typeText = ImportValues.Required(row, "type", "Type");
                if (!BehaviourEvent.TryParseType(typeText, out var type))
                    throw new DomainException("Import.UnknownEventType", $"'{typeText}' is not an event type ({string.Join(", ", ImportColumns.EventTypes)}).",
                        typeText, string.Join(", ", ImportColumns.EventTypes));
                var value = ImportValues.Decimal(row, "value", "Value") ?? 1m;
                var customer = ImportContext.Resolve(known, customerNo);
                var e = BehaviourEvent.Create(id, customer.Id, at, type, value, row.Get("detail"), ctx.Now);
                if (existing.TryGetValue(id, out var stored))
                {
                    if (stored.CustomerId != e.CustomerId)
                        throw new DomainException("Import.EventIdTaken", $"Event id {id} belongs to another customer.", id);
                    if (stored.Type != e.Type || stored.OccurredAt != e.OccurredAt || stored.Value != e.Value || stored.Detail != e.Detail)
                        throw new DomainException("Import.EventDiffers", $"Event {id} was imported before with other values; imports do not change events.", id);
                    Unchanged++;
                }
                else _events.Add(e);
            }
            catch (DomainException e)
            {
                Reject(row, e);
            }
            Report(progress, ++done, table.Rows.Count);
        }
        Added = _events.Count;
    }

    public override async Task<IReadOnlyCollection<AffectedCustomer>> WriteAsync(CrmDbContext db, BulkSession session, CancellationToken ct)
    {
        var table = session.Table<BehaviourEvent>(db, "ExternalId", "CustomerId", "OccurredAt", "Type", "Value", "Detail");
        foreach (var e in _events)
        {
            table.Add(e.ExternalId, e.CustomerId, e.OccurredAt, e.Type, e.Value, e.Detail);
            if (session.PendingRows >= 20_000) await session.FlushAsync(ct);
        }
        await session.CompleteAsync(ct);
        var ids = _events.Select(e => e.CustomerId).Distinct().ToArray();
        var owners = new Dictionary<int, string?>();
        foreach (var chunk in ids.Chunk(ImportContext.Chunk))
            foreach (var c in await db.Customers.IgnoreQueryFilters().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.OwnerId }).ToListAsync(ct))
                owners[c.Id] = c.OwnerId;
        return ids.Select(id => new AffectedCustomer(id, owners.GetValueOrDefault(id), null)).ToArray();
    }
}
