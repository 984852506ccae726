using System.Linq.Expressions;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.CustomerEvents;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.CustomerEvents;

/// <summary>
/// Customer events (培训 / 技术讲座 / 研讨会): the list with measures, the event page, and the
/// event's lifecycle. Everyone who sees events reads them and their measures — whole-event
/// aggregates with no personal data, so they are counted over every invitation; the invitations
/// themselves are filtered by customer access (<see cref="EventInvitationService"/>). Sales
/// managers run their team's events (owner or creator in the team), admins all.
/// </summary>
public sealed class CustomerEventService(CrmDbFactory dbFactory, CrmEventHub events, UserDirectory users, TimeProvider clock)
{
    private static readonly Dictionary<string, Expression<Func<CustomerEvent, object?>>> Sorts = new()
    {
        ["Title"] = e => e.Title,
        ["Kind"] = e => e.Kind,
        ["StartsAt"] = e => e.StartsAt,
        ["Status"] = e => e.Status,
        ["Capacity"] = e => e.Capacity,
    };

    public async Task<PagedResult<CustomerEventRow>> ListAsync(CustomerEventQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewEvents);
        var sorted = (IOrderedQueryable<CustomerEvent>)Filter(db.CustomerEvents.AsNoTracking(), q).SortBy(q.SortBy, q.SortBy is null || q.Descending, Sorts, "StartsAt");
        var total = await sorted.CountAsync(ct);
        var page = await sorted.ThenByDescending(e => e.Id).Skip(q.SafeSkip).Take(q.SafeTake).ToListAsync(ct);
        var measures = await MeasuresAsync(db, page.Select(e => e.Id).ToArray(), ct);
        return new PagedResult<CustomerEventRow>(page.Select(e => Row(e, measures.GetValueOrDefault(e.Id, EventMeasures.Empty))).ToArray(), total);
    }

    /// <summary>The filtered events' measures together and per kind (at most the 2,000 latest events).</summary>
    public async Task<CustomerEventSummary> SummaryAsync(CustomerEventQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewEvents);
        var list = await Filter(db.CustomerEvents.AsNoTracking(), q).Where(e => e.Status != CustomerEventStatus.Cancelled)
            .OrderByDescending(e => e.StartsAt).Take(2_000).Select(e => new { e.Id, e.Kind }).ToListAsync(ct);
        var measures = await MeasuresAsync(db, list.Select(e => e.Id).ToArray(), ct);
        var byKind = list.GroupBy(e => e.Kind).OrderBy(g => g.Key)
            .Select(g => new KindMeasures(g.Key, g.Count(), EventMeasures.Sum(g.Select(e => measures.GetValueOrDefault(e.Id, EventMeasures.Empty)))))
            .ToArray();
        return new CustomerEventSummary(list.Count, EventMeasures.Sum(byKind.Select(k => k.Measures)), byKind);
    }

    private static IQueryable<CustomerEvent> Filter(IQueryable<CustomerEvent> query, CustomerEventQuery q)
    {
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim();
            query = query.Where(e => e.Title.Contains(text));
        }
        if (q.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (q.Status is { } status) query = query.Where(e => e.Status == status);
        if (q.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.StartsAt >= start);
        }
        if (q.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.StartsAt < end);
        }
        return query;
    }

    public async Task<Lookup<CustomerEventDetail>> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewEvents);
        var e = await db.CustomerEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return Lookup<CustomerEventDetail>.NotFound;
        var measures = await MeasuresAsync(db, [id], ct);
        var scope = db.Scope;
        return Lookup<CustomerEventDetail>.Found(new CustomerEventDetail(Row(e, measures.GetValueOrDefault(id, EventMeasures.Empty)), e.Description,
            e.CreatedById, e.CreatedAt, e.StatusChangedAt, e.CancelReason,
            CanManage: CanManage(scope, e),
            CanRespond: scope.Can(Capability.RecordEventRegistrations) && e.Status == CustomerEventStatus.Open,
            CanRecordAttendance: scope.Can(Capability.RecordEventAttendance) && e.Status == CustomerEventStatus.Held));
    }

    public async Task<int> CreateAsync(CustomerEventDetails details, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ManageEvents);
        await EnsureOwnerAsync(db.Scope, details.OwnerId, ct);
        var e = CustomerEvent.Create(details, db.Scope.RequireUserId(), Now);
        db.CustomerEvents.Add(e);
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new CustomerEventChanged(e.Id, Now));
        return e.Id;
    }

    public async Task EditAsync(int id, int expectedVersion, CustomerEventDetails details, CancellationToken ct = default)
    {
        var scope = await dbFactory.GetScopeAsync(ct);
        scope.Require(Capability.ManageEvents);
        await EnsureOwnerAsync(scope, details.OwnerId, ct);
        await ChangeAsync(id, expectedVersion, async (db, e) =>
        {
            var registered = await db.EventInvitations.IgnoreQueryFilters().CountAsync(i => i.EventId == id && i.Registration == RegistrationStatus.Registered, ct);
            e.Edit(details, registered);
        }, ct);
    }

    public Task OpenRegistrationAsync(int id, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (_, e) => { e.OpenRegistration(Now); return Task.CompletedTask; }, ct);

    public Task MarkHeldAsync(int id, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (_, e) => { e.MarkHeld(Now); return Task.CompletedTask; }, ct);

    public Task CloseAsync(int id, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (_, e) => { e.Close(Now); return Task.CompletedTask; }, ct);

    /// <summary>Cancels a planned or open event; the owners' open invitation tasks are cancelled with it.</summary>
    public Task CancelAsync(int id, int expectedVersion, string reason, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, async (db, e) =>
        {
            e.Cancel(reason, Now);
            var invitationIds = db.EventInvitations.IgnoreQueryFilters().Where(i => i.EventId == id).Select(i => (int?)i.Id);
            var tasks = await db.FollowUpTasks.IgnoreQueryFilters()
                .Where(t => t.Kind == FollowUpKind.EventInvitation && t.Status == FollowUpStatus.Open && invitationIds.Contains(t.SourceId))
                .ToListAsync(ct);
            foreach (var t in tasks) t.Cancel();
        }, ct);

    /// <summary>Admins run every event; a sales manager those owned or created by the team.</summary>
    internal static bool CanManage(AccessScope scope, CustomerEvent e) =>
        scope.Can(Capability.ManageEvents)
        && (scope.Profile is AccessProfile.System or AccessProfile.Admin || scope.TeamUserIds.Contains(e.OwnerId) || scope.TeamUserIds.Contains(e.CreatedById));

    internal static void EnsureCanManage(AccessScope scope, CustomerEvent e)
    {
        scope.Require(Capability.ManageEvents);
        if (!CanManage(scope, e))
            throw new AccessDeniedException("Event.NotYourTeam", "This event belongs to another team.");
    }

    /// <summary>Whole-event measures (no personal data): every invitation counts, whoever's customer it is.</summary>
    internal static async Task<Dictionary<int, EventMeasures>> MeasuresAsync(CrmDbContext db, int[] eventIds, CancellationToken ct)
    {
        if (eventIds.Length == 0) return [];
        var rows = await db.EventInvitations.IgnoreQueryFilters().Where(i => eventIds.Contains(i.EventId)).GroupBy(i => i.EventId)
            .Select(g => new
            {
                g.Key,
                Invitations = g.Count(),
                Registered = g.Count(i => i.Registration == RegistrationStatus.Registered),
                Declined = g.Count(i => i.Registration == RegistrationStatus.Declined),
                Attended = g.Count(i => i.Attendance == AttendanceStatus.Attended),
                NoShows = g.Count(i => i.Attendance == AttendanceStatus.NoShow),
                Rated = g.Count(i => i.Satisfaction != null),
                Stars = g.Sum(i => i.Satisfaction ?? 0),
                Scored = g.Count(i => i.Passed != null),
                Passed = g.Count(i => i.Passed == true),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => new EventMeasures(r.Invitations, r.Registered, r.Declined, r.Attended, r.NoShows, r.Rated, r.Stars, r.Scored, r.Passed));
    }

    private static CustomerEventRow Row(CustomerEvent e, EventMeasures m) =>
        new(e.Id, e.Kind, e.Title, e.StartsAt, e.Place, e.OnlineLink, e.Capacity, e.PassMark, e.OwnerId, e.Status, e.Version, m);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The owner runs the event: an active sales manager or account manager (an admin too) — for a sales manager, one of the team.</summary>
    private async Task EnsureOwnerAsync(AccessScope scope, string ownerId, CancellationToken ct)
    {
        var directory = await users.GetAsync(ct);
        if (string.IsNullOrEmpty(ownerId) || !directory.Users.TryGetValue(ownerId, out var user) || !user.IsActive
            || !user.Roles.Any(r => r is Roles.SalesManager or Roles.AccountManager or Roles.Admin))
            throw new DomainException("Event.OwnerNotStaff", "The owner must be an active sales manager, account manager or admin.");
        if (scope.Profile == AccessProfile.SalesManager && !scope.TeamUserIds.Contains(ownerId))
            throw new AccessDeniedException("Event.OwnerNotInTeam", "The owner must be one of your team.");
    }

    /// <summary>Load → check the caller runs it and saw the current version → change → save → publish.</summary>
    private async Task ChangeAsync(int id, int expectedVersion, Func<CrmDbContext, CustomerEvent, Task> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var e = await db.CustomerEvents.FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new DomainException("Record.NotFound", "The event no longer exists.");
        EnsureCanManage(db.Scope, e);
        if (e.Version != expectedVersion) throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        await change(db, e);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        }
        await events.PublishAsync(new CustomerEventChanged(id, Now));
    }
}
