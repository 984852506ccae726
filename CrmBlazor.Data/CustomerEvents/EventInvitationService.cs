using System.Runtime.CompilerServices;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.CustomerEvents;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.CustomerEvents;

/// <summary>
/// Invitations to a customer event: who is invited (the contacts with marketing consent of the
/// customers a <see cref="CustomerQuery"/> selects, through the caller's customer access), each
/// with a follow-up task for the customer's owner; then registrations, attendance with a
/// training's score, and satisfaction. Attendance is a behaviour signal: it writes an
/// <see cref="BehaviourEventType.EventParticipation"/> event and re-evaluates the customer's stage.
/// An invitation is visible exactly when its customer is.
/// </summary>
public sealed class EventInvitationService(CrmDbFactory dbFactory, CrmEventHub events, LifecycleEvaluator lifecycle, TimeProvider clock)
{
    /// <summary>One invitation run is bounded so a careless filter cannot write a million tasks.</summary>
    public const int MaxInvitationsPerRun = 5_000;

    public async Task<InvitationPreview> PreviewAsync(int eventId, CustomerQuery filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var e = await LoadEventAsync(db, eventId, ct);
        CustomerEventService.EnsureCanManage(db.Scope, e);
        var (customers, contacts, invited) = Candidates(db, eventId, filter);
        var customerCount = await customers.CountAsync(ct);
        var contactCount = await contacts.CountAsync(ct);
        var withoutConsent = await contacts.CountAsync(c => !c.ConsentGiven, ct);
        var alreadyInvited = await contacts.CountAsync(c => c.ConsentGiven && invited.Contains(c.Id), ct);
        return new InvitationPreview(customerCount, contactCount, withoutConsent, alreadyInvited, contactCount - withoutConsent - alreadyInvited);
    }

    /// <summary>
    /// Invites the consenting contacts of the customers <paramref name="filter"/> selects (skipping
    /// those without consent and those already invited) and gives each customer's owner — the
    /// event's owner for an unowned customer — a task to invite them. Counted in the database
    /// first, so a filter that selects too many is refused before anything is loaded.
    /// </summary>
    public async Task<InvitationResult> InviteAsync(int eventId, CustomerQuery filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var e = await LoadEventAsync(db, eventId, ct);
        CustomerEventService.EnsureCanManage(db.Scope, e);
        e.EnsureInviting();
        var me = db.Scope.RequireUserId();
        var (_, contacts, invited) = Candidates(db, eventId, filter);
        var pending = contacts.Where(c => c.ConsentGiven && !invited.Contains(c.Id));
        var count = await pending.CountAsync(ct);
        if (count > MaxInvitationsPerRun)
            throw new DomainException("Event.TooManyInvitations", "Too many contacts for one invitation run; narrow the filter.", count, MaxInvitationsPerRun);
        var withoutConsent = await contacts.CountAsync(c => !c.ConsentGiven, ct);
        var alreadyInvited = await contacts.CountAsync(c => c.ConsentGiven && invited.Contains(c.Id), ct);
        if (count == 0) return new InvitationResult(0, withoutConsent, alreadyInvited, 0);
        var toInvite = await pending.OrderBy(c => c.CustomerId).ThenBy(c => c.Id)
            .Select(c => new Candidate(c.Id, c.CustomerId, c.Customer!.OwnerId, c.Name)).ToListAsync(ct);

        var now = Now;
        var today = DateOnly.FromDateTime(now);
        var eventDay = DateOnly.FromDateTime(e.StartsAt);
        var due = today.AddDays(2) < eventDay ? today.AddDays(2) : (eventDay > today ? eventDay : today);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var invitations = toInvite.Select(c => (Candidate: c, Invitation: EventInvitation.Create(e, c.CustomerId, c.ContactId, me, now))).ToArray();
        db.EventInvitations.AddRange(invitations.Select(x => x.Invitation));
        await db.SaveChangesAsync(ct);
        var tasks = invitations.Select(x => FollowUpTask.Create(x.Candidate.CustomerId, x.Candidate.OwnerId ?? e.OwnerId, FollowUpKind.EventInvitation, null,
            TaskTitle(e.Title, x.Candidate.ContactName), due, now, x.Invitation.Id)).ToArray();
        db.FollowUpTasks.AddRange(tasks);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        foreach (var byOwner in tasks.GroupBy(t => t.AssignedToId))
            await events.PublishAsync(new FollowUpTasksChanged(byOwner.First().CustomerId, byOwner.Key, now));
        await events.PublishAsync(new CustomerEventChanged(eventId, now));
        return new InvitationResult(invitations.Length, withoutConsent, alreadyInvited, tasks.Length);
    }

    /// <summary>"Event title · contact", stored as the task's title (the dashboard shows it under the task kind).</summary>
    private static string TaskTitle(string eventTitle, string contactName)
    {
        var title = $"{eventTitle} · {contactName}";
        return title.Length <= 200 ? title : title[..200];
    }

