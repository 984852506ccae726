using CrmBlazor.Data.Service;

namespace CrmBlazor.Web.Jobs;

/// <summary>Every 15 minutes, tickets past their due time remind their handler and supervisor (once per ticket and person).</summary>
public sealed class TicketReminderJob(TicketReminderService reminders, ILogger<TicketReminderJob> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var run = await reminders.RemindOverdueAsync(stoppingToken);
                if (run.RemindersCreated > 0 || run.RemindersCancelled > 0)
                    log.LogInformation("{Overdue} overdue tickets: {Created} reminders created, {Cancelled} cancelled", run.OverdueTickets, run.RemindersCreated, run.RemindersCancelled);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Reminding of overdue tickets failed; will retry in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
