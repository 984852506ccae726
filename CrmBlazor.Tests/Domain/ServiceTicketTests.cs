using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Service;

namespace CrmBlazor.Tests.Domain;

public sealed class ServiceTicketTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
    private const string Creator = "cs-1", Handler = "am-1", Supervisor = "sm-1";

    private static ServiceTicket New() => ServiceTicket.Create("complaint", TicketPriority.High, "设备掉线", 7, "多台终端掉线", Creator, Now);

    private static ServiceTicket Handled()
    {
        var t = New();
        t.AssignTo(Handler, Supervisor, Now.AddHours(1));
        t.Handle("已远程修复", Handler, Now.AddHours(3));
        return t;
    }

    [Fact]
    public void Create_IsCreatedWithRequestAndCreator()
    {
        var t = New();
        Assert.Equal(TicketStatus.Created, t.Status);
        Assert.Equal(Creator, t.CreatedById);
        Assert.Equal(TicketHistoryKind.Created, Assert.Single(t.History).Kind);
    }

    [Fact]
    public void Create_WithoutRequest_IsRefused() =>
        Assert.Equal("Validation.Required", Assert.Throws<DomainException>(() => ServiceTicket.Create("consultation", TicketPriority.Normal, "x", 1, "", Creator, Now)).Code);

    [Fact]
    public void Handle_BeforeAssignment_IsRefused() =>
        Assert.Equal("Ticket.NotAssigned", Assert.Throws<DomainException>(() => New().Handle("x", Handler, Now)).Code);

    [Fact]
    public void Handle_BySomeoneOtherThanTheHandler_IsRefused()
    {
        var t = New();
        t.AssignTo(Handler, Supervisor, Now);
        Assert.Equal("Ticket.NotHandler", Assert.Throws<DomainException>(() => t.Handle("x", "someone", Now)).Code);
    }

    [Fact]
    public void GiveFeedback_BeforeHandling_IsRefused()
    {
        var t = New();
        t.AssignTo(Handler, Supervisor, Now);
        Assert.Equal("Ticket.NotHandled", Assert.Throws<DomainException>(() => t.GiveFeedback(5, "ok", Creator, Now)).Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void GiveFeedback_UnderThreeStars_SendsTheTicketBackForRehandling(int stars)
    {
        var t = Handled();
        t.GiveFeedback(stars, "没解决", Creator, Now.AddDays(1));
        Assert.Equal(TicketStatus.Assigned, t.Status);
        Assert.Equal(1, t.RehandleCount);
        Assert.Equal(TicketHistoryKind.ReturnedForRehandling, t.History[^1].Kind);
        t.Handle("现场更换部件", Handler, Now.AddDays(2));
        t.GiveFeedback(4, "已解决", Creator, Now.AddDays(3));
        Assert.Equal(TicketStatus.FeedbackGiven, t.Status);
        Assert.False(t.ResolvedAtFirstContact);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void GiveFeedback_ThreeStarsOrMore_ClosesTheTicket(int stars)
    {
        var t = Handled();
        t.GiveFeedback(stars, "满意", Creator, Now.AddDays(1));
        Assert.Equal(TicketStatus.FeedbackGiven, t.Status);
        Assert.Equal(stars, t.Satisfaction);
        Assert.True(t.ResolvedAtFirstContact);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void GiveFeedback_StarsOutside1To5_AreRefused(int stars) =>
        Assert.Equal("Validation.Range", Assert.Throws<DomainException>(() => Handled().GiveFeedback(stars, "x", Creator, Now)).Code);

    [Fact]
    public void Archive_OnlyAfterClosingFeedback_ThenNothingChanges()
    {
        var t = Handled();
        Assert.Equal("Ticket.NotClosed", Assert.Throws<DomainException>(() => t.Archive(Supervisor, Now)).Code);
        t.GiveFeedback(5, "好", Creator, Now);
        t.Archive(Supervisor, Now.AddDays(1));
        Assert.Equal(TicketStatus.Archived, t.Status);
        Assert.Equal("Ticket.NotEditable", Assert.Throws<DomainException>(() => t.Edit("other", TicketPriority.Low, "x", "y", Supervisor, Now)).Code);
        Assert.Equal("Ticket.NotAssignable", Assert.Throws<DomainException>(() => t.AssignTo("am-2", Supervisor, Now)).Code);
    }

    [Fact]
    public void IsOpenStatus_UntilClosingFeedback_AndNotAfter()
    {
        var t = Handled();
        Assert.True(ServiceTicket.IsOpenStatus(TicketStatus.Created) && ServiceTicket.IsOpenStatus(TicketStatus.Assigned) && ServiceTicket.IsOpenStatus(t.Status));
        t.GiveFeedback(2, "没解决", Creator, Now);
        Assert.True(ServiceTicket.IsOpenStatus(t.Status)); // back to its handler
        t.Handle("上门处理", Handler, Now.AddDays(1));
        t.GiveFeedback(4, "好", Creator, Now.AddDays(2));
        Assert.False(ServiceTicket.IsOpenStatus(t.Status));
        t.Archive(Supervisor, Now.AddDays(3));
        Assert.False(ServiceTicket.IsOpenStatus(t.Status));
    }

    [Fact]
    public void IsComplaint_OnlyForTheComplaintType()
    {
        Assert.True(New().IsComplaint);
        Assert.False(ServiceTicket.Create("consultation", TicketPriority.Normal, "咨询", 7, "如何升级", Creator, Now).IsComplaint);
    }

    [Fact]
    public void AssignTo_AgainToAnother_IsAReassignment_ToTheSame_IsRefused()
    {
        var t = New();
        t.AssignTo(Handler, Supervisor, Now);
        Assert.Equal("Ticket.AlreadyAssignedToSame", Assert.Throws<DomainException>(() => t.AssignTo(Handler, Supervisor, Now)).Code);
        t.AssignTo("cs-2", Supervisor, Now.AddHours(1));
        Assert.Equal(("cs-2", TicketHistoryKind.Reassigned), (t.AssignedToId, t.History[^1].Kind));
        Assert.Equal("Ticket.NotHandler", Assert.Throws<DomainException>(() => t.Handle("x", Handler, Now)).Code);
    }
}
