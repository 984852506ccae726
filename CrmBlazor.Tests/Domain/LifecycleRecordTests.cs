using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Tests.Domain;

public sealed class FollowUpTaskTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
    private static FollowUpTask Task() => FollowUpTask.Create(1, "am-1", FollowUpKind.FollowUp, LifecycleStage.New, "每周回访", new DateOnly(2026, 11, 20), Now);

    [Fact]
    public void Complete_ByTheAssignee_RecordsTheFollowUp()
    {
        var t = Task();
        t.Complete(new DateOnly(2026, 11, 22), "phone", "沟通使用情况", "下周演示", new DateOnly(2026, 11, 29), "am-1", Now);
        Assert.Equal(FollowUpStatus.Done, t.Status);
        Assert.Equal("phone", t.ChannelCode);
        Assert.Equal(new DateOnly(2026, 11, 29), t.NextPlanDate);
    }

    [Fact]
    public void Complete_BySomeoneElse_IsRefused() =>
        Assert.Equal("FollowUp.NotAssignee", Assert.Throws<DomainException>(() => Task().Complete(new DateOnly(2026, 11, 22), "phone", "x", null, null, "am-2", Now)).Code);

    [Fact]
    public void Complete_InTheFuture_IsRefused() =>
        Assert.Equal("FollowUp.FutureDate", Assert.Throws<DomainException>(() => Task().Complete(new DateOnly(2026, 11, 23), "phone", "x", null, null, "am-1", Now)).Code);

    [Fact]
    public void Complete_NextPlanBeforeTheContact_IsRefused() =>
        Assert.Equal("FollowUp.NextBeforeContact", Assert.Throws<DomainException>(() => Task().Complete(new DateOnly(2026, 11, 22), "phone", "x", "y", new DateOnly(2026, 11, 1), "am-1", Now)).Code);

    [Fact]
    public void Complete_Twice_IsRefused()
    {
        var t = Task();
        t.Complete(new DateOnly(2026, 11, 22), "phone", "x", null, null, "am-1", Now);
        Assert.Equal("FollowUp.NotOpen", Assert.Throws<DomainException>(() => t.Complete(new DateOnly(2026, 11, 22), "phone", "x", null, null, "am-1", Now)).Code);
    }

    [Fact]
    public void IsOverdue_OpenAndPastDue()
    {
        var t = Task();
        Assert.True(t.IsOverdue(new DateOnly(2026, 11, 21)));
        Assert.False(t.IsOverdue(new DateOnly(2026, 11, 20)));
        t.Cancel();
        Assert.False(t.IsOverdue(new DateOnly(2026, 11, 21)));
    }
}

public sealed class ChurnCaseTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Postpone_CanBeRepeated_EachMeasureIsKept()
    {
        var c = ChurnCase.Raise(1, ChurnTrigger.Declining, new DateOnly(2026, 9, 1), Now);
        c.Postpone("电话回访", "am-1", Now);
        c.Postpone("提供九折优惠", "am-1", Now.AddDays(3));
        Assert.Equal(ChurnCaseStatus.Postponed, c.Status);
        Assert.Equal(["电话回访", "提供九折优惠"], c.Entries.Select(e => e.Text));
    }

    [Fact]
    public void Confirm_NeedsAReason_ThenTheCaseIsClosed()
    {
        var c = ChurnCase.Raise(1, ChurnTrigger.Churned, null, Now);
        Assert.Equal("Validation.Required", Assert.Throws<DomainException>(() => c.Confirm("", null, "am-1", Now)).Code);
        c.Confirm("competitor", "转用竞品", "am-1", Now);
        Assert.Equal(ChurnCaseStatus.Confirmed, c.Status);
        Assert.Equal("competitor", c.ConfirmedReasonCode);
        Assert.Equal("Churn.Closed", Assert.Throws<DomainException>(() => c.Postpone("x", "am-1", Now)).Code);
    }

    [Fact]
    public void Resolve_ClosesAnActiveCase_AndIgnoresAClosedOne()
    {
        var c = ChurnCase.Raise(1, ChurnTrigger.NoOrders, null, Now);
        c.Resolve(Now);
        Assert.Equal(ChurnCaseStatus.Resolved, c.Status);
        c.Resolve(Now.AddDays(1));
        Assert.Single(c.Entries);
    }
}

public sealed class FollowUpCadenceTests
{
    [Theory]
    [InlineData(LifecycleStage.Prospect, CadenceKind.Weekly)]
    [InlineData(LifecycleStage.New, CadenceKind.Weekly)]
    [InlineData(LifecycleStage.Growing, CadenceKind.Monthly)]
    [InlineData(LifecycleStage.Mature, CadenceKind.Monthly)]
    [InlineData(LifecycleStage.Declining, CadenceKind.TwiceWeekly)]
    [InlineData(LifecycleStage.Churned, CadenceKind.Monthly)]
    public void Default_FollowsTheSpecification(LifecycleStage stage, CadenceKind expected) =>
        Assert.Equal(expected, FollowUpCadence.Default(stage));

    [Fact]
    public void Next_TwiceWeekly_AlternatesMondayAndThursday()
    {
        var monday = new DateOnly(2026, 11, 23);
        var thursday = FollowUpCadence.Next(CadenceKind.TwiceWeekly, monday);
        Assert.Equal(DayOfWeek.Thursday, thursday.DayOfWeek);
        Assert.Equal(monday.AddDays(7), FollowUpCadence.Next(CadenceKind.TwiceWeekly, thursday));
    }

    [Fact]
    public void Next_Monthly_KeepsTheDayOfMonthWherePossible()
    {
        Assert.Equal(new DateOnly(2026, 12, 22), FollowUpCadence.Next(CadenceKind.Monthly, new DateOnly(2026, 11, 22)));
        Assert.Equal(new DateOnly(2027, 2, 28), FollowUpCadence.Next(CadenceKind.Monthly, new DateOnly(2027, 1, 31)));
        Assert.Equal(new DateOnly(2026, 11, 29), FollowUpCadence.Next(CadenceKind.Weekly, new DateOnly(2026, 11, 22)));
    }
}
