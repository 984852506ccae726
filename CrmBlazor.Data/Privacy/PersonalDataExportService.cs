using System.Text.Json;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Privacy;

/// <summary>A person whose data can be exported or erased: the customer itself or one of its contacts.</summary>
public sealed record PersonalDataSubject(ErasedKind Kind, int Id, string Name, DateTime? ErasedAt);

/// <summary>
/// Everything held about one customer or one contact (PIPL art. 45), for an admin to hand to the
/// person. Sections are read through the model, so every stored field of every record is included
/// — a field added later is exported without a change here. Each export is audited (what, which
/// sections, no values). Access: admins only, any record.
/// </summary>
public sealed class PersonalDataExportService(CrmDbFactory dbFactory, TimeProvider clock)
{
    /// <summary>The customer and its contacts, for the personal-data tab (names in clear: admins only).</summary>
    public async Task<IReadOnlyList<PersonalDataSubject>> SubjectsAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        PrivacyAccess.RequireAdmin(db.Scope);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new PersonalDataSubject(ErasedKind.Customer, c.Id, c.Name, c.ErasedAt)).FirstOrDefaultAsync(ct);
        if (customer is null) return [];
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id)
            .Select(c => new PersonalDataSubject(ErasedKind.Contact, c.Id, c.Name, c.ErasedAt)).ToListAsync(ct);
        return [customer, .. contacts];
    }

    public async Task<PersonalDataExport> ExportCustomerAsync(int customerId, string format, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        PrivacyAccess.RequireAdmin(db.Scope);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct)
            ?? throw new Domain.Common.DomainException("Record.NotFound", "The customer does not exist.");
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId).OrderBy(o => o.OrderDate).ThenBy(o => o.Id).ToListAsync(ct);
        var orderIds = orders.Select(o => o.Id).ToArray();
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.CustomerId == customerId).OrderBy(t => t.Id).ToListAsync(ct);
        var ticketIds = tickets.Select(t => t.Id).ToArray();
        var sections = new List<ExportSection>
        {
            Section(db, "customer", [customer]),
            Section(db, "contacts", contacts),
            Consent(contacts),
            Section(db, "interactions", await db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId).OrderBy(i => i.Date).ThenBy(i => i.Id).ToListAsync(ct)),
            Section(db, "orders", orders),
            Section(db, "order_lines", await db.OrderLines.AsNoTracking().Where(l => orderIds.Contains(l.OrderId)).OrderBy(l => l.OrderId).ThenBy(l => l.Id).ToListAsync(ct)),
            Section(db, "tickets", tickets),
            Section(db, "ticket_history", await db.TicketHistory.AsNoTracking().Where(h => ticketIds.Contains(h.TicketId)).OrderBy(h => h.Id).ToListAsync(ct)),
            Section(db, "opportunities", await db.Opportunities.AsNoTracking().Where(o => o.CustomerId == customerId).OrderBy(o => o.Id).ToListAsync(ct)),
            Section(db, "follow_ups", await db.FollowUpTasks.AsNoTracking().Where(t => t.CustomerId == customerId).OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToListAsync(ct)),
            Section(db, "stage_history", await db.StageHistory.AsNoTracking().Where(h => h.CustomerId == customerId).OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync(ct)),
            Section(db, "churn_cases", await db.ChurnCases.AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).ToListAsync(ct)),
            Section(db, "tags", await db.CustomerTags.AsNoTracking().Where(t => t.CustomerId == customerId).OrderBy(t => t.TagCode).ToListAsync(ct)),
            Section(db, "value_score", await db.ValueScores.AsNoTracking().Where(v => v.CustomerId == customerId).ToListAsync(ct)),
        };
        return await AuditedAsync(db, new PersonalDataExport(nameof(Customer), customerId, Now, sections), format, ct);
    }

    /// <summary>One contact: their fields, their consent, their customer (number and name), and the records that mention them by name, phone or e-mail.</summary>
    public async Task<PersonalDataExport> ExportContactAsync(int contactId, string format, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        PrivacyAccess.RequireAdmin(db.Scope);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct)
            ?? throw new Domain.Common.DomainException("Record.NotFound", "The contact does not exist.");
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == contact.CustomerId).Select(c => new { c.Id, c.Number, c.Name }).SingleAsync(ct);
        var mentions = new Mentions(PersonalValues.OfContact(contact));
        var sections = new List<ExportSection>
        {
            Section(db, "contact", [contact]),
            Consent([contact]),
            new("customer", [new Dictionary<string, object?> { ["Id"] = customer.Id, ["Number"] = customer.Number, ["Name"] = customer.Name }]),
            Section(db, "interactions", mentions.Filter(await db.Interactions.AsNoTracking().Where(i => i.CustomerId == customer.Id).ToListAsync(ct),
                i => [i.Summary, i.Details, i.Notes, i.Place])),
            Section(db, "tickets", mentions.Filter(await db.Tickets.AsNoTracking().Where(t => t.CustomerId == customer.Id).ToListAsync(ct),
                t => [t.Summary, t.Request, t.Handling, t.Result])),
            Section(db, "opportunities", mentions.Filter(await db.Opportunities.AsNoTracking().Where(o => o.CustomerId == customer.Id || o.ContactName == contact.Name).ToListAsync(ct),
                o => [o.ContactName, o.ContactPhone, o.Summary, o.Description])),
            Section(db, "follow_ups", mentions.Filter(await db.FollowUpTasks.AsNoTracking().Where(t => t.CustomerId == customer.Id).ToListAsync(ct),
                t => [t.Title, t.Content, t.NextPlan])),
        };
        return await AuditedAsync(db, new PersonalDataExport(nameof(Contact), contactId, Now, sections), format, ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static async Task<PersonalDataExport> AuditedAsync(CrmDbContext db, PersonalDataExport export, string format, CancellationToken ct)
    {
        var detail = new Dictionary<string, object?>
        {
            ["format"] = format,
            ["sections"] = export.Sections.ToDictionary(s => s.Name, s => s.Records.Count),
        };
        db.AuditEntries.Add(new AuditEntry(export.ExportedAt, db.Scope.UserId, db.Scope.UserName, AuditAction.Export, export.SubjectType,
            export.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(detail), db.ClientAddress));
        await db.SaveChangesAsync(ct);
        return export;
    }

    /// <summary>Every mapped field of each record, read through the model (shadow keys included where the model keeps them).</summary>
    private static ExportSection Section<T>(CrmDbContext db, string name, IEnumerable<T> records) where T : class
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var properties = type.GetProperties().Where(p => p.PropertyInfo is not null || p.FieldInfo is not null).ToArray();
        return new ExportSection(name, records.Select(r => (IReadOnlyDictionary<string, object?>)properties.ToDictionary(
            p => p.Name, p => p.PropertyInfo is { } pi ? pi.GetValue(r) : p.FieldInfo!.GetValue(r))).ToArray());
    }

    private static ExportSection Consent(IEnumerable<Contact> contacts) => new("consent", contacts.Select(c => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
    {
        ["ContactId"] = c.Id,
        ["ConsentGiven"] = c.ConsentGiven,
        ["ConsentChangedAt"] = c.ConsentChangedAt,
        ["ConsentChannel"] = c.ConsentChannel,
        ["ConsentRecordedById"] = c.ConsentRecordedById,
        ["CollectionPurpose"] = c.CollectionPurpose,
    }).ToArray());
}
