using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Data.Service;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Care;

/// <summary>A first-purchase revisit to insert: for whom, titled how, due when.</summary>
internal sealed record FirstPurchaseRevisitPlan(string OwnerId, string Title, DateOnly DueDate);

/// <summary>
/// Schedules revisits (回访, PRODUCT.md §4 "scheduled revisits after service or purchase") in the
/// caller's context and transaction, so the revisit exists exactly when the change that caused it
/// was committed: after a ticket is archived (<see cref="PlanAfterTicketArchivedAsync"/>, called by
/// the ticket's archive use case), and after a customer's first purchase (planned by the lifecycle
/// engine's writer when the first order date goes from none to a date). The delay is the admin's
/// <see cref="ServiceLevels"/> setting. Each is planned once: one revisit per ticket, one
/// first-purchase revisit per customer.
/// </summary>
public static class CareScheduler
{
    /// <summary>A first order older than this is history coming in (an import), not a purchase to follow up.</summary>
    public const int FirstPurchaseWindowDays = 30;

    public const string FirstPurchaseTitle = "Revisit after the first purchase";

    public static string TicketTitle(int ticketId) => $"Revisit after ticket {ticketId}";

    /// <summary>
    /// Adds (not saves) a revisit task for the archived ticket's customer: for the customer's owner,
    /// or — for a customer nobody owns — the ticket's handler; due after the configured days.
    /// Returns null when none is planned (already planned for this ticket, or nobody to give it to).
    /// The caller publishes <c>FollowUpTasksChanged</c> for the task's assignee after its save.
    /// </summary>
    public static async Task<FollowUpTask?> PlanAfterTicketArchivedAsync(CrmDbContext db, ServiceTicket ticket, DateTime now, CancellationToken ct = default)
    {
        if (ticket.Status != TicketStatus.Archived)
            throw new InvalidOperationException("A revisit is planned after the ticket is archived.");
        if (db.FollowUpTasks.Local.Any(t => t.Kind == FollowUpKind.Revisit && t.SourceId == ticket.Id)
            || await db.FollowUpTasks.IgnoreQueryFilters().AnyAsync(t => t.Kind == FollowUpKind.Revisit && t.SourceId == ticket.Id, ct))
            return null;
        var customer = await db.Customers.IgnoreQueryFilters().Where(c => c.Id == ticket.CustomerId)
            .Select(c => new { c.OwnerId, c.Status }).FirstOrDefaultAsync(ct);
        var assignee = customer?.OwnerId ?? ticket.AssignedToId;
        if (customer is null || customer.Status == Domain.Customers.CustomerStatus.Inactive || assignee is null) return null;
        var levels = await ServiceLevelSettingsService.LoadAsync(db, ct);
        var task = FollowUpTask.Create(ticket.CustomerId, assignee, FollowUpKind.Revisit, null, TicketTitle(ticket.Id),
            DateOnly.FromDateTime(now).AddDays(levels.RevisitAfterTicketDays), now, ticket.Id);
        db.FollowUpTasks.Add(task);
        return task;
    }

    /// <summary>The revisit a first purchase calls for: the customer had no first order and has one now, recent, and an owner.</summary>
    internal static FirstPurchaseRevisitPlan? FirstPurchaseRevisit(CustomerState before, DateOnly? firstOrderDate, int? delayDays, DateTime at)
    {
        if (delayDays is not { } days || before.FirstOrderDate is not null || firstOrderDate is not { } first || before.OwnerId is null) return null;
        if (before.Status == Domain.Customers.CustomerStatus.Inactive) return null;
        var today = DateOnly.FromDateTime(at);
        if (first < today.AddDays(-FirstPurchaseWindowDays)) return null;
        var due = first.AddDays(days);
        return new FirstPurchaseRevisitPlan(before.OwnerId, FirstPurchaseTitle, due < today ? today : due);
    }

    /// <summary>
    /// The INSERT of a first-purchase revisit inside the engine's customer batch: it takes only when
    /// that customer's guarded update took (the version moved by one) and the customer has no
    /// first-purchase revisit yet (<c>SourceId</c> null), so a retried evaluation cannot plan two.
    /// </summary>
    internal static string FirstPurchaseRevisitSql(SqlDialect d, string customerId, string version, string owner, string title, string due, string now)
    {
        string Q(string n) => d.Quote(n);
        return $"INSERT INTO {Q("FollowUpTasks")} ({Q("CustomerId")}, {Q("AssignedToId")}, {Q("Kind")}, {Q("Title")}, {Q("DueDate")}, {Q("Status")}, {Q("CreatedAt")}, {Q("Version")}) " +
               $"SELECT {d.Typed(customerId, "integer")}, {d.Typed(owner, "varchar(450)")}, '{FollowUpKind.Revisit}', {d.Typed(title, "varchar(200)")}, {d.Typed(due, "date")}, " +
               $"'{FollowUpStatus.Open}', {d.Typed(now, "timestamptz")}, 0 " +
               $"WHERE EXISTS (SELECT 1 FROM {Q("Customers")} WHERE {Q("Id")} = {customerId} AND {Q("Version")} = {version} + 1) " +
               $"AND NOT EXISTS (SELECT 1 FROM {Q("FollowUpTasks")} WHERE {Q("CustomerId")} = {customerId} AND {Q("Kind")} = '{FollowUpKind.Revisit}' AND {Q("SourceId")} IS NULL);\n";
    }
}
