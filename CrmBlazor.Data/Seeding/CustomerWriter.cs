using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Seeding;

/// <summary>A stage change in a generated customer's timeline.</summary>
internal sealed record StageStep(DateTime At, LifecycleStage? From, StageClassification To);

/// <summary>
/// Writes generated customers with their contacts, orders, lines, events and stage history in one
/// <see cref="BulkSession"/> — explicit ids so orders and lines reference each other without a
/// round trip per row.
/// </summary>
internal sealed class CustomerWriter : IAsyncDisposable
{
    private const int FlushEveryRows = 20_000;
    private readonly BulkSession _session;
    private readonly BulkInserter _customers, _contacts, _orders, _history;
    private readonly BulkInserter? _lines, _events;
    private readonly IReadOnlyDictionary<string, int> _productIds;
    private readonly DateTime _now;
    private int _nextCustomerId, _nextOrderId;

    private CustomerWriter(CrmDbContext db, BulkSession session, bool rich, IReadOnlyDictionary<string, int> productIds, int nextCustomerId, int nextOrderId, DateTime now)
    {
        _session = session;
        _customers = session.Table<Customer>(db, "Id", "Number", "Name", "RegionCode", "IndustryCode", "LevelCode", "OwnerId",
            "Satisfaction", "Credit", "Address", "Postcode", "Phone", "Fax", "Website", "LicenceNumber", "LegalRepresentative", "RegisteredCapital",
            "AnnualTurnover", "Bank", "BankAccount", "TaxId", "ConsentToContact", "Status", "CreatedAt", "Stage", "StageEnteredAt", "StageReasons",
            "FirstOrderDate", "LastOrderDate", "OrderCount", "TotalSpend", "Version");
        _contacts = session.Table<Contact>(db, "CustomerId", "Name", "Gender", "Title", "OfficePhone", "Mobile", "Email", "Birthday",
            "Notes", "IsPrimary", "ConsentGiven", "ConsentChangedAt", "ConsentChannel", "ConsentRecordedById", "CollectionPurpose", "Version");
        _orders = session.Table<Order>(db, "Id", "OrderNo", "CustomerId", "OrderDate", "Amount", "ImportedAt");
        _lines = rich ? session.Table<OrderLine>(db, "OrderId", "ProductId", "ProductCode", "Quantity", "UnitPrice") : null;
        _events = rich ? session.Table<BehaviourEvent>(db, "ExternalId", "CustomerId", "OccurredAt", "Type", "Value", "Detail") : null;
        _history = session.Table<StageHistoryEntry>(db, "CustomerId", "FromStage", "ToStage", "At", "Reasons");
        (_productIds, _nextCustomerId, _nextOrderId, _now) = (productIds, nextCustomerId, nextOrderId, now);
    }

    public long CustomersWritten => _customers.Written + _customers.Pending;
    public long OrdersWritten => _orders.Written + _orders.Pending;

    public static async Task<CustomerWriter> OpenAsync(CrmDbContext db, bool rich, DateTime now, CancellationToken ct)
    {
        var nextCustomer = (await db.Customers.IgnoreQueryFilters().MaxAsync(c => (int?)c.Id, ct) ?? 0) + 1;
        var nextOrder = (await db.Orders.IgnoreQueryFilters().MaxAsync(o => (int?)o.Id, ct) ?? 0) + 1;
        var products = await db.Products.ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var session = await BulkSession.OpenAsync(db, ct);
        return new CustomerWriter(db, session, rich, products, nextCustomer, nextOrder, now);
    }

    /// <summary>Buffers one customer with its history; returns its id.</summary>
    public async Task<int> WriteAsync(GenCustomer c, string? ownerId, IReadOnlyList<StageStep> timeline, CancellationToken ct = default)
    {
        var id = _nextCustomerId++;
        var current = timeline[^1];
        var orders = c.Orders.OrderBy(o => o.Date).ToArray();
        _customers.Add(id, $"C{id:D7}", c.Name, c.Region, c.Industry, c.Level, ownerId, c.Satisfaction, c.Credit, c.Address,
            c.Postcode, c.Phone, null, c.Website, c.LicenceNumber, c.LegalRepresentative, c.RegisteredCapital, c.AnnualTurnover, c.Bank,
            c.BankAccount, c.TaxId, c.Consent, CustomerStatus.Active, c.CreatedAt, current.To.Stage, current.At, current.To.Serialized,
            orders.Length == 0 ? null : orders[0].Date, orders.Length == 0 ? null : orders[^1].Date, orders.Length, orders.Sum(o => o.Amount), 0);

        for (var i = 0; i < c.Contacts.Count; i++)
        {
            var p = c.Contacts[i];
            _contacts.Add(id, p.Name, (Gender)p.Gender, p.Title, p.OfficePhone, p.Mobile, p.Email, p.Birthday, null, i == 0,
                p.Consent, p.Consent ? c.CreatedAt : null, p.Consent ? "contract" : null, null, p.Consent ? "customer service and product news" : null, 0);
        }

        foreach (var o in orders)
        {
            var orderId = _nextOrderId++;
            _orders.Add(orderId, $"SO{orderId:D9}", id, o.Date, o.Amount, _now);
            if (_lines is null) continue;
            foreach (var (product, quantity, unitPrice) in o.Lines)
                _lines.Add(orderId, _productIds.TryGetValue(product, out var pid) ? pid : null, product, quantity, unitPrice);
        }

        if (_events is not null)
            foreach (var e in c.Events)
                _events.Add(null, id, e.At, e.Type, e.Value, e.Detail);

        foreach (var step in timeline)
            _history.Add(id, step.From, step.To.Stage, step.At, step.To.Serialized);

        if (_session.PendingRows >= FlushEveryRows) await _session.FlushAsync(ct);
        return id;
    }

    public Task CompleteAsync(CancellationToken ct = default) => _session.CompleteAsync(ct);

    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
