using CrmBlazor.Data.Audit;
using System.Linq.Expressions;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Data.Lookups;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Service;

/// <summary>
/// Service tickets (客户服务), PRODUCT.md §5: list and export, read with history, create for a
/// customer the caller may see, edit while open, assign (supervisors), handle (the assignee),
/// feedback (under 3 stars back to Assigned), archive (then read-only). Each change is checked
/// against the version the caller saw, committed, and then published as a <see cref="TicketChanged"/>.
/// Creation and feedback re-evaluate the customer's lifecycle (complaints and satisfaction are signals).
/// </summary>
public sealed class TicketService(CrmDbFactory dbFactory, CrmEventHub events, UserDirectory users, DictionaryCache dictionary, LifecycleEvaluator lifecycle, TimeProvider clock)
{
    private static readonly Dictionary<string, Expression<Func<ServiceTicket, object?>>> Sorts = new()
    {
        ["Id"] = t => t.Id,
        ["TypeCode"] = t => t.TypeCode,
        ["Priority"] = t => t.Priority,
        ["Summary"] = t => t.Summary,
        ["Status"] = t => t.Status,
        ["CreatedAt"] = t => t.CreatedAt,
        ["AssignedAt"] = t => t.AssignedAt,
        ["Satisfaction"] = t => t.Satisfaction,
    };

