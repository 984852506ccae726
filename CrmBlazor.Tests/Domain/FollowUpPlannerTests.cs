using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Tests.Domain;

public sealed class FollowUpPlannerTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(CadenceKind.Weekly, "2026-11-20", "2026-11-27")]
    [InlineData(CadenceKind.Weekly, "2026-12-29", "2027-01-05")] // over the year end
    [InlineData(CadenceKind.Monthly, "2026-11-22", "2026-12-22")]
    [InlineData(CadenceKind.Monthly, "2026-01-31", "2026-02-28")] // month end: the last day of a shorter month
    [InlineData(CadenceKind.Monthly, "2028-01-31", "2028-02-29")] // leap year
    [InlineData(CadenceKind.Monthly, "2026-03-31", "2026-04-30")]
    [InlineData(CadenceKind.Monthly, "2026-12-15", "2027-01-15")]
    public void NextDue_NoPlanDate_FollowsTheCadenceFromTheContact(CadenceKind cadence, string contact, string expected) =>
        Assert.Equal(D(expected), FollowUpPlanner.NextDue(cadence, D(contact), null));

    [Theory]
    [InlineData("2026-11-16", "2026-11-19", DayOfWeek.Thursday)] // Monday → Thursday (3 days)
    [InlineData("2026-11-19", "2026-11-23", DayOfWeek.Monday)]   // Thursday → Monday (4 days)
    [InlineData("2026-11-17", "2026-11-20", DayOfWeek.Friday)]   // Tuesday → Friday
    [InlineData("2026-11-20", "2026-11-24", DayOfWeek.Tuesday)]  // Friday → Tuesday
    [InlineData("2026-11-22", "2026-11-26", DayOfWeek.Thursday)] // a Sunday contact → Thursday
    public void NextDue_TwiceWeekly_AlternatesThreeAndFourDays(string contact, string expected, DayOfWeek day)
    {
        var next = FollowUpPlanner.NextDue(CadenceKind.TwiceWeekly, D(contact), null);
        Assert.Equal(D(expected), next);
        Assert.Equal(day, next.DayOfWeek);
    }

    [Fact]
    public void NextDue_TwiceWeekly_IsTwoContactsInEveryCalendarWeek()
    {
        var date = D("2026-11-16"); // a Monday
        var dates = new List<DateOnly>();
        for (var i = 0; i < 8; i++) dates.Add(date = FollowUpPlanner.NextDue(CadenceKind.TwiceWeekly, date, null));
        Assert.Equal(D("2026-12-14"), dates[^1]); // 8 contacts = 4 weeks
        var perWeek = dates.GroupBy(d => (d.DayNumber - D("2026-11-16").DayNumber) / 7).Select(g => g.Count()).ToArray();
        Assert.Equal([1, 2, 2, 2, 1], perWeek); // Thu, then Mon+Thu three times, then Mon
    }

    [Theory]
    [InlineData(CadenceKind.Weekly)]
    [InlineData(CadenceKind.TwiceWeekly)]
    [InlineData(CadenceKind.Monthly)]
    public void NextDue_WithAPlanDate_TakesThePlanDate(CadenceKind cadence) =>
        Assert.Equal(D("2026-11-25"), FollowUpPlanner.NextDue(cadence, D("2026-11-20"), D("2026-11-25")));

    [Fact]
    public void NextDue_PlanDateOnTheContactDay_IsKept() =>
        Assert.Equal(D("2026-11-20"), FollowUpPlanner.NextDue(CadenceKind.Monthly, D("2026-11-20"), D("2026-11-20")));

    [Theory]
    [InlineData(LifecycleStage.Prospect, CadenceKind.Weekly)]
    [InlineData(LifecycleStage.New, CadenceKind.Weekly)]
    [InlineData(LifecycleStage.Growing, CadenceKind.Monthly)]
    [InlineData(LifecycleStage.Mature, CadenceKind.Monthly)]
    [InlineData(LifecycleStage.Declining, CadenceKind.TwiceWeekly)]
    [InlineData(LifecycleStage.Churned, CadenceKind.Monthly)]
    public void DefaultCadence_IsThePlaybooksRhythm(LifecycleStage stage, CadenceKind cadence) =>
        Assert.Equal(cadence, FollowUpCadence.Default(stage));
}
