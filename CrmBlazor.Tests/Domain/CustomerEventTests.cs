using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.CustomerEvents;

namespace CrmBlazor.Tests.Domain;

/// <summary>The customer event's lifecycle, capacity, attendance rules and measures.</summary>
public sealed class CustomerEventTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    private static CustomerEventDetails Details(CustomerEventKind kind = CustomerEventKind.Training, int? capacity = null, int? passMark = 60, DateTime? startsAt = null) => new()
    {
        Kind = kind, Title = "高级功能培训", StartsAt = startsAt ?? Now.AddDays(-1), Place = "上海", Capacity = capacity, PassMark = passMark, OwnerId = "owner",
    };

    private static CustomerEvent Open(int? capacity = null, CustomerEventKind kind = CustomerEventKind.Training)
    {
        var e = CustomerEvent.Create(Details(kind, capacity), "creator", Now);
        e.OpenRegistration(Now);
        return e;
    }

    private static EventInvitation Invite(CustomerEvent e) => EventInvitation.Create(e, 1, 1, "creator", Now);

    private static string Code(Action action) => Assert.ThrowsAny<DomainException>(action).Code;

    [Fact]
    public void Lifecycle_PlannedOpenHeldClosed_IsAllowed()
    {
        var e = CustomerEvent.Create(Details(), "creator", Now);
        Assert.Equal(CustomerEventStatus.Planned, e.Status);
        e.OpenRegistration(Now);
        e.MarkHeld(Now);
        e.Close(Now);
        Assert.Equal(CustomerEventStatus.Closed, e.Status);
    }

    [Fact]
    public void Transitions_OutOfOrder_AreRefusedWithACode()
    {
        var e = CustomerEvent.Create(Details(), "creator", Now);
        Assert.Equal("Event.BadTransition", Code(() => e.Close(Now)));
        e.Cancel("讲师生病", Now);
        Assert.Equal("Event.BadTransition", Code(() => e.OpenRegistration(Now)));
        Assert.Equal("Event.BadTransition", Code(() => e.MarkHeld(Now)));
        Assert.Equal("Event.NotEditable", Code(() => e.Edit(Details(), 0)));
        Assert.Equal("讲师生病", e.CancelReason);
    }

    [Fact]
    public void MarkHeld_BeforeTheEventsDay_IsRefused()
    {
        var e = CustomerEvent.Create(Details(startsAt: Now.AddDays(5)), "creator", Now);
        e.OpenRegistration(Now);
        Assert.Equal("Event.NotYetHeld", Code(() => e.MarkHeld(Now)));
        Assert.Equal(CustomerEventStatus.Open, e.Status);
    }

    [Fact]
    public void Create_TrainingWithoutPassMark_OrWithoutPlace_IsRefused()
    {
        Assert.Equal("Validation.Required", Code(() => CustomerEvent.Create(Details(passMark: null), "c", Now)));
        Assert.Equal("Event.NoPlace", Code(() => CustomerEvent.Create(Details() with { Place = null }, "c", Now)));
        var online = CustomerEvent.Create(Details(CustomerEventKind.Seminar, passMark: 70) with { Place = null, OnlineLink = "meeting.example.com/abc" }, "c", Now);
        Assert.Null(online.PassMark); // only a training keeps a pass mark
    }

    [Fact]
    public void Register_WhenFull_IsRefused_DeclineStillWorks()
    {
        var e = Open(capacity: 2);
        var invitation = Invite(e);
        Assert.Equal("Event.Full", Code(() => invitation.Respond(e, RegistrationStatus.Registered, registeredBefore: 2, "am", Now)));
        invitation.Respond(e, RegistrationStatus.Declined, 2, "am", Now);
        Assert.Equal(RegistrationStatus.Declined, invitation.Registration);
        invitation.Respond(e, RegistrationStatus.Registered, 1, "am", Now);
        Assert.Equal(RegistrationStatus.Registered, invitation.Registration);
    }

    [Fact]
    public void Register_BeforeRegistrationOpens_IsRefused()
    {
        var e = CustomerEvent.Create(Details(), "creator", Now);
        var invitation = Invite(e);
        Assert.Equal("Event.NotOpen", Code(() => invitation.Respond(e, RegistrationStatus.Registered, 0, "am", Now)));
    }

    [Fact]
    public void Edit_CapacityBelowRegistrations_IsRefused()
    {
        var e = Open(capacity: 10);
        Assert.Equal("Event.CapacityBelowRegistered", Code(() => e.Edit(Details(capacity: 3), registered: 4)));
        e.Edit(Details(capacity: 4), registered: 4);
        Assert.Equal(4, e.Capacity);
    }

    [Fact]
    public void Attendance_OnlyOnceHeld_ScoreDecidesPass_AgainstThePassMark()
    {
        var e = Open();
        var a = Invite(e);
        var b = Invite(e);
        Assert.Equal("Event.NotHeld", Code(() => a.RecordAttendance(e, AttendanceStatus.Attended, 80, "am", Now)));
        e.MarkHeld(Now);
        a.RecordAttendance(e, AttendanceStatus.Attended, 60, "am", Now);
        b.RecordAttendance(e, AttendanceStatus.Attended, 59.5m, "am", Now);
        Assert.True(a.Passed);
        Assert.False(b.Passed);
        Assert.Equal("Validation.Range", Code(() => a.RecordAttendance(e, AttendanceStatus.Attended, 101, "am", Now)));
        Assert.Equal("Event.ScoreWithoutAttendance", Code(() => a.RecordAttendance(e, AttendanceStatus.NoShow, 50, "am", Now)));
    }

    [Fact]
    public void Score_ForANonTraining_IsRefused_AndSatisfactionNeedsAttendance()
    {
        var e = Open(kind: CustomerEventKind.TechnicalLecture);
        var i = Invite(e);
        e.MarkHeld(Now);
        Assert.Equal("Event.ScoreNotTraining", Code(() => i.RecordAttendance(e, AttendanceStatus.Attended, 90, "am", Now)));
        Assert.Equal("Event.SatisfactionWithoutAttendance", Code(() => i.RecordSatisfaction(e, 5, "cs", Now)));
        i.RecordAttendance(e, AttendanceStatus.Attended, null, "am", Now);
        Assert.Equal("Validation.Range", Code(() => i.RecordSatisfaction(e, 6, "cs", Now)));
        i.RecordSatisfaction(e, 4, "cs", Now);
        Assert.Equal(4, i.Satisfaction);
        e.Close(Now);
        Assert.Equal("Event.NotHeld", Code(() => i.RecordSatisfaction(e, 5, "cs", Now)));
    }

    [Fact]
    public void Measures_HandCheckedFixture()
    {
        // 5 invited: 3 registered, 1 declined; 2 attended (scores pass/fail, stars 5 and 3), 1 no-show
        ParticipationFact[] facts =
        [
            new(RegistrationStatus.Registered, AttendanceStatus.Attended, true, 5),
            new(RegistrationStatus.Registered, AttendanceStatus.Attended, false, 3),
            new(RegistrationStatus.Registered, AttendanceStatus.NoShow, null, null),
            new(RegistrationStatus.Declined, null, null, null),
            new(RegistrationStatus.Invited, null, null, null),
        ];
        var m = EventMeasures.From(facts);
        Assert.Equal((5, 3, 1, 2, 1), (m.Invitations, m.Registered, m.Declined, m.Attended, m.NoShows));
        Assert.Equal(0.4, m.AttendanceRate);
        Assert.Equal(4.0, m.AverageSatisfaction);
        Assert.Equal(0.5, m.PassRate);
        var total = EventMeasures.Sum([m, EventMeasures.From([new(RegistrationStatus.Registered, AttendanceStatus.Attended, true, 2)])]);
        Assert.Equal(0.5, total.AttendanceRate);
        Assert.Equal(Math.Round(10.0 / 3, 2), total.AverageSatisfaction);
        Assert.Equal(2.0 / 3, total.PassRate);
        Assert.Null(EventMeasures.Empty.AttendanceRate);
        Assert.Null(EventMeasures.Empty.PassRate);
    }
}
