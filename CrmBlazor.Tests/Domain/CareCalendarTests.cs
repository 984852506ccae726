using CrmBlazor.Domain.Care;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Tests.Domain;

public sealed class CareCalendarTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static CareContact Contact(int id, bool consent, DateOnly? birthday = null, bool erased = false) =>
        new(id, 100 + id, "客户" + id, "联系人" + id, "owner", consent, erased, birthday);

    [Fact]
    public void Between_WinterRange_NewYearAndSpringFestival2027()
    {
        var holidays = ChineseHolidays.Between(new DateOnly(2026, 12, 1), new DateOnly(2027, 2, 28));
        Assert.Equal([(CareOccasion.NewYear, new DateOnly(2027, 1, 1)), (CareOccasion.SpringFestival, new DateOnly(2027, 2, 6))], holidays);
    }

    [Fact]
    public void Between_YearOutsideTheLunarTable_OnlyFixedHolidays()
    {
        var holidays = ChineseHolidays.Between(new DateOnly(2029, 1, 1), new DateOnly(2029, 12, 31)).Select(h => h.Occasion);
        Assert.Equal([CareOccasion.NewYear, CareOccasion.NationalDay], holidays);
    }

    [Fact]
    public void Plan_ContactsWithoutConsentOrErased_GetNoGreeting()
    {
        var contacts = new[]
        {
            Contact(1, consent: true, birthday: new DateOnly(1980, 12, 24)),
            Contact(2, consent: false, birthday: new DateOnly(1985, 12, 24)),
            Contact(3, consent: true, erased: true),
        };

        var plan = GreetingPlanner.Plan(contacts, new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31), leadDays: 3, Today);

        Assert.All(plan, g => Assert.Equal(1, g.Contact.ContactId));
        Assert.Equal([CareOccasion.Birthday, CareOccasion.NewYear], plan.Select(g => g.Occasion));
        Assert.Equal(new DateOnly(2026, 12, 21), plan[0].DueDate);  // three days before the 24th
        Assert.Equal(new DateOnly(2026, 12, 29), plan[1].DueDate);
    }

    [Fact]
    public void Plan_OccasionSooner_ThanTheLead_IsDueToday()
    {
        var plan = GreetingPlanner.Plan([Contact(1, true, new DateOnly(1990, 11, 23))], Today, Today.AddDays(5), leadDays: 3, Today);
        Assert.Equal(Today, Assert.Single(plan).DueDate);
    }

    [Fact]
    public void BirthdaysBetween_LeapDay_OnFebruary28InOtherYears() =>
        Assert.Equal([new DateOnly(2027, 2, 28), new DateOnly(2028, 2, 29)],
            GreetingPlanner.BirthdaysBetween(new DateOnly(1992, 2, 29), new DateOnly(2027, 1, 1), new DateOnly(2028, 12, 31)));

    [Fact]
    public void Title_RoundTrips_OccasionDateAndName()
    {
        var title = GreetingPlanner.Title(CareOccasion.MidAutumn, new DateOnly(2027, 9, 15), "王芳: 采购");
        Assert.True(GreetingPlanner.TryParseTitle(title, out var occasion, out var date, out var name));
        Assert.Equal((CareOccasion.MidAutumn, new DateOnly(2027, 9, 15), "王芳: 采购"), (occasion, date, name));
        Assert.False(GreetingPlanner.TryParseTitle("Growing follow-up", out _, out _, out _));
    }

    [Fact]
    public void CompleteRevisit_RecordsSatisfaction_AndRefusesOtherKindsAndBadStars()
    {
        var now = new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
        var revisit = FollowUpTask.Create(1, "am", FollowUpKind.Revisit, null, "Revisit after ticket 7", Today, now, 7);
        Assert.Equal("Validation.Range", Assert.Throws<DomainException>(() => revisit.CompleteRevisit(Today, "phone", "ok", 6, "am", now)).Code);
        Assert.Equal(FollowUpStatus.Open, revisit.Status);

        revisit.CompleteRevisit(Today, "phone", "客户对处理结果满意", 4, "am", now);
        Assert.Equal((FollowUpStatus.Done, 4), (revisit.Status, revisit.Satisfaction));

        var care = FollowUpTask.Create(1, "am", FollowUpKind.Care, null, "NewYear 2027-01-01: 王芳", Today, now, 3);
        Assert.Equal("FollowUp.NotRevisit", Assert.Throws<DomainException>(() => care.CompleteRevisit(Today, "phone", "x", 4, "am", now)).Code);
    }
}
