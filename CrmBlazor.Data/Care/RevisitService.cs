using CrmBlazor.Data.Audit;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Care;

/// <summary>
/// A revisit task with the customer data it lets the user check on the spot: company phone and
/// address, and the primary contact's name and mobile (shown in clear only when the caller may
/// correct them).
/// </summary>
public sealed record RevisitDetail(int TaskId, int TaskVersion, int CustomerId, string CustomerName, string Title, DateOnly DueDate, int? TicketId,
    FollowUpStatus Status, bool CanComplete, bool CanCorrect, int CustomerVersion, string? Phone, string? Address,
    int? ContactId, string? ContactName, string? ContactMobile);

/// <summary>The customer's data as corrected during the revisit (a revisit is also a data-quality check).</summary>
public sealed record RevisitCorrection(int CustomerVersion, string? Phone, string? Address, string? ContactName, string? ContactMobile);

/// <summary>What the revisit found: when, how, what was said, how satisfied the customer is; optionally corrected data.</summary>
public sealed record RevisitRecord(DateOnly? ContactDate, string? ChannelCode, string? Content, int? Satisfaction, RevisitCorrection? Correction);

/// <summary>
/// Completing a revisit (回访): the assignee records channel, content and satisfaction (1–5); the
/// satisfaction becomes the customer's current satisfaction, and corrections of phone, address and
/// primary contact are saved in the same transaction (only by someone who may edit the customer).
/// Afterwards the lifecycle engine re-evaluates the customer, since satisfaction is one of its signals.
/// </summary>
public sealed class RevisitService(CrmDbFactory dbFactory, CrmEventHub events, LifecycleEvaluator lifecycle, TimeProvider clock)
{
    public async Task<Lookup<RevisitDetail>> GetAsync(int taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewDashboard);
        var task = await db.FollowUpTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId && t.Kind == FollowUpKind.Revisit, ct);
        if (task is null)
            return await db.FollowUpTasks.IgnoreQueryFilters().AnyAsync(t => t.Id == taskId && t.Kind == FollowUpKind.Revisit, ct) ? await db.RefusedAsync<RevisitDetail>("FollowUpTask", taskId, ct) : Lookup<RevisitDetail>.NotFound;
        var editable = await db.Customers.AsNoTracking().Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == task.CustomerId, ct);
        var canCorrect = editable is not null && db.Scope.Can(Capability.EditCustomers);
        var name = editable?.Name ?? await db.Customers.IgnoreQueryFilters().Where(c => c.Id == task.CustomerId).Select(c => c.Name).FirstAsync(ct);
        var contact = editable?.Contacts.FirstOrDefault(c => c.IsPrimary) ?? editable?.Contacts.FirstOrDefault();
        return Lookup<RevisitDetail>.Found(new RevisitDetail(task.Id, task.Version, task.CustomerId, name, task.Title, task.DueDate, TicketOf(task),
            task.Status, task.Status == FollowUpStatus.Open && task.AssignedToId == db.Scope.UserId, canCorrect, editable?.Version ?? 0,
            canCorrect ? editable!.Phone : null, canCorrect ? editable!.Address : null,
            contact?.Id, canCorrect ? contact?.Name : null, canCorrect ? contact?.Mobile : null));
    }

    public async Task CompleteAsync(int taskId, int expectedVersion, RevisitRecord record, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int customerId;
        string assignee;
        string? ownerId;
        var corrected = false;
        await using (var db = await dbFactory.CreateAsync(ct))
        {
            var me = db.Scope.RequireUserId();
            var task = await db.FollowUpTasks.FirstOrDefaultAsync(t => t.Id == taskId && t.Kind == FollowUpKind.Revisit, ct);
            if (task is null)
            {
                if (await db.FollowUpTasks.IgnoreQueryFilters().AnyAsync(t => t.Id == taskId, ct))
                    throw new AccessDeniedException("FollowUp.Denied", "This follow-up task is not yours to see or complete.");
                throw new DomainException("Record.NotFound", "The follow-up task no longer exists.");
            }
            if (task.Version != expectedVersion)
                throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
            if (record.ContactDate is not { } contactDate)
                throw new DomainException("Validation.Required", "ContactDate is required.", "ContactDate");
            if (record.Satisfaction is not { } stars)
                throw new DomainException("Validation.Required", "Satisfaction is required.", "Satisfaction");
            var channel = Check.Required(record.ChannelCode, "Channel", 32);
            if (!await db.Dictionary.AnyAsync(d => d.Kind == DictionaryKind.FollowUpChannel && d.Code == channel && d.IsActive, ct))
                throw new DomainException("FollowUp.UnknownChannel", $"'{channel}' is not a contact channel of the data dictionary.", channel);
            task.CompleteRevisit(contactDate, channel, record.Content ?? "", stars, me, now);

            // the satisfaction is the customer's latest word on the service: it is recorded even by
            // someone who may not edit the rest of the record (customer service)
            var customer = await db.Customers.IgnoreQueryFilters().Include(c => c.Contacts).FirstAsync(c => c.Id == task.CustomerId, ct);
            var correction = record.Correction;
            if (correction is not null && Differs(customer, correction))
            {
                if (!db.Scope.Can(Capability.EditCustomers) || !await db.Customers.AnyAsync(c => c.Id == customer.Id, ct))
                    throw new AccessDeniedException("Revisit.CannotCorrect", "You may record the revisit but not change this customer's data.");
                if (customer.Version != correction.CustomerVersion)
                    throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
                corrected = true;
            }
            customer.Update(DetailsOf(customer) with
            {
                Satisfaction = stars,
                Phone = corrected ? correction!.Phone : customer.Phone,
                Address = corrected ? correction!.Address : customer.Address,
            });
            if (corrected && (customer.Contacts.FirstOrDefault(c => c.IsPrimary) ?? customer.Contacts.FirstOrDefault()) is { } contact)
                contact.Update(ContactOf(contact) with { Name = correction!.ContactName ?? "", Mobile = correction.ContactMobile });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
            }
            (customerId, assignee, ownerId) = (customer.Id, task.AssignedToId, customer.OwnerId);
        }

        await events.PublishAsync(new FollowUpTasksChanged(customerId, assignee, now));
        await events.PublishAsync(new CustomerChanged(customerId, ownerId, null, corrected ? CustomerChange.Edited : CustomerChange.InteractionsChanged, assignee, now));
        await lifecycle.EvaluateAsync([customerId], ct);
    }

    private static int? TicketOf(FollowUpTask t) => t.Title.StartsWith("Revisit after ticket ", StringComparison.Ordinal) ? t.SourceId : null;

    private static bool Differs(Customer c, RevisitCorrection x)
    {
        var contact = c.Contacts.FirstOrDefault(k => k.IsPrimary) ?? c.Contacts.FirstOrDefault();
        return Norm(c.Phone) != Norm(x.Phone) || Norm(c.Address) != Norm(x.Address)
            || (contact is not null && (Norm(contact.Name) != Norm(x.ContactName) || Norm(contact.Mobile) != Norm(x.ContactMobile)));
    }

    private static string Norm(string? s) => s?.Trim() ?? "";

    private static CustomerDetails DetailsOf(Customer c) => new()
    {
        Name = c.Name, RegionCode = c.RegionCode, IndustryCode = c.IndustryCode, LevelCode = c.LevelCode, Satisfaction = c.Satisfaction,
        Credit = c.Credit, Address = c.Address, Postcode = c.Postcode, Phone = c.Phone, Fax = c.Fax, Website = c.Website,
        LicenceNumber = c.LicenceNumber, LegalRepresentative = c.LegalRepresentative, RegisteredCapital = c.RegisteredCapital,
        AnnualTurnover = c.AnnualTurnover, Bank = c.Bank, BankAccount = c.BankAccount, TaxId = c.TaxId, ConsentToContact = c.ConsentToContact,
    };

    private static ContactDetails ContactOf(Contact c) => new()
    {
        Name = c.Name, Gender = c.Gender, Title = c.Title, OfficePhone = c.OfficePhone, Mobile = c.Mobile, Email = c.Email,
        Birthday = c.Birthday, Notes = c.Notes, IsPrimary = c.IsPrimary,
    };
}
