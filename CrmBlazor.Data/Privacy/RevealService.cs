using System.Text.Json;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Privacy;

/// <summary>
/// Reveals one personal field in clear (the eye button, docs/decisions/012): only for those the
/// <see cref="PersonalDataPolicy"/> lets see the record in clear — its owner, the owner's manager,
/// admins. Each reveal writes an audit entry (<see cref="AuditAction.Reveal"/>: who, which record,
/// which field — never the value); a refused one writes <see cref="AuditAction.AccessRefused"/>.
/// </summary>
public sealed class RevealService(CrmDbFactory dbFactory, TimeProvider clock)
{
    /// <summary>One personal field of a customer (<c>Phone</c>, <c>Fax</c>, <c>Address</c>, <c>LicenceNumber</c>, <c>LegalRepresentative</c>, <c>BankAccount</c>, <c>TaxId</c>).</summary>
    public async Task<string?> CustomerFieldAsync(int customerId, string field, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var personal = PersonalDataPolicy.Field<Customer>(field) ?? throw UnknownField(field);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct) ?? throw await MissingAsync(db, customerId, ct);
        await AuthoriseAsync(db, customer.OwnerId, nameof(Customer), customerId, field, ct);
        return personal.ValueOf(customer);
    }

    /// <summary>One personal field of a customer's contact (<c>Mobile</c>, <c>OfficePhone</c>, <c>Email</c>, <c>Birthday</c>).</summary>
    public async Task<string?> ContactFieldAsync(int customerId, int contactId, string field, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var personal = PersonalDataPolicy.Field<Contact>(field) ?? throw UnknownField(field);
        var owner = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.OwnerId }).FirstOrDefaultAsync(ct)
            ?? throw await MissingAsync(db, customerId, ct);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == contactId && x.CustomerId == customerId, ct)
            ?? throw new DomainException("Record.NotFound", "The contact no longer exists.");
        await AuthoriseAsync(db, owner.OwnerId, nameof(Contact), contactId, field, ct);
        return personal.ValueOf(contact);
    }

    /// <summary>The contact phone of an opportunity (or lead): for its assignee (or, unassigned, its creator), their manager, admins.</summary>
    public async Task<string?> OpportunityPhoneAsync(int opportunityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewOpportunities);
        var o = await db.Opportunities.AsNoTracking().Where(x => x.Id == opportunityId)
            .Select(x => new { x.AssignedToId, x.CreatedById, x.ContactPhone }).FirstOrDefaultAsync(ct);
        if (o is null)
            throw await db.Opportunities.IgnoreQueryFilters().AnyAsync(x => x.Id == opportunityId, ct)
                ? new AccessDeniedException("Opportunity.Denied", "This opportunity is not yours to see.")
                : new DomainException("Record.NotFound", "The opportunity no longer exists.");
        var allowed = PersonalDataPolicy.SeesClear(db.Scope, o.AssignedToId ?? o.CreatedById, o.CreatedById) && db.Scope.Profile != AccessProfile.System;
        await AuditAsync(db, allowed, nameof(Opportunity), opportunityId, nameof(Opportunity.ContactPhone), ct);
        return o.ContactPhone;
    }

    private async Task AuthoriseAsync(CrmDbContext db, string? ownerId, string entity, int id, string field, CancellationToken ct) =>
        await AuditAsync(db, PersonalDataPolicy.CanReveal(db.Scope, ownerId), entity, id, field, ct);

    /// <summary>Writes the reveal (or the refusal) to the audit trail; a refusal then throws.</summary>
    private async Task AuditAsync(CrmDbContext db, bool allowed, string entity, int id, string field, CancellationToken ct)
    {
        var detail = JsonSerializer.Serialize(new Dictionary<string, string> { ["field"] = field });
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, db.Scope.UserId, db.Scope.UserName,
            allowed ? AuditAction.Reveal : AuditAction.AccessRefused, entity, id.ToString(System.Globalization.CultureInfo.InvariantCulture), detail, db.ClientAddress));
        await db.SaveChangesAsync(ct);
        if (!allowed)
            throw new AccessDeniedException("Privacy.RevealDenied", "Only the owner, their manager or an admin may reveal this field.");
    }

    private static DomainException UnknownField(string field) =>
        new("Privacy.NotPersonal", $"'{field}' is not a personal field.", field);

    private static async Task<DomainException> MissingAsync(CrmDbContext db, int customerId, CancellationToken ct) =>
        await db.Customers.IgnoreQueryFilters().AnyAsync(c => c.Id == customerId, ct)
            ? new AccessDeniedException("Customer.Denied", "This customer is not yours to see or change.")
            : new DomainException("Record.NotFound", "The customer no longer exists.");
}
