using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Service;

/// <summary>What one reminder run did.</summary>
public sealed record ReminderRun(int OverdueTickets, int RemindersCreated, int RemindersCancelled);

/// <summary>
/// Overdue reminders (超时提醒): a periodic job (system rights) finds the open tickets past their due
/// time (<see cref="ServiceLevels"/>) and gives the handler and the supervisor — the manager of the
/// handler's team, or of the creator's team while nobody is assigned — one
/// <see cref="FollowUpKind.OverdueTicket"/> task each, once per ticket and person (a new handler after
/// a re-assignment is reminded too). Reminders of tickets that have since been handled are cancelled.
/// After the commit it publishes <see cref="FollowUpTasksChanged"/> per new task and
/// <see cref="TicketOverdue"/> per newly overdue ticket.
/// </summary>
public sealed class TicketReminderService(IDbContextFactory<CrmDbContext> factory, CrmEventHub hub, UserDirectory users, TimeProvider clock)
{
    public static string Title(int ticketId) => $"Ticket {ticketId} is overdue";

    /// <summary>The ticket a reminder's stored title names (the dashboard shows it in the reader's language).</summary>
    public static bool TryParseTitle(string title, out int ticketId)
    {
        ticketId = 0;
        return title.StartsWith("Ticket ", StringComparison.Ordinal) && title.EndsWith(" is overdue", StringComparison.Ordinal)
            && int.TryParse(title.AsSpan(7, title.Length - 7 - 11), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ticketId);
    }

    public async Task<ReminderRun> RemindOverdueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await using var db = await factory.CreateSystemContextAsync(ct);
        var levels = await ServiceLevelSettingsService.LoadAsync(db, ct);
        var open = await db.Tickets.AsNoTracking()
            .Where(t => t.Status == TicketStatus.Created || t.Status == TicketStatus.Assigned)
            .Select(t => new { t.Id, t.TypeCode, t.Priority, t.Status, t.CreatedAt, t.CustomerId, t.AssignedToId, t.CreatedById })
            .ToListAsync(ct);
        var overdue = open.Where(t => levels.StatusOf(t.Status, t.TypeCode, t.Priority, t.CreatedAt, now).IsOverdue).ToArray();
        var openIds = open.Select(t => t.Id).ToHashSet();

        // reminders whose ticket was handled (or closed) since: no longer anyone's to-do
        var stale = await db.FollowUpTasks.Where(t => t.Kind == FollowUpKind.OverdueTicket && t.Status == FollowUpStatus.Open).ToListAsync(ct);
        var cancelled = stale.Where(t => t.SourceId is not { } id || !openIds.Contains(id)).ToArray();
        foreach (var t in cancelled) t.Cancel();

        var overdueIds = overdue.Select(t => t.Id).ToArray();
        var reminded = (await db.FollowUpTasks.AsNoTracking()
                .Where(t => t.Kind == FollowUpKind.OverdueTicket && t.SourceId != null && overdueIds.Contains(t.SourceId.Value))
                .Select(t => new { SourceId = t.SourceId!.Value, t.AssignedToId }).ToListAsync(ct))
            .Select(r => (r.SourceId, r.AssignedToId)).ToHashSet();
        var directory = await users.GetAsync(ct);
        var created = new List<FollowUpTask>();
        var announced = new List<TicketOverdue>();
        foreach (var t in overdue)
        {
            var handler = t.AssignedToId is { } h && directory.Users.TryGetValue(h, out var hu) && hu.IsActive ? h : null;
            var supervisors = SupervisorsOf(directory, t.AssignedToId ?? t.CreatedById).Where(s => s != handler).ToArray();
            var fresh = false;
            foreach (var person in supervisors.Prepend(handler).OfType<string>())
            {
                if (!reminded.Add((t.Id, person))) continue;
                var task = FollowUpTask.Create(t.CustomerId, person, FollowUpKind.OverdueTicket, null, Title(t.Id), today, now, t.Id);
                db.FollowUpTasks.Add(task);
                created.Add(task);
                fresh = true;
            }
            if (fresh) announced.Add(new TicketOverdue(t.Id, t.CustomerId, t.AssignedToId, supervisors, levels.DueAt(t.CreatedAt, t.TypeCode, t.Priority), now));
        }
        if (created.Count == 0 && cancelled.Length == 0) return new ReminderRun(overdue.Length, 0, 0);
        await db.SaveChangesAsync(ct);

        foreach (var change in created.Concat(cancelled).Select(t => (t.CustomerId, t.AssignedToId)).Distinct())
            await hub.PublishAsync(new FollowUpTasksChanged(change.CustomerId, change.AssignedToId, now));
        foreach (var e in announced) await hub.PublishAsync(e);
        return new ReminderRun(overdue.Length, created.Count, cancelled.Length);
    }

    /// <summary>The active managers of the team <paramref name="userId"/> belongs to.</summary>
    internal static IEnumerable<string> SupervisorsOf(UserDirectory.Snapshot directory, string userId)
    {
        if (!directory.Users.TryGetValue(userId, out var user) || user.TeamId is not { } teamId) return [];
        return directory.Teams.Where(t => t.Id == teamId && t.ManagerId is not null).Select(t => t.ManagerId!)
            .Where(m => directory.Users.TryGetValue(m, out var u) && u.IsActive).Distinct();
    }
}
