using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Lookups;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Customers;

/// <summary>
/// Maintaining customers (PRODUCT.md §4): create with a first contact, edit, delete (refused once
/// there are orders or tickets — mark inactive instead), deactivate/reactivate, tags. Account
/// managers only touch their own customers, managers their team's, admins all; the rest read only.
/// Each change checks the version the caller saw, commits, then publishes <see cref="CustomerChanged"/>.
/// </summary>
public sealed class CustomerEditService(CrmDbFactory dbFactory, CrmEventHub events, UserDirectory users, DictionaryCache dictionary,
    Lifecycle.LifecycleEvaluator lifecycle, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<int> CreateAsync(CustomerDetails details, ContactDetails firstContact, string? ownerId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(firstContact);
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        await EnsureCodesAsync(details, ct);
        var owner = await ResolveOwnerAsync(db.Scope, ownerId, ct);
        // the number needs the id: insert with a unique placeholder, then number it in the same transaction
        var customer = Customer.Create("NEW-" + Guid.NewGuid().ToString("N")[..20], details, owner, Now);
        customer.AddContact(firstContact with { IsPrimary = true });
        var reasons = StageReason.Serialize([StageReason.Of("Prospect.NoOrderYet")]);
        customer.MoveToStage(LifecycleStage.Prospect, reasons, Now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        customer.AssignNumber($"C{customer.Id:D7}");
        db.StageHistory.Add(new StageHistoryEntry(customer.Id, null, LifecycleStage.Prospect, Now, reasons));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await PublishAsync(customer, CustomerChange.Created, null, db.Scope);
        await lifecycle.EvaluateAsync([customer.Id], ct); // classification and the owner's first follow-up task
        return customer.Id;
    }

    /// <summary>Edits the master data; a manager or admin may also hand the customer to another owner.</summary>
    public Task EditAsync(int id, int expectedVersion, CustomerDetails details, string? ownerId, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, async (db, c) =>
        {
            await EnsureCodesAsync(details, ct, c);
            c.Update(details);
            if (db.Scope.Profile == AccessProfile.AccountManager || ownerId == c.OwnerId) return CustomerChange.Edited;
            c.AssignOwner(await ResolveOwnerAsync(db.Scope, ownerId, ct));
            return CustomerChange.OwnerChanged;
        }, ct);

    public Task MarkInactiveAsync(int id, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (_, c) => { c.MarkInactive(); return Task.FromResult(CustomerChange.Deactivated); }, ct);

    public Task ReactivateAsync(int id, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (_, c) => { c.Reactivate(); return Task.FromResult(CustomerChange.Reactivated); }, ct);

    /// <summary>Deletes a customer without business records; one with orders or tickets is refused (offer "mark inactive").</summary>
    public async Task DeleteAsync(int id, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        var c = await CustomerLoader.LoadAsync(db, id, ct);
        CustomerLoader.EnsureVersion(c, expectedVersion);
        c.EnsureDeletable();
        if (await db.Orders.AnyAsync(o => o.CustomerId == id, ct))
            throw new DomainException("Customer.HasOrders", "A customer with orders cannot be deleted; mark it inactive instead.");
        if (await db.Tickets.IgnoreQueryFilters().AnyAsync(t => t.CustomerId == id, ct))
            throw new DomainException("Customer.HasTickets", "A customer with service tickets cannot be deleted; mark it inactive instead.");
        db.Customers.Remove(c);
        await CustomerLoader.SaveAsync(db, dbFactory, c.Id, ct);
        await PublishAsync(c, CustomerChange.Deleted, null, db.Scope);
    }

    public async Task AddTagAsync(int id, string tagCode, CancellationToken ct = default)
    {
        var tags = await dictionary.ListAsync(DictionaryKind.Tag, ct: ct);
        if (tags.All(t => t.Code != tagCode))
            throw new DomainException("Validation.UnknownCode", "Unknown tag.", "Tags");
        await TagAsync(id, async (db, c) =>
        {
            if (await db.CustomerTags.AnyAsync(t => t.CustomerId == c.Id && t.TagCode == tagCode, ct)) return false;
            db.CustomerTags.Add(new CustomerTag(c.Id, tagCode));
            return true;
        }, ct);
    }

    public Task RemoveTagAsync(int id, string tagCode, CancellationToken ct = default) =>
        TagAsync(id, async (db, c) =>
        {
            var tag = await db.CustomerTags.FirstOrDefaultAsync(t => t.CustomerId == c.Id && t.TagCode == tagCode, ct);
            if (tag is null) return false;
            db.CustomerTags.Remove(tag);
            return true;
        }, ct);

    private async Task TagAsync(int id, Func<CrmDbContext, Customer, Task<bool>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        var c = await CustomerLoader.LoadAsync(db, id, ct);
        if (!await change(db, c)) return;
        await db.SaveChangesAsync(ct);
        await PublishAsync(c, CustomerChange.Edited, null, db.Scope);
    }

    private async Task ChangeAsync(int id, int expectedVersion, Func<CrmDbContext, Customer, Task<CustomerChange>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        var c = await CustomerLoader.LoadAsync(db, id, ct);
        CustomerLoader.EnsureVersion(c, expectedVersion);
        var previousOwner = c.OwnerId;
        var kind = await change(db, c);
        await CustomerLoader.SaveAsync(db, dbFactory, c.Id, ct);
        await PublishAsync(c, kind, previousOwner != c.OwnerId ? previousOwner : null, db.Scope);
        if (kind == CustomerChange.OwnerChanged) await lifecycle.EvaluateAsync([c.Id], ct); // follow-ups go to the new owner
    }

    private Task PublishAsync(Customer c, CustomerChange kind, string? previousOwner, AccessScope by) =>
        events.PublishAsync(new CustomerChanged(c.Id, c.OwnerId, previousOwner, kind, by.UserId, Now));

    /// <summary>An account manager's customers are their own; a manager picks one of the team's account managers, an admin anyone active.</summary>
    private async Task<string> ResolveOwnerAsync(AccessScope scope, string? requested, CancellationToken ct)
    {
        if (scope.Profile == AccessProfile.AccountManager) return scope.RequireUserId();
        if (string.IsNullOrWhiteSpace(requested))
            throw new DomainException("Validation.Required", "Owner is required.", "Owner");
        var directory = await users.GetAsync(ct);
        if (!directory.Users.TryGetValue(requested, out var user) || !user.IsActive || !user.IsAccountManager)
            throw new DomainException("Customer.OwnerNotAccountManager", "The owner must be an active account manager.");
        if (scope.Profile == AccessProfile.SalesManager && !scope.TeamUserIds.Contains(requested))
            throw new AccessDeniedException("Customer.OwnerNotInTeam", "You can only give customers to account managers of your team.");
        return requested;
    }

    /// <summary>
    /// Region, industry and level must be active codes of the data dictionary; a code an admin has
    /// since deactivated may stay on a customer that already has it (<paramref name="stored"/>).
    /// </summary>
    private async Task EnsureCodesAsync(CustomerDetails d, CancellationToken ct, Customer? stored = null)
    {
        await EnsureCodeAsync(DictionaryKind.Region, d.RegionCode, stored?.RegionCode, "Region", ct);
        await EnsureCodeAsync(DictionaryKind.Industry, d.IndustryCode, stored?.IndustryCode, "Industry", ct);
        await EnsureCodeAsync(DictionaryKind.CustomerLevel, d.LevelCode, stored?.LevelCode, "Level", ct);
    }

    private async Task EnsureCodeAsync(DictionaryKind kind, string? code, string? storedCode, string field, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Trim() == storedCode) return;
        var items = await dictionary.ListAsync(kind, activeOnly: true, ct);
        if (items.All(i => i.Code != code.Trim()))
            throw new DomainException("Validation.UnknownCode", $"{field}: unknown code.", field);
    }
}
