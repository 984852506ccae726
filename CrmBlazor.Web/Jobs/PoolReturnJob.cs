using CrmBlazor.Data.Opportunities;

namespace CrmBlazor.Web.Jobs;

/// <summary>Every hour, leads nobody worked on for the configured days go back to the pool (公海).</summary>
public sealed class PoolReturnJob(IServiceScopeFactory scopes, ILogger<PoolReturnJob> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var returned = await scope.ServiceProvider.GetRequiredService<LeadService>().ReturnStaleLeadsAsync(stoppingToken);
                if (returned > 0) log.LogInformation("{Count} unworked leads returned to the pool", returned);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Returning unworked leads to the pool failed; will retry in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
