using System.Globalization;
using System.Text.Json;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Privacy;

/// <summary>What an erasure did: nothing when the person was erased already; otherwise how many business records were de-identified.</summary>
public sealed record ErasureResult(bool AlreadyErased, int RecordsDeidentified, string Placeholder);

/// <summary>
/// Erasing a person (PIPL art. 47): their personal fields are anonymised irreversibly; the
/// business records (orders, tickets, opportunities, stage history, interactions, follow-ups) stay
/// but every mention of their name, phones or e-mail in them is replaced; a tombstone keeps a
/// one-way hash of each natural key (<see cref="NaturalKeys"/>) so an import refuses them. The
/// change is written in one transaction with one <see cref="AuditAction.Erase"/> entry that holds
/// no personal value — the row-by-row audit is off for it, since it would copy the erased text
/// into the trail. A second erasure changes nothing. Access: admins only, any record.
/// </summary>
public sealed class ErasureService(CrmDbFactory dbFactory, CrmEventHub events, TimeProvider clock)
{
    public async Task<ErasureResult> EraseContactAsync(int contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        PrivacyAccess.RequireAdmin(db.Scope);
        var contact = await db.Contacts.Include(c => c.Customer).FirstOrDefaultAsync(c => c.Id == contactId, ct)
            ?? throw new DomainException("Record.NotFound", "The contact does not exist.");
        var placeholder = ErasedNames.Contact(contact.Id);
        if (contact.ErasedAt is not null) return new ErasureResult(true, 0, placeholder);

        var customer = contact.Customer!;
        var mentions = new Mentions(PersonalValues.OfContact(contact));
        var keys = NaturalKeys.OfContact(customer.Number, contact.Name, contact.Mobile, contact.Email).ToArray();
        var mobile = contact.Mobile;
        var count = await DeidentifyAsync(db, customer.Id, mentions,
            db.Opportunities.Where(o => o.CustomerId == customer.Id || mobile != null && o.ContactPhone == mobile), ct);
        var now = Now;
        contact.Erase(now);
        await TombstonesAsync(db, ErasedKind.Contact, keys, now, ct);
        await SaveAsync(db, ErasedKind.Contact, contact.Id, count, keys.Length, now, ct);
        await events.PublishAsync(new CustomerChanged(customer.Id, customer.OwnerId, null, CustomerChange.ContactsChanged, db.Scope.UserId, now));
        return new ErasureResult(false, count, placeholder);
    }

