using CrmBlazor.Web.Jobs;
using Microsoft.Extensions.Configuration;

namespace CrmBlazor.Tests.Web;

/// <summary>When the daily lifecycle recompute runs next: pure arithmetic over a clock, a time of day and a zone.</summary>
public sealed class RecomputeScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "CST", "CST");

    private static RecomputeSchedule At(int hour, int minute = 0, TimeZoneInfo? zone = null) => new(new TimeOnly(hour, minute), zone ?? Shanghai);

    [Fact]
    public void NextRun_BeforeTheTimeToday_IsToday()
    {
        // 01:00 in Shanghai = 17:00 UTC the day before
        var now = new DateTimeOffset(2026, 11, 21, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.FromHours(8)), At(2).NextRun(now));
    }

    [Fact]
    public void NextRun_ExactlyAtTheTime_IsTomorrow()
    {
        var now = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.FromHours(8)), At(2).NextRun(now));
    }

    [Fact]
    public void NextRun_JustAfterTheTime_IsTomorrow_AcrossAMonthEnd()
    {
        var now = new DateTimeOffset(2026, 11, 30, 2, 0, 1, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.FromHours(8)), At(2).NextRun(now));
    }

    [Fact]
    public void NextRun_IsInTheConfiguredZone_NotTheServers()
    {
        // 20:00 UTC is 04:00 next day in Shanghai: 02:00 there has passed, so the run is the day after
        var now = new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.Zero);
        var next = At(2).NextRun(now);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.FromHours(8)), next);
        Assert.Equal(new DateTime(2026, 11, 23, 18, 0, 0), next.UtcDateTime);
    }

    [Fact]
    public void NextRun_ATimeSkippedByDaylightSaving_RunsAtTheFirstValidMinute()
    {
        // a zone that jumps from 02:00 to 03:00 on 2026-03-08 (as US Eastern does)
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday));
        var eastern = TimeZoneInfo.CreateCustomTimeZone("Test/Eastern", TimeSpan.FromHours(-5), "Eastern", "EST", "EDT", [rule]);
        var now = new DateTimeOffset(2026, 3, 7, 12, 0, 0, TimeSpan.FromHours(-5));
        var next = At(2, 30, eastern).NextRun(now);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)), next);
    }

    [Theory]
    [InlineData(null, 2, 0)]
    [InlineData("03:30", 3, 30)]
    [InlineData("7:05", 7, 5)]
    public void From_ReadsTheTimeOfDay(string? configured, int hour, int minute)
    {
        var problems = new List<string>();
        var schedule = RecomputeSchedule.From(Config(("Lifecycle:RecomputeAt", configured)), problems);
        Assert.Equal(new TimeOnly(hour, minute), schedule.At);
        Assert.Empty(problems);
    }

    [Fact]
    public void From_AnUnreadableTimeOrZone_IsReported_AndTheDefaultsUsed()
    {
        var problems = new List<string>();
        var schedule = RecomputeSchedule.From(Config(("Lifecycle:RecomputeAt", "25:99"), ("Lifecycle:RecomputeTimeZone", "Mars/Olympus")), problems);
        Assert.Equal(RecomputeSchedule.DefaultAt, schedule.At);
        Assert.Equal(TimeSpan.FromHours(8), schedule.Zone.BaseUtcOffset);
        Assert.Equal(2, problems.Count);
        Assert.Contains("25:99", problems[0]);
        Assert.Contains("Mars/Olympus", problems[1]);
    }

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
