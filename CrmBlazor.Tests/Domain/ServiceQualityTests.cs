using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Service;

namespace CrmBlazor.Tests.Domain;

/// <summary>
/// The quality measures on a fixture small enough to check by hand. Hours after creation:
/// <code>
/// id type          handler status     assign handle close sat rehandles
/// 1  complaint     a       Archived   2      10     20    5   0
/// 2  consultation  a       Feedback   1      5      30    4   1
/// 3  consultation  b       Handled    4      8      –     –   0
/// 4  complaint     b       Assigned   6      12     –     –   1   (got 2 stars once, handled again is pending)
/// 5  suggestion    –       Created    –      –      –     –   0
/// </code>
/// Revisits: by a on 2026-10-08 after ticket 1 (complaint); by c on 2026-11-20 after a purchase.
/// </summary>
public sealed class ServiceQualityTests
{
    private static readonly DateTime Oct5 = new(2026, 10, 5, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Oct20 = new(2026, 10, 20, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Nov2 = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Nov10 = new(2026, 11, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Nov15 = new(2026, 11, 15, 8, 0, 0, DateTimeKind.Utc);

    private static TicketFact T(int id, string type, string? handler, TicketStatus status, DateTime created, double? assign, double? handle, double? close, int? sat, int rehandles) =>
        new(id, type, TicketPriority.Normal, status, handler, created, H(created, assign), H(created, handle), H(created, close), sat, rehandles);

    private static DateTime? H(DateTime from, double? hours) => hours is { } h ? from.AddHours(h) : null;

    private static readonly TicketFact[] Tickets =
    [
        T(1, "complaint", "a", TicketStatus.Archived, Oct5, 2, 10, 20, 5, 0),
        T(2, "consultation", "a", TicketStatus.FeedbackGiven, Oct20, 1, 5, 30, 4, 1),
        T(3, "consultation", "b", TicketStatus.Handled, Nov2, 4, 8, null, null, 0),
        T(4, "complaint", "b", TicketStatus.Assigned, Nov10, 6, 12, null, null, 1),
        T(5, "suggestion", null, TicketStatus.Created, Nov15, null, null, null, null, 0),
    ];

    private static readonly RevisitFact[] Revisits =
    [
        new("a", new DateTime(2026, 10, 8, 10, 0, 0, DateTimeKind.Utc), "complaint"),
        new("c", new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), null),
    ];

    [Fact]
    public void Measure_HandCheckedFixture_TotalsAsWorkedOut()
    {
        var total = ServiceQuality.Measure(Tickets, Revisits).Total;

        Assert.Equal(5, total.Tickets);
        Assert.Equal(3, total.Handled);                      // 1, 2, 3 (4 is back in Assigned)
        Assert.Equal(0.6, total.HandledRate!.Value, 9);      // 3 / 5
        Assert.Equal(new DurationStats(4, 3.25, 6), total.ToAssign);   // [1,2,4,6]: 13/4; rank ⌈0.9·4⌉ = 4 → 6
        Assert.Equal(new DurationStats(4, 8.75, 12), total.ToHandle);  // [5,8,10,12]: 35/4; rank 4 → 12
        Assert.Equal(new DurationStats(2, 25, 30), total.ToClose);     // [20,30]: 50/2; rank ⌈1.8⌉ = 2 → 30
        Assert.Equal(2, total.Closed);
        Assert.Equal(0.5, total.FirstContactRate!.Value, 9); // only 1 of the 2 closed had no re-handle
        Assert.Equal(4.5, total.AverageSatisfaction!.Value, 9); // (5 + 4) / 2
        Assert.Equal(2, total.Complaints);
        Assert.Equal(0.4, total.ComplaintShare!.Value, 9);   // 2 / 5
        Assert.Equal(2.0 / 3, total.RehandleRate!.Value, 9); // 2 and 4 re-handled, of 1, 2, 4 that got feedback
        Assert.Equal(2, total.Revisits);
    }

    [Fact]
    public void Measure_HandCheckedFixture_GroupsPerHandlerTypeAndMonth()
    {
        var report = ServiceQuality.Measure(Tickets, Revisits);

        Assert.Equal(["a", "b", ServiceQuality.Unassigned, "c"], report.ByHandler.Select(h => h.Key));
        var a = report.ByHandler[0];
        Assert.Equal((2, 2, 1.0, 1), (a.Tickets, a.Handled, a.HandledRate, a.Revisits));
        Assert.Equal(0.5, report.ByHandler[1].HandledRate);  // b: 3 handled, 4 not
        Assert.Equal((0, 1), (report.ByHandler[3].Tickets, report.ByHandler[3].Revisits)); // c only revisited
        Assert.Null(report.ByHandler[3].HandledRate);

        Assert.Equal(["complaint", "consultation", "suggestion"], report.ByType.Select(t => t.Key));
        Assert.Equal((2, 1.0, 1), (report.ByType[0].Complaints, report.ByType[0].ComplaintShare, report.ByType[0].Revisits));

        Assert.Equal(["2026-10", "2026-11"], report.ByMonth.Select(m => m.Key));
        var october = report.ByMonth[0];
        Assert.Equal((2, 2, 0.5, 4.5, 1), (october.Tickets, october.Closed, october.FirstContactRate, october.AverageSatisfaction, october.Revisits));
        var november = report.ByMonth[1];
        Assert.Equal((3, 0, (double?)null, 1), (november.Tickets, november.Closed, november.FirstContactRate, november.Revisits));
    }

    [Fact]
    public void Measure_NoTickets_RatesAreEmptyNotZero()
    {
        var total = ServiceQuality.Measure([], []).Total;
        Assert.Equal(0, total.Tickets);
        Assert.Null(total.HandledRate);
        Assert.Null(total.AverageSatisfaction);
        Assert.Equal(new DurationStats(0, null, null), total.ToHandle);
    }

    [Theory]
    [InlineData(new double[] { 7 }, 7)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 9)]     // rank 9
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, 10)] // rank ⌈9.9⌉ = 10
    public void Percentile_NearestRank(double[] sorted, double expected) =>
        Assert.Equal(expected, ServiceQuality.Percentile(sorted, 0.9));

    private static readonly DateTime Created = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(TicketStatus.Created, 5, TicketDueState.OnTime)]
    [InlineData(TicketStatus.Assigned, 19, TicketDueState.DueSoon)]   // 5 h of 24 left: under a quarter
    [InlineData(TicketStatus.Assigned, 24, TicketDueState.DueSoon)]   // exactly at the due time: not yet late
    [InlineData(TicketStatus.Assigned, 25, TicketDueState.Overdue)]
    [InlineData(TicketStatus.Handled, 100, TicketDueState.NotApplicable)]
    [InlineData(TicketStatus.Archived, 100, TicketDueState.NotApplicable)]
    public void StatusOf_NormalPriorityDefault24Hours(TicketStatus status, int hoursLater, TicketDueState expected)
    {
        var due = ServiceLevels.Default.StatusOf(status, "consultation", TicketPriority.Normal, Created, Created.AddHours(hoursLater));
        Assert.Equal(expected, due.State);
        Assert.Equal(expected == TicketDueState.Overdue, due.IsOverdue);
    }

    [Fact]
    public void IsOverdue_TypeRowOverridesTheDefaultRow()
    {
        var hours = ServiceLevels.Default.DueHours.ToDictionary(p => p.Key, p => p.Value);
        hours[("complaint", TicketPriority.Normal)] = 2;
        hours[("complaint", TicketPriority.High)] = 2;
        hours[("complaint", TicketPriority.Urgent)] = 1;
        var levels = ServiceLevels.With(hours, 3, 7, 3);
        var complaint = ServiceTicket.Create("complaint", TicketPriority.Normal, "投诉", 1, "送货延迟", "u1", Created);
        var question = ServiceTicket.Create("consultation", TicketPriority.Normal, "咨询", 1, "发票", "u1", Created);

        Assert.True(levels.IsOverdue(complaint, Created.AddHours(3)));
        Assert.False(levels.IsOverdue(question, Created.AddHours(3)));   // the default 24 h
        Assert.Equal(Created.AddHours(2), levels.StatusOf(complaint, Created).DueAt);
        Assert.Equal(72, levels.HoursFor("complaint", TicketPriority.Low)); // no complaint/low cell: the "all types" value
    }

    [Fact]
    public void With_BadValues_RefusedWithCodes()
    {
        var hours = ServiceLevels.Default.DueHours.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("ServiceLevel.DaysRange", Assert.Throws<DomainException>(() => ServiceLevels.With(hours, -1, 7, 3)).Code);

        var zero = new Dictionary<(string, TicketPriority), int>(hours) { [("complaint", TicketPriority.Low)] = 0 };
        Assert.Equal("ServiceLevel.HoursRange", Assert.Throws<DomainException>(() => ServiceLevels.With(zero, 3, 7, 3)).Code);

        var inverted = new Dictionary<(string, TicketPriority), int>(hours) { [(ServiceLevels.AnyType, TicketPriority.Urgent)] = 48 };
        Assert.Equal("ServiceLevel.PriorityOrder", Assert.Throws<DomainException>(() => ServiceLevels.With(inverted, 3, 7, 3)).Code);

        // complaint/urgent alone: compared with the "all types" high of 8 hours it would take effect against
        var urgentComplaint = new Dictionary<(string, TicketPriority), int>(hours) { [("complaint", TicketPriority.Urgent)] = 100 };
        Assert.Equal("ServiceLevel.PriorityOrder", Assert.Throws<DomainException>(() => ServiceLevels.With(urgentComplaint, 3, 7, 3)).Code);

        var missing = new Dictionary<(string, TicketPriority), int>(hours);
        missing.Remove((ServiceLevels.AnyType, TicketPriority.Low));
        Assert.Equal("Validation.Required", Assert.Throws<DomainException>(() => ServiceLevels.With(missing, 3, 7, 3)).Code);
    }

    [Fact]
    public void FromSettings_ReadsWhatToSettingsWrote_AndIgnoresJunk()
    {
        var hours = ServiceLevels.Default.DueHours.ToDictionary(p => p.Key, p => p.Value);
        hours[("complaint", TicketPriority.High)] = 6;
        var saved = ServiceLevels.With(hours, 2, 10, 5).ToSettings().ToDictionary(p => p.Key, p => p.Value);
        saved["Service.Due.other.Normal"] = "abc";
        saved["Service.Due.other.Nonsense"] = "5";

        var read = ServiceLevels.FromSettings(saved);

        Assert.Equal(6, read.HoursFor("complaint", TicketPriority.High));
        Assert.Equal(24, read.HoursFor("other", TicketPriority.Normal));
        Assert.Equal((2, 10, 5), (read.RevisitAfterTicketDays, read.RevisitAfterFirstPurchaseDays, read.GreetingLeadDays));
    }
}
