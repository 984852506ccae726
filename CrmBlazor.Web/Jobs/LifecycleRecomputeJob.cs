using System.Globalization;

namespace CrmBlazor.Web.Jobs;

/// <summary>When the daily recompute runs: <c>Lifecycle:RecomputeAt</c> (HH:mm) in <c>Lifecycle:RecomputeTimeZone</c>.</summary>
public sealed record RecomputeSchedule(TimeOnly At, TimeZoneInfo Zone)
{
    public static readonly TimeOnly DefaultAt = new(2, 0);
    public const string DefaultZone = "Asia/Shanghai";

    /// <summary>Reads the schedule; a value that cannot be read is reported in <paramref name="problems"/> and its default used.</summary>
    public static RecomputeSchedule From(IConfiguration configuration, List<string> problems)
    {
        var at = DefaultAt;
        var text = configuration["Lifecycle:RecomputeAt"];
        if (!string.IsNullOrWhiteSpace(text) && !TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
        {
            problems.Add($"Lifecycle:RecomputeAt '{text}' is not a time of day (HH:mm); using {DefaultAt:HH:mm}.");
            at = DefaultAt;
        }
        var zoneId = configuration["Lifecycle:RecomputeTimeZone"] is { Length: > 0 } z ? z : DefaultZone;
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"Lifecycle:RecomputeTimeZone '{zoneId}' is not a known time zone; using UTC+8 (China Standard Time).");
            zone = TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
        return new RecomputeSchedule(at, zone);
    }

    /// <summary>
    /// The first moment strictly after <paramref name="now"/> when the local clock of <see cref="Zone"/>
    /// shows <see cref="At"/>. A time skipped by a daylight-saving jump runs at the first valid
    /// minute after it; a repeated one runs at its first occurrence.
    /// </summary>
    public DateTimeOffset NextRun(DateTimeOffset now)
    {
        var localNow = TimeZoneInfo.ConvertTime(now, Zone);
        for (var day = DateOnly.FromDateTime(localNow.DateTime); ; day = day.AddDays(1))
        {
            var local = day.ToDateTime(At, DateTimeKind.Unspecified);
            while (Zone.IsInvalidTime(local)) local = local.AddMinutes(1);
            var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
            var candidate = new DateTimeOffset(local, offset);
            if (candidate > now) return candidate;
        }
    }
}

/// <summary>
/// Re-evaluates every customer once a day (PRODUCT.md §2: data refresh daily) at the configured
/// local time, through the shared <see cref="LifecycleRecomputeRunner"/> — so it never overlaps an
/// admin's "re-evaluate now". Logs the summary; a failure is logged and the next day tried again,
/// it never stops the host. Off with <c>Lifecycle:RecomputeEnabled=false</c>.
/// </summary>
public sealed class LifecycleRecomputeJob(LifecycleRecomputeRunner runner, IConfiguration configuration, TimeProvider clock, ILogger<LifecycleRecomputeJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var problems = new List<string>();
        var schedule = RecomputeSchedule.From(configuration, problems);
        foreach (var problem in problems) log.LogError("{Problem}", problem);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.NextRun(clock.GetUtcNow());
            log.LogInformation("Next daily lifecycle recompute at {Next:yyyy-MM-dd HH:mm zzz}", next);
            try
            {
                await Task.Delay(next - clock.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, clock, stoppingToken);
                var run = await runner.RunAsync("daily job");
                if (run is null) log.LogWarning("Daily lifecycle recompute skipped: a recompute started by {By} is still running", runner.Current?.StartedById ?? runner.Current?.StartedBy);
                else if (run.Error is not null) log.LogError("Daily lifecycle recompute failed: {Error}", run.Error.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Daily lifecycle recompute failed; trying again tomorrow");
            }
        }
    }
}
