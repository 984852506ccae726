using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Service;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Care;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Care;

/// <summary>One upcoming greeting on the care calendar, and whether its task already exists.</summary>
public sealed record CareCalendarEntry(CareOccasion Occasion, DateOnly Date, DateOnly DueDate, int CustomerId, string CustomerName,
    int ContactId, string ContactName, string? OwnerId, bool TaskPlanned);

/// <summary>The calendar of a date range: the greetings, and how many contacts were left out for lack of consent.</summary>
public sealed record CareCalendar(IReadOnlyList<CareCalendarEntry> Entries, int ContactsWithoutConsent);

/// <summary>What creating the care tasks did: new tasks, greetings already planned, and greetings skipped because the customer has no owner.</summary>
public sealed record CareTasksCreated(int Created, int AlreadyPlanned, int WithoutOwner);

/// <summary>
/// The care calendar (客户关怀): holiday and birthday greetings (<see cref="GreetingPlanner"/>) for the
/// contacts of the customers the caller sees who consented to being contacted, and the Care tasks
/// for their owners — each greeting once (its key and the contact id identify it).
/// </summary>
public sealed class CareService(CrmDbFactory dbFactory, CrmEventHub events, TimeProvider clock)
{
    /// <summary>The longest range the calendar shows at once.</summary>
    public const int MaxDays = 120;

    public async Task<CareCalendar> CalendarAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var (plan, withoutConsent, planned) = await PlanAsync(db, from, to, ct);
        return new CareCalendar(plan.Select(g => new CareCalendarEntry(g.Occasion, g.Date, g.DueDate, g.Contact.CustomerId, g.Contact.CustomerName,
            g.Contact.ContactId, g.Contact.ContactName, g.Contact.OwnerId, planned.Contains((g.Contact.ContactId, GreetingPlanner.Key(g.Occasion, g.Date))))).ToArray(),
            withoutConsent);
    }

    /// <summary>Creates the Care tasks of the range's greetings that have none yet, for each customer's owner.</summary>
    public async Task<CareTasksCreated> CreateTasksAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        var (plan, _, planned) = await PlanAsync(db, from, to, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        int already = 0, noOwner = 0;
        var created = new List<FollowUpTask>();
        foreach (var g in plan)
        {
            if (planned.Contains((g.Contact.ContactId, GreetingPlanner.Key(g.Occasion, g.Date)))) { already++; continue; }
            if (g.Contact.OwnerId is not { } owner) { noOwner++; continue; }
            var task = FollowUpTask.Create(g.Contact.CustomerId, owner, FollowUpKind.Care, null,
                GreetingPlanner.Title(g.Occasion, g.Date, g.Contact.ContactName), g.DueDate, now, g.Contact.ContactId);
            db.FollowUpTasks.Add(task);
            created.Add(task);
        }
        if (created.Count > 0) await db.SaveChangesAsync(ct);
        foreach (var change in created.Select(t => (t.CustomerId, t.AssignedToId)).Distinct())
            await events.PublishAsync(new FollowUpTasksChanged(change.CustomerId, change.AssignedToId, now));
        return new CareTasksCreated(created.Count, already, noOwner);
    }

    private async Task<(IReadOnlyList<PlannedGreeting> Plan, int WithoutConsent, HashSet<(int ContactId, string Key)> Planned)> PlanAsync(
        CrmDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (to < from) throw new DomainException("Report.RangeOrder", "The end of the range is before its start.");
        if (to.DayNumber - from.DayNumber > MaxDays) throw new DomainException("Report.RangeTooLong", $"A report covers at most {MaxDays} days.", MaxDays);
        var active = db.Contacts.AsNoTracking().Where(c => c.Customer!.Status != CustomerStatus.Inactive && c.ErasedAt == null);
        var withoutConsent = await active.CountAsync(c => !c.ConsentGiven, ct);
        var contacts = await active.Where(c => c.ConsentGiven)
            .Select(c => new CareContact(c.Id, c.CustomerId, c.Customer!.Name, c.Name, c.Customer.OwnerId, c.ConsentGiven, c.ErasedAt != null, c.Birthday))
            .ToListAsync(ct);
        var levels = await ServiceLevelSettingsService.LoadAsync(db, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var plan = GreetingPlanner.Plan(contacts, from, to, levels.GreetingLeadDays, today);
        var ids = plan.Select(g => g.Contact.ContactId).Distinct().ToArray();
        // existing greetings are read past the task filter: a colleague's task for the same contact counts too
        var titles = await db.FollowUpTasks.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.Kind == FollowUpKind.Care && t.SourceId != null && ids.Contains(t.SourceId.Value) && t.Status != FollowUpStatus.Cancelled)
            .Select(t => new { ContactId = t.SourceId!.Value, t.Title }).ToListAsync(ct);
        var planned = titles.Select(t => (t.ContactId, Key: t.Title.Split(':')[0])).ToHashSet();
        return (plan, withoutConsent, planned);
    }
}
