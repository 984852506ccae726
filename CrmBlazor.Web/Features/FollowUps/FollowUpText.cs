using CrmBlazor.Data.FollowUps;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Web.Localization;

namespace CrmBlazor.Web.Features.FollowUps;

/// <summary>
/// A task's title in the reader's language. Cadence tasks are named by their stage ("成长客户跟进" /
/// "Growing follow-up") whatever text was stored when they were created; other kinds by their kind.
/// </summary>
public static class FollowUpText
{
    public static string Title(UiText t, FollowUpRow task) => task.Kind switch
    {
        // a greeting names its occasion and contact ("春节问候 · 王芳"), stored language-neutral by the care calendar
        FollowUpKind.Care when Domain.Care.GreetingPlanner.TryParseTitle(task.Title, out var occasion, out _, out var contact) =>
            t["Care.TaskTitle", t.Enum(occasion), contact],
        FollowUpKind.OverdueTicket when Data.Service.TicketReminderService.TryParseTitle(task.Title, out var ticketId) =>
            t["Reminder.TicketOverdue", Formats.TicketNo(ticketId)],
        // an event invitation stores "event title · contact", which reads the same in both languages
        FollowUpKind.EventInvitation => t["Events.InviteTaskTitle", task.Title],
        FollowUpKind.Campaign => t["Campaigns.TaskTitle", task.Title],
        _ => Title(t, task.Kind, task.Stage),
    };

    public static string Title(UiText t, FollowUpKind kind, LifecycleStage? stage) => (kind, stage) switch
    {
        (FollowUpKind.FollowUp, { } s) => t["FollowUps.CadenceTitle", t.Enum(s)],
        _ => t.Enum(kind),
    };
}
