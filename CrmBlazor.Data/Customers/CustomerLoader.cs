using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Customers;

/// <summary>Loading a customer for a change through the caller's filters, and the version check around saving it.</summary>
internal static class CustomerLoader
{
    public static async Task<Customer> LoadAsync(CrmDbContext db, int id, CancellationToken ct)
    {
        var c = await db.Customers.Include(x => x.Contacts).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is not null) return c;
        if (await db.Customers.IgnoreQueryFilters().AnyAsync(x => x.Id == id, ct))
            throw new AccessDeniedException("Customer.Denied", "This customer is not yours to see or change.");
        throw new DomainException("Record.NotFound", "The customer no longer exists.");
    }

    public static void EnsureVersion(IVersioned record, int expectedVersion)
    {
        if (record.Version != expectedVersion)
            throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
    }

    /// <summary>Saves; a write that lost a race is reported as "changed by someone else" (or gone).</summary>
    public static async Task SaveAsync(CrmDbContext db, CrmDbFactory factory, int customerId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateAsync(ct);
            var exists = await fresh.Customers.IgnoreQueryFilters().AnyAsync(x => x.Id == customerId, ct);
            throw exists
                ? new DomainException("Record.Changed", "Someone else changed this record meanwhile.")
                : new DomainException("Record.NotFound", "The customer no longer exists.");
        }
    }

    /// <summary>A change to a child (contact) still moves the customer's version, so concurrent edits of one customer conflict.</summary>
    public static void Touch(CrmDbContext db, Customer c)
    {
        var entry = db.Entry(c);
        if (entry.State == EntityState.Unchanged) entry.Property(x => x.Version).IsModified = true;
    }
}
