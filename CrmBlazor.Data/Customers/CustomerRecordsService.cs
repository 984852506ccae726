using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Customers;

/// <summary>
/// A customer's contacts (联系人, at least one kept) and interaction records (交往记录): add, edit,
/// delete, with the same record access as the customer itself. Contact changes are checked against the
/// customer's version (the "≥ 1 contact" rule spans all of them); interactions against their own.
/// </summary>
public sealed class CustomerRecordsService(CrmDbFactory dbFactory, CrmEventHub events, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<int> AddContactAsync(int customerId, int expectedVersion, ContactDetails details, CancellationToken ct = default) =>
        ContactsAsync(customerId, expectedVersion, (db, c) => Task.FromResult(c.AddContact(details)), ct);

    public Task<int> EditContactAsync(int customerId, int expectedVersion, int contactId, ContactDetails details, CancellationToken ct = default) =>
        ContactsAsync(customerId, expectedVersion, (_, c) =>
        {
            var contact = Find(c, contactId);
            contact.Update(details);
            if (details.IsPrimary) c.SetPrimaryContact(contact);
            return Task.FromResult(contact);
        }, ct);

    public Task<int> DeleteContactAsync(int customerId, int expectedVersion, int contactId, CancellationToken ct = default) =>
        ContactsAsync(customerId, expectedVersion, (db, c) =>
        {
            var contact = Find(c, contactId);
            c.RemoveContact(contact);
            db.Contacts.Remove(contact);
            return Task.FromResult(contact);
        }, ct);

    public async Task<int> AddInteractionAsync(int customerId, InteractionInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        var c = await CustomerLoader.LoadAsync(db, customerId, ct);
        var interaction = Interaction.Create(c.Id, input.Date, input.Place, input.Summary, input.Details, input.Notes, db.Scope.RequireUserId(), Now);
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync(ct);
        await PublishAsync(c, db.Scope, CustomerChange.InteractionsChanged);
        return interaction.Id;
    }

    public Task EditInteractionAsync(int customerId, int interactionId, int expectedVersion, InteractionInput input, CancellationToken ct = default) =>
        InteractionAsync(customerId, interactionId, expectedVersion, (_, i) => i.Update(input.Date, input.Place, input.Summary, input.Details, input.Notes, Now), ct);

    public Task DeleteInteractionAsync(int customerId, int interactionId, int expectedVersion, CancellationToken ct = default) =>
        InteractionAsync(customerId, interactionId, expectedVersion, (db, i) => db.Interactions.Remove(i), ct);

    /// <summary>One interaction with its notes, for the edit dialog.</summary>
    public async Task<InteractionEdit?> GetInteractionAsync(int customerId, int interactionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        return await db.Interactions.AsNoTracking().Where(i => i.Id == interactionId && i.CustomerId == customerId)
            .Select(i => new InteractionEdit(i.Id, new InteractionInput(i.Date, i.Place, i.Summary, i.Details, i.Notes), i.Version))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// One contact for its edit dialog — only for those who may edit the customer. Phones and e-mail
    /// come masked like everywhere on screen (sent back unchanged, the mask keeps the stored value);
    /// the birthday is a date picker's value and stays readable to editors, whom the policy lets see it.
    /// </summary>
    public async Task<ContactEdit?> GetContactAsync(int customerId, int contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        var x = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == contactId && x.CustomerId == customerId, ct);
        return x is null ? null : new ContactEdit(x.Id, new ContactDetails
        {
            Name = x.Name, Gender = x.Gender, Title = x.Title, OfficePhone = PersonalDataPolicy.OnScreen(PersonalKind.Phone, x.OfficePhone),
            Mobile = PersonalDataPolicy.OnScreen(PersonalKind.Phone, x.Mobile), Email = PersonalDataPolicy.OnScreen(PersonalKind.Email, x.Email),
            Birthday = x.Birthday, Notes = x.Notes, IsPrimary = x.IsPrimary,
        });
    }

    /// <summary>
    /// Records that the contact consented to marketing contact — how (<see cref="Contact.ConsentChannels"/>)
    /// and for which purpose — by the caller, now. For those who may edit the customer.
    /// </summary>
    /// <returns>The contact's row as the customer page shows it now.</returns>
    public Task<ContactRow> GiveConsentAsync(int customerId, int contactId, string channel, string purpose, CancellationToken ct = default) =>
        ConsentAsync(customerId, contactId, (contact, me) =>
        {
            if (!Contact.ConsentChannels.Contains(channel))
                throw new DomainException("Consent.UnknownChannel", $"'{channel}' is not a way of recording consent.", channel);
            contact.RecordConsent(true, channel, purpose, me, Now);
        }, ct);

    /// <summary>
    /// Withdraws the contact's consent at once (one click: recorded as done in the app by the caller),
    /// and cancels the open greeting (care) tasks planned for the contact. For those who may edit the customer.
    /// </summary>
    /// <returns>The contact's row as the customer page shows it now.</returns>
    public Task<ContactRow> WithdrawConsentAsync(int customerId, int contactId, CancellationToken ct = default) =>
        ConsentAsync(customerId, contactId, (contact, me) => contact.WithdrawConsent(me, Now), ct);

    private async Task<ContactRow> ConsentAsync(int customerId, int contactId, Action<Contact, string> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        var me = db.Scope.RequireUserId();
        var c = await CustomerLoader.LoadAsync(db, customerId, ct);
        var contact = Find(c, contactId);
        if (contact.ErasedAt is not null) throw new DomainException("Contact.Erased", "This contact was erased.");
        change(contact, me);
        // greetings already planned for a contact who withdrew are not sent: the open ones are cancelled with the change
        var cancelled = contact.ConsentGiven ? [] : await db.FollowUpTasks.IgnoreQueryFilters()
            .Where(t => t.CustomerId == c.Id && t.Kind == FollowUpKind.Care && t.SourceId == contact.Id && t.Status == FollowUpStatus.Open)
            .ToListAsync(ct);
        foreach (var task in cancelled) task.Cancel();
        await CustomerLoader.SaveAsync(db, dbFactory, c.Id, ct);
        await PublishAsync(c, db.Scope, CustomerChange.ContactsChanged);
        foreach (var assignee in cancelled.Select(t => t.AssignedToId).Distinct())
            await events.PublishAsync(new FollowUpTasksChanged(c.Id, assignee, Now));
        return ContactRow.Of(contact);
    }

    private async Task<int> ContactsAsync(int customerId, int expectedVersion, Func<CrmDbContext, Customer, Task<Contact>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        var c = await CustomerLoader.LoadAsync(db, customerId, ct);
        CustomerLoader.EnsureVersion(c, expectedVersion);
        var contact = await change(db, c);
        CustomerLoader.Touch(db, c);
        await CustomerLoader.SaveAsync(db, dbFactory, c.Id, ct);
        await PublishAsync(c, db.Scope, CustomerChange.ContactsChanged);
        return contact.Id;
    }

    private async Task InteractionAsync(int customerId, int interactionId, int expectedVersion, Action<CrmDbContext, Interaction> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        var c = await CustomerLoader.LoadAsync(db, customerId, ct);
        var interaction = await db.Interactions.FirstOrDefaultAsync(i => i.Id == interactionId && i.CustomerId == c.Id, ct)
            ?? throw new DomainException("Record.NotFound", "The interaction no longer exists.");
        CustomerLoader.EnsureVersion(interaction, expectedVersion);
        change(db, interaction);
        await CustomerLoader.SaveAsync(db, dbFactory, c.Id, ct);
        await PublishAsync(c, db.Scope, CustomerChange.InteractionsChanged);
    }

    private static Contact Find(Customer c, int contactId) =>
        c.Contacts.FirstOrDefault(x => x.Id == contactId) ?? throw new DomainException("Record.NotFound", "The contact no longer exists.");

    private Task PublishAsync(Customer c, AccessScope by, CustomerChange kind) =>
        events.PublishAsync(new CustomerChanged(c.Id, c.OwnerId, null, kind, by.UserId, Now));
}

public sealed record InteractionInput(DateOnly Date, string? Place, string Summary, string? Details, string? Notes);

public sealed record InteractionEdit(int Id, InteractionInput Input, int Version);

public sealed record ContactEdit(int Id, ContactDetails Details);