    /// <summary>Erases the customer's own personal fields and every one of its contacts.</summary>
    public async Task<ErasureResult> EraseCustomerAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        PrivacyAccess.RequireAdmin(db.Scope);
        var customer = await db.Customers.Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == customerId, ct)
            ?? throw new DomainException("Record.NotFound", "The customer does not exist.");
        var placeholder = ErasedNames.Customer(customer.Id);
        if (customer.ErasedAt is not null) return new ErasureResult(true, 0, placeholder);

        var live = customer.Contacts.Where(c => c.ErasedAt is null).ToArray();
        var mentions = new Mentions(PersonalValues.OfCustomer(customer).Concat(live.SelectMany(PersonalValues.OfContact)));
        var keys = NaturalKeys.OfCustomer(customer.Number, customer.Name, customer.LicenceNumber, customer.TaxId)
            .Select(k => (ErasedKind.Customer, k))
            .Concat(live.SelectMany(c => NaturalKeys.OfContact(customer.Number, c.Name, c.Mobile, c.Email)).Select(k => (ErasedKind.Contact, k)))
            .ToArray();
        var name = customer.Name;
        var count = await DeidentifyAsync(db, customer.Id, mentions, db.Opportunities.Where(o => o.CustomerId == customerId || o.CustomerName == name), ct);
        var now = Now;
        customer.Erase(now);
        foreach (var group in keys.GroupBy(k => k.Item1))
            await TombstonesAsync(db, group.Key, group.Select(k => k.k).ToArray(), now, ct);
        await SaveAsync(db, ErasedKind.Customer, customer.Id, count, keys.Length, now, ct);
        await events.PublishAsync(new CustomerChanged(customer.Id, customer.OwnerId, null, CustomerChange.Edited, db.Scope.UserId, now));
        return new ErasureResult(false, count, placeholder);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Replaces the person's values in the free text of the customer's business records; returns how many records changed.</summary>
    private static async Task<int> DeidentifyAsync(CrmDbContext db, int customerId, Mentions mentions, IQueryable<Domain.Opportunities.Opportunity> opportunities, CancellationToken ct)
    {
        if (mentions.IsEmpty) return 0;
        var tickets = await db.Tickets.Where(t => t.CustomerId == customerId).ToListAsync(ct);
        var ticketIds = tickets.Select(t => t.Id).ToArray();
        var opps = await opportunities.ToListAsync(ct);
        var oppIds = opps.Select(o => o.Id).ToArray();
        var cases = await db.ChurnCases.Where(c => c.CustomerId == customerId).Select(c => c.Id).ToListAsync(ct);
        return Scrub(db, tickets, mentions, "Summary", "Request", "Handling", "Result")
            + Scrub(db, await db.TicketHistory.Where(h => ticketIds.Contains(h.TicketId)).ToListAsync(ct), mentions, "Detail")
            + Scrub(db, await db.Interactions.Where(i => i.CustomerId == customerId).ToListAsync(ct), mentions, "Place", "Summary", "Details", "Notes")
            + Scrub(db, await db.FollowUpTasks.Where(t => t.CustomerId == customerId).ToListAsync(ct), mentions, "Title", "Content", "NextPlan")
            + Scrub(db, opps, mentions, "CustomerName", "ContactName", "ContactPhone", "Summary", "Description", "LostReason")
            + Scrub(db, await db.OpportunityHistory.Where(h => oppIds.Contains(h.OpportunityId)).ToListAsync(ct), mentions, "Detail")
            + Scrub(db, await db.DevelopmentPlanSteps.Where(s => oppIds.Contains(s.OpportunityId)).ToListAsync(ct), mentions, "Action", "Result")
            + Scrub(db, await db.ChurnCaseEntries.Where(e => cases.Contains(e.ChurnCaseId)).ToListAsync(ct), mentions, "Text");
    }

    /// <summary>
    /// De-identification rewrites stored text, not a business transition, so it sets the mapped
    /// fields directly. A phone field that held the person's number is emptied.
    /// </summary>
    private static int Scrub<T>(CrmDbContext db, IEnumerable<T> records, Mentions mentions, params string[] fields) where T : class
    {
        var changed = 0;
        foreach (var record in records)
        {
            var entry = db.Entry(record);
            var any = false;
            foreach (var field in fields)
            {
                var p = entry.Property(field);
                if (p.CurrentValue is not string text || !mentions.In(text)) continue;
                p.CurrentValue = field.EndsWith("Phone", StringComparison.Ordinal) ? null : mentions.Scrub(text);
                any = true;
            }
            if (any) changed++;
        }
        return changed;
    }

    private static async Task TombstonesAsync(CrmDbContext db, ErasedKind kind, IReadOnlyCollection<string> keys, DateTime now, CancellationToken ct)
    {
        var hashes = keys.Select(k => ErasureTombstone.Hash(kind, k)).Distinct().ToArray();
        var known = await db.ErasureTombstones.Where(t => hashes.Contains(t.KeyHash)).Select(t => t.KeyHash).ToListAsync(ct);
        foreach (var key in keys.DistinctBy(k => ErasureTombstone.Hash(kind, k)).Where(k => !known.Contains(ErasureTombstone.Hash(kind, k))))
            db.ErasureTombstones.Add(ErasureTombstone.For(kind, key, db.Scope.UserId, now));
    }

    private static async Task SaveAsync(CrmDbContext db, ErasedKind kind, int id, int deidentified, int keys, DateTime now, CancellationToken ct)
    {
        var detail = JsonSerializer.Serialize(new Dictionary<string, int> { ["recordsDeidentified"] = deidentified, ["keysTombstoned"] = keys });
        db.AuditEntries.Add(new AuditEntry(now, db.Scope.UserId, db.Scope.UserName, AuditAction.Erase, kind.ToString(),
            id.ToString(CultureInfo.InvariantCulture), detail, db.ClientAddress));
        db.SuppressAudit = true;
        await db.SaveChangesAsync(ct);
    }
}