    public async Task<PagedResult<TicketRow>> ListAsync(TicketQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewTickets);
        return await (await SortedAsync(db, q, ct)).ToRowPageAsync(db, q, ct);
    }

    /// <summary>Every row of the filtered list, streamed (the CSV export); the caller's access applies.</summary>
    public async IAsyncEnumerable<TicketRow> StreamAsync(TicketQuery q, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewTickets);
        await using var lookup = await dbFactory.CreateAsync(AccessScope.System, ct);
        await foreach (var row in (await SortedAsync(db, q, ct)).StreamRowsAsync(lookup, ct).WithCancellation(ct)) yield return row;
    }

    private static async Task<IQueryable<ServiceTicket>> SortedAsync(CrmDbContext db, TicketQuery q, CancellationToken ct)
    {
        var filtered = await FilterAsync(db, db.Tickets.AsNoTracking(), q, ct);
        var sorted = (IOrderedQueryable<ServiceTicket>)filtered.SortBy(q.SortBy, q.SortBy is null || q.Descending, Sorts, "CreatedAt");
        return sorted.ThenByDescending(t => t.Id);
    }

    /// <summary>Customers whose name matches a search: read on their own (past the customer filter — a handler finds tickets of customers they do not own), at most this many.</summary>
    private const int NameMatches = 1000;

    internal static async Task<IQueryable<ServiceTicket>> FilterAsync(CrmDbContext db, IQueryable<ServiceTicket> query, TicketQuery q, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim();
            // a separate query: IgnoreQueryFilters inside the ticket query would lift the ticket filter too
            var named = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => c.Name.Contains(text)).Select(c => c.Id).Take(NameMatches).ToArrayAsync(ct);
            query = query.Where(t => t.Summary.Contains(text) || t.Request.Contains(text) || (t.Result != null && t.Result.Contains(text)) || named.Contains(t.CustomerId));
        }
        if (q.Status is { } status) query = query.Where(t => t.Status == status);
        if (q.OpenOnly) query = query.Where(t => t.Status == TicketStatus.Created || t.Status == TicketStatus.Assigned || t.Status == TicketStatus.Handled);
        if (!string.IsNullOrEmpty(q.TypeCode)) query = query.Where(t => t.TypeCode == q.TypeCode);
        if (q.CustomerId is { } customerId) query = query.Where(t => t.CustomerId == customerId);
        if (!string.IsNullOrEmpty(q.AssignedToId)) query = query.Where(t => t.AssignedToId == q.AssignedToId);
        if (q.Unassigned) query = query.Where(t => t.AssignedToId == null);
        if (q.CreatedFrom is { } from) { var f = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); query = query.Where(t => t.CreatedAt >= f); }
        if (q.CreatedTo is { } to) { var u = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); query = query.Where(t => t.CreatedAt < u); }
        if (q.Satisfaction is { } stars) query = query.Where(t => t.Satisfaction == stars);
        // through the caller's customer filter: an owner asks about their own customers
        if (q.CustomerOwnerId is { } owner) query = query.Where(t => db.Customers.Any(c => c.Id == t.CustomerId && c.OwnerId == owner));
        return query;
    }

    public async Task<Lookup<TicketDetail>> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var scope = db.Scope;
        scope.Require(Capability.ViewTickets);
        var t = await db.Tickets.AsNoTracking().Include(x => x.History).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null)
            return await db.Tickets.IgnoreQueryFilters().AnyAsync(x => x.Id == id, ct) ? await db.RefusedAsync<TicketDetail>("ServiceTicket", id, ct) : Lookup<TicketDetail>.NotFound;
        var (name, owner) = await CustomerOfAsync(db, t.CustomerId, ct);
        var me = scope.UserId;
        var open = t.Status is TicketStatus.Created or TicketStatus.Assigned;
        return Lookup<TicketDetail>.Found(new TicketDetail(TicketRow.Of(t, name, owner), t.Request, t.Handling, t.HandledById, t.Result, t.FeedbackAt, t.ArchivedAt,
            t.History.OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Select(h => new TicketHistoryRow(h.Kind, h.ByUserId, h.At, h.Detail)).ToArray(),
            CanEdit: open && MayEdit(scope, t),
            CanAssign: open && scope.Can(Capability.AssignTickets),
            CanHandle: t.Status == TicketStatus.Assigned && t.AssignedToId == me && scope.Can(Capability.HandleTickets),
            CanGiveFeedback: t.Status == TicketStatus.Handled && scope.Can(Capability.CreateTickets),
            CanArchive: t.Status == TicketStatus.FeedbackGiven && MayArchive(scope, t)));
    }

    /// <summary>Customers the caller may open a ticket for, matching <paramref name="text"/> (name or number), at most 20.</summary>
    public async Task<IReadOnlyList<TicketCustomerChoice>> CustomerChoicesAsync(string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.CreateTickets);
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            customers = customers.Where(c => c.Name.Contains(t) || c.Number.Contains(t));
        }
        return await customers.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(20).Select(c => new TicketCustomerChoice(c.Id, c.Number, c.Name)).ToListAsync(ct);
    }

    /// <summary>Creates a ticket for a customer the caller may see; creator and time are set here. Re-evaluates the customer's lifecycle.</summary>
    public async Task<int> CreateAsync(TicketInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var scope = db.Scope;
        scope.Require(Capability.CreateTickets);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == input.CustomerId).Select(c => new { c.Name, c.OwnerId }).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            if (await db.Customers.IgnoreQueryFilters().AnyAsync(c => c.Id == input.CustomerId, ct))
                throw new AccessDeniedException("Ticket.CustomerDenied", "You can only open tickets for customers you may see.");
            throw new DomainException("Ticket.CustomerRequired", "Choose the customer the ticket is about.");
        }
        await EnsureTypeAsync(input.TypeCode, ct);
        var ticket = ServiceTicket.Create(input.TypeCode, input.Priority, input.Summary, input.CustomerId, input.Request, scope.RequireUserId(), Now);
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new TicketChanged(ticket.Id, TicketChange.Created, TicketRow.Of(ticket, customer.Name, customer.OwnerId), null, scope.UserId, Now));
        await lifecycle.EvaluateAsync([ticket.CustomerId], ct);
        return ticket.Id;
    }

    /// <summary>Edits type, priority, summary and request while the ticket is new or assigned (its creator, or a supervisor).</summary>
    public async Task EditAsync(int id, int expectedVersion, TicketInput input, CancellationToken ct = default)
    {
        // a type an admin has since deactivated may stay on the ticket that has it, but not be chosen anew
        var active = (await dictionary.ListAsync(DictionaryKind.ServiceType, ct: ct)).Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        if (!active.Contains(input.TypeCode)) await EnsureTypeAsync(input.TypeCode, ct, activeOnly: false);
        await ChangeAsync(id, expectedVersion, (t, scope) =>
        {
            scope.Require(Capability.CreateTickets);
            if (!MayEdit(scope, t))
                throw new AccessDeniedException("Ticket.NotCreatorEdit", "Only the creator or a supervisor can edit this ticket.");
            if (input.TypeCode != t.TypeCode && !active.Contains(input.TypeCode))
                throw new DomainException("Ticket.UnknownType", $"'{input.TypeCode}' is not a ticket type of the data dictionary.", input.TypeCode);
            if (input.CustomerId != t.CustomerId)
                throw new DomainException("Ticket.CustomerFixed", "A ticket stays with the customer it was opened for.");
            t.Edit(input.TypeCode, input.Priority, input.Summary, input.Request, scope.RequireUserId(), Now);
            return TicketChange.Edited;
        }, assigning: false, ct);
    }

    /// <summary>
    /// Assigns to one handler (an active account manager or customer-service user). The caller says
    /// which version it saw: if someone assigned it meanwhile, the call is refused with "already
    /// assigned to X by Y" — exactly one of two simultaneous drops wins.
    /// </summary>
    public async Task AssignAsync(int id, int expectedVersion, string handlerId, CancellationToken ct = default)
    {
        var scope = await dbFactory.GetScopeAsync(ct);
        scope.Require(Capability.AssignTickets);
        await EnsureHandlerAsync(scope, handlerId, ct);
        await ChangeAsync(id, expectedVersion, (t, s) =>
        {
            var kind = t.AssignedToId is null ? TicketChange.Assigned : TicketChange.Reassigned;
            t.AssignTo(handlerId, s.RequireUserId(), Now);
            return kind;
        }, assigning: true, ct);
    }

    /// <summary>The assignee records how the ticket was handled.</summary>
    public Task HandleAsync(int id, int expectedVersion, string handling, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (t, scope) =>
        {
            scope.Require(Capability.HandleTickets);
            t.Handle(handling, scope.RequireUserId(), Now);
            return TicketChange.Handled;
        }, assigning: false, ct);

    /// <summary>The customer's feedback (1–5 stars and the result); under 3 stars the ticket returns to its handler. Re-evaluates the customer's lifecycle.</summary>
    public async Task GiveFeedbackAsync(int id, int expectedVersion, int satisfaction, string result, CancellationToken ct = default)
    {
        var customerId = 0;
        await ChangeAsync(id, expectedVersion, (t, scope) =>
        {
            scope.Require(Capability.CreateTickets);
            t.GiveFeedback(satisfaction, result, scope.RequireUserId(), Now);
            customerId = t.CustomerId;
            return t.Status == TicketStatus.Assigned ? TicketChange.ReturnedForRehandling : TicketChange.FeedbackGiven;
        }, assigning: false, ct);
        await lifecycle.EvaluateAsync([customerId], ct);
    }

    /// <summary>Archives a closed ticket (its creator, its handler or a supervisor); from then on it is read-only.</summary>
    public Task ArchiveAsync(int id, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (t, scope) =>
        {
            if (!MayArchive(scope, t))
                throw new AccessDeniedException("Ticket.NotArchiver", "Only the creator, the handler or a supervisor can archive this ticket.");
            t.Archive(scope.RequireUserId(), Now);
            return TicketChange.Archived;
        }, assigning: false, ct,
        // the owner's revisit after service (客户回访) is planned in the same transaction as the archive
        alsoPlan: (db, t) => Care.CareScheduler.PlanAfterTicketArchivedAsync(db, t, Now, ct));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool MayEdit(AccessScope scope, ServiceTicket t) =>
        scope.Can(Capability.CreateTickets) && (t.CreatedById == scope.UserId || scope.Can(Capability.AssignTickets));

    private static bool MayArchive(AccessScope scope, ServiceTicket t) =>
        scope.Can(Capability.AssignTickets) || scope.UserId is { } me && (t.CreatedById == me || t.AssignedToId == me) && scope.Can(Capability.CreateTickets);

    /// <summary>Load (through the caller's filters) → check the version → change → save → publish.</summary>
    private async Task ChangeAsync(int id, int expectedVersion, Func<ServiceTicket, AccessScope, TicketChange> change, bool assigning, CancellationToken ct,
        Func<CrmDbContext, ServiceTicket, Task<Domain.Lifecycle.FollowUpTask?>>? alsoPlan = null)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var t = await db.Tickets.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw await MissingAsync(db, id, ct);
        if (t.Version != expectedVersion) throw await ConflictAsync(t, assigning, ct);
        var previousAssignee = t.AssignedToId;
        var kind = change(t, db.Scope);
        var planned = alsoPlan is null ? null : await alsoPlan(db, t);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // someone committed between our read and our write: report their change, not ours
            await using var fresh = await dbFactory.CreateAsync(AccessScope.System, ct);
            var current = await fresh.Tickets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new DomainException("Record.NotFound", "The ticket no longer exists.");
            throw await ConflictAsync(current, assigning, ct);
        }
        var (name, owner) = await CustomerOfAsync(db, t.CustomerId, ct);
        await events.PublishAsync(new TicketChanged(t.Id, kind, TicketRow.Of(t, name, owner), previousAssignee != t.AssignedToId ? previousAssignee : null, db.Scope.UserId, Now));
        if (planned is not null) await events.PublishAsync(new FollowUpTasksChanged(planned.CustomerId, planned.AssignedToId, Now));
    }

    private static async Task<(string Name, string? OwnerId)> CustomerOfAsync(CrmDbContext db, int customerId, CancellationToken ct)
    {
        var c = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == customerId).Select(x => new { x.Name, x.OwnerId }).FirstAsync(ct);
        return (c.Name, c.OwnerId);
    }

    private static async Task<DomainException> MissingAsync(CrmDbContext db, int id, CancellationToken ct) =>
        await db.Tickets.IgnoreQueryFilters().AnyAsync(x => x.Id == id, ct)
            ? new AccessDeniedException("Ticket.Denied", "This ticket is not yours to see or change.")
            : new DomainException("Record.NotFound", "The ticket no longer exists.");

    /// <summary>The caller acted on a version that is no longer current: say what happened meanwhile.</summary>
    private async Task<DomainException> ConflictAsync(ServiceTicket current, bool assigning, CancellationToken ct)
    {
        if (!assigning || current.AssignedToId is not { } assignee)
            return new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        var directory = await users.GetAsync(ct);
        return new DomainException("Ticket.AssignConflict", "The ticket was assigned meanwhile.", directory.NameOf(assignee), directory.NameOf(current.AssignedById));
    }

    private async Task EnsureTypeAsync(string? typeCode, CancellationToken ct, bool activeOnly = true)
    {
        if (string.IsNullOrWhiteSpace(typeCode))
            throw new DomainException("Validation.Required", "Type is required.", "Type");
        if (!(await dictionary.ListAsync(DictionaryKind.ServiceType, activeOnly, ct)).Any(d => d.Code == typeCode))
            throw new DomainException("Ticket.UnknownType", $"'{typeCode}' is not a ticket type of the data dictionary.", typeCode);
    }

    /// <summary>Handlers are active account managers and customer-service users; a sales manager assigns to the account managers of the team.</summary>
    private async Task EnsureHandlerAsync(AccessScope scope, string handlerId, CancellationToken ct)
    {
        var directory = await users.GetAsync(ct);
        if (!directory.Users.TryGetValue(handlerId, out var user) || !TicketBoardService.IsHandler(user))
            throw new DomainException("Ticket.NotAHandler", "Tickets are assigned to active account managers or customer service.");
        if (!TicketBoardService.MayAssignTo(scope, user))
            throw new AccessDeniedException("Ticket.HandlerNotInTeam", "You can only assign to account managers of your team or to customer service.");
    }
}