    private sealed record Candidate(int ContactId, int CustomerId, string? OwnerId, string ContactName);

    /// <summary>The filtered customers (through the caller's access), their contacts (never an erased person), and the contacts this event already invited.</summary>
    private static (IQueryable<Domain.Customers.Customer> Customers, IQueryable<Domain.Customers.Contact> Contacts, IQueryable<int> Invited) Candidates(CrmDbContext db, int eventId, CustomerQuery filter)
    {
        var customers = CustomerService.Filter(db.Customers.AsNoTracking(), db, filter);
        var contacts = db.Contacts.AsNoTracking().Where(c => c.ErasedAt == null && customers.Any(x => x.Id == c.CustomerId));
        var invited = db.EventInvitations.IgnoreQueryFilters().Where(i => i.EventId == eventId).Select(i => i.ContactId);
        return (customers, contacts, invited);
    }

    /// <summary>The event's invitations the caller may see (their customers'), paged, names masked as the caller must see them.</summary>
    public async Task<PagedResult<InvitationRow>> ListAsync(int eventId, InvitationQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewEvents);
        var query = Rows(db, eventId);
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim();
            query = query.Where(r => r.CustomerName.Contains(text));
        }
        if (q.Registration is { } registration) query = query.Where(r => r.Invitation.Registration == registration);
        if (q.Attendance is { } attendance) query = query.Where(r => r.Invitation.Attendance == attendance);
        var total = await query.CountAsync(ct);
        if (total == 0) return PagedResult<InvitationRow>.Empty;
        var ordered = q.SortBy switch
        {
            "Registration" => q.Descending ? query.OrderByDescending(r => r.Invitation.Registration) : query.OrderBy(r => r.Invitation.Registration),
            "Attendance" => q.Descending ? query.OrderByDescending(r => r.Invitation.Attendance) : query.OrderBy(r => r.Invitation.Attendance),
            "Score" => q.Descending ? query.OrderByDescending(r => r.Invitation.Score) : query.OrderBy(r => r.Invitation.Score),
            "Satisfaction" => q.Descending ? query.OrderByDescending(r => r.Invitation.Satisfaction) : query.OrderBy(r => r.Invitation.Satisfaction),
            _ => q.Descending ? query.OrderByDescending(r => r.CustomerName) : query.OrderBy(r => r.CustomerName),
        };
        var page = await ordered.ThenBy(r => r.Invitation.Id).Skip(q.SafeSkip).Take(q.SafeTake).ToListAsync(ct);
        return new PagedResult<InvitationRow>(page.Select(r => r.ToRow(db.Scope, onScreen: true)).ToArray(), total);
    }

    /// <summary>Every invitation of the event the caller may see, masked, in customer order — the participants CSV.</summary>
    public async IAsyncEnumerable<InvitationRow> StreamAsync(int eventId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewEvents);
        await foreach (var r in Rows(db, eventId).OrderBy(r => r.CustomerName).ThenBy(r => r.Invitation.Id).AsAsyncEnumerable().WithCancellation(ct))
            yield return r.ToRow(db.Scope, onScreen: false);
    }

    private sealed class Joined
    {
        public required EventInvitation Invitation { get; init; }
        public required string CustomerName { get; init; }
        public string? OwnerId { get; init; }
        public required string ContactName { get; init; }
        public string? Email { get; init; }

        /// <summary>The grid masks the e-mail for everyone (screens, docs/decisions/012); the participants CSV shows it clear where the policy allows.</summary>
        public InvitationRow ToRow(AccessScope scope, bool onScreen) => new(Invitation.Id, Invitation.CustomerId, CustomerName, OwnerId,
            PersonalDataPolicy.Show(scope, OwnerId, PersonalKind.Name, ContactName) ?? "",
            onScreen ? PersonalDataPolicy.OnScreen(PersonalKind.Email, Email) : PersonalDataPolicy.Show(scope, OwnerId, PersonalKind.Email, Email),
            Invitation.Registration, Invitation.RespondedAt, Invitation.Attendance, Invitation.Score, Invitation.Passed, Invitation.Satisfaction, Invitation.Version);
    }

    private static IQueryable<Joined> Rows(CrmDbContext db, int eventId) =>
        from i in db.EventInvitations.AsNoTracking()
        where i.EventId == eventId
        join c in db.Contacts.AsNoTracking() on i.ContactId equals c.Id
        join cu in db.Customers.AsNoTracking() on i.CustomerId equals cu.Id
        select new Joined { Invitation = i, CustomerName = cu.Name, OwnerId = cu.OwnerId, ContactName = c.Name, Email = c.Email };

    /// <summary>A customer's invitations and participation (Customer 360); empty for those who do not see events.</summary>
    public async Task<IReadOnlyList<CustomerParticipationRow>> ListForCustomerAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (!db.Scope.Can(Capability.ViewEvents)) return [];
        var rows = await (
            from i in db.EventInvitations.AsNoTracking()
            where i.CustomerId == customerId
            join e in db.CustomerEvents.AsNoTracking() on i.EventId equals e.Id
            join c in db.Contacts.AsNoTracking() on i.ContactId equals c.Id
            join cu in db.Customers.AsNoTracking() on i.CustomerId equals cu.Id
            orderby e.StartsAt descending, i.Id
            select new { i, e.Title, e.Kind, e.StartsAt, e.Status, ContactName = c.Name, cu.OwnerId }).Take(200).ToListAsync(ct);
        return rows.Select(r => new CustomerParticipationRow(r.i.EventId, r.Title, r.Kind, r.StartsAt, r.Status,
            PersonalDataPolicy.Show(db.Scope, r.OwnerId, PersonalKind.Name, r.ContactName) ?? "",
            r.i.Registration, r.i.Attendance, r.i.Score, r.i.Passed, r.i.Satisfaction)).ToArray();
    }

    /// <summary>Records the contact's answer; registration is refused when the event is full.</summary>
    public async Task RespondAsync(int invitationId, int expectedVersion, RegistrationStatus answer, CancellationToken ct = default)
    {
        await ChangeAsync(invitationId, expectedVersion, Capability.RecordEventRegistrations, async (db, e, i, me) =>
        {
            var registeredBefore = await db.EventInvitations.IgnoreQueryFilters()
                .CountAsync(x => x.EventId == e.Id && x.Id != i.Id && x.Registration == RegistrationStatus.Registered, ct);
            i.Respond(e, answer, registeredBefore, me, Now);
            // two registrations for the last seat both move the event's version: one of them conflicts
            if (answer == RegistrationStatus.Registered && e.Capacity is not null) db.Entry(e).Property(x => x.Version).IsModified = true;
        }, ct);
    }

    /// <summary>
    /// Attended or no-show (a training's score decides pass or fail). Attending writes the
    /// customer's event-participation behaviour event (a no-show removes it) and re-evaluates the
    /// customer's lifecycle stage.
    /// </summary>
    public async Task RecordAttendanceAsync(int invitationId, int expectedVersion, AttendanceStatus attendance, decimal? score, CancellationToken ct = default)
    {
        var customerId = 0;
        await ChangeAsync(invitationId, expectedVersion, Capability.RecordEventAttendance, async (db, e, i, me) =>
        {
            var now = Now;
            i.RecordAttendance(e, attendance, score, me, now);
            customerId = i.CustomerId;
            var externalId = BehaviourExternalId(i.Id);
            var existing = await db.BehaviourEvents.IgnoreQueryFilters().FirstOrDefaultAsync(b => b.ExternalId == externalId, ct);
            if (attendance == AttendanceStatus.Attended && existing is null)
                db.BehaviourEvents.Add(BehaviourEvent.Create(externalId, i.CustomerId, e.StartsAt < now ? e.StartsAt : now,
                    BehaviourEventType.EventParticipation, 1, e.Title, now));
            else if (attendance == AttendanceStatus.NoShow && existing is not null)
                db.BehaviourEvents.Remove(existing);
        }, ct);
        await lifecycle.EvaluateAsync([customerId], ct);
    }

    public Task RecordSatisfactionAsync(int invitationId, int expectedVersion, int stars, CancellationToken ct = default) =>
        ChangeAsync(invitationId, expectedVersion, Capability.RecordEventAttendance, (_, e, i, me) =>
        {
            i.RecordSatisfaction(e, stars, me, Now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>The behaviour event an attended invitation wrote (one per invitation, so recording twice is harmless).</summary>
    public static string BehaviourExternalId(int invitationId) => $"event-invitation-{invitationId}";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static async Task<CustomerEvent> LoadEventAsync(CrmDbContext db, int eventId, CancellationToken ct) =>
        await db.CustomerEvents.FirstOrDefaultAsync(x => x.Id == eventId, ct)
        ?? throw new DomainException("Record.NotFound", "The event no longer exists.");

    /// <summary>Load the invitation through the caller's customer access → check the version → change → save → publish.</summary>
    private async Task ChangeAsync(int invitationId, int expectedVersion, Capability capability, Func<CrmDbContext, CustomerEvent, EventInvitation, string, Task> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(capability);
        var i = await db.EventInvitations.FirstOrDefaultAsync(x => x.Id == invitationId, ct);
        if (i is null)
        {
            if (await db.EventInvitations.IgnoreQueryFilters().AnyAsync(x => x.Id == invitationId, ct))
                throw new AccessDeniedException("Event.InvitationDenied", "This invitation is for another owner's customer.");
            throw new DomainException("Record.NotFound", "The invitation no longer exists.");
        }
        if (i.Version != expectedVersion) throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        var e = await LoadEventAsync(db, i.EventId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await change(db, e, i, db.Scope.RequireUserId());
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        }
        await events.PublishAsync(new CustomerEventChanged(e.Id, Now));
    }
}
