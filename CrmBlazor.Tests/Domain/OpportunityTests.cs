using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Opportunities;

namespace CrmBlazor.Tests.Domain;

public sealed class OpportunityTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
    private const string Creator = "am-1", Manager = "sm-1", Assignee = "am-2";

    internal static OpportunityDetails Details(int probability = 40, string? phone = "13812348888") => new()
    {
        SourceCode = "website", CustomerName = "杭州瑞丰科技有限公司", Probability = probability, Summary = "采购网关",
        ContactName = "王芳", ContactPhone = phone, ExpectedAmount = 100_000m,
    };

    private static Opportunity Developing()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        o.AssignTo(Assignee, Manager, Now.AddHours(1));
        o.AddPlanStep(new DateOnly(2026, 12, 1), "上门拜访", Assignee, Now.AddHours(2));
        o.StartDevelopment(Assignee, Now.AddHours(3));
        return o;
    }

    [Fact]
    public void Create_ValidDetails_IsUnassignedWithCreatorAndTime()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        Assert.Equal(OpportunityStatus.Unassigned, o.Status);
        Assert.Equal(Creator, o.CreatedById);
        Assert.Equal(Now, o.CreatedAt);
        Assert.Null(o.AssignedToId);
        Assert.Equal(OpportunityHistoryKind.Created, Assert.Single(o.History).Kind);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(150)]
    public void Create_ProbabilityOutside0To100_IsRefused(int probability)
    {
        var e = Assert.Throws<DomainException>(() => Opportunity.Create(Details(probability), Creator, Now));
        Assert.Equal("Validation.Range", e.Code);
        Assert.Equal(["Probability", 0, 100], e.Args);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Create_ProbabilityAtTheBounds_IsAccepted(int probability) =>
        Assert.Equal(probability, Opportunity.Create(Details(probability), Creator, Now).Probability);

    [Fact]
    public void Create_MissingRequiredField_IsRefusedNamingTheField()
    {
        var e = Assert.Throws<DomainException>(() => Opportunity.Create(Details() with { Summary = "  " }, Creator, Now));
        Assert.Equal("Validation.Required", e.Code);
        Assert.Equal("Summary", e.Args[0]);
    }

    [Fact]
    public void Create_InvalidPhone_IsRefused() =>
        Assert.Equal("Validation.Phone", Assert.Throws<DomainException>(() => Opportunity.Create(Details(phone: "call me"), Creator, Now)).Code);

    [Fact]
    public void Edit_WhileUnassigned_ChangesOnlyTheEditableFields()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        o.Edit(Details(70) with { Summary = "采购 200 台网关" }, Creator, Now.AddMinutes(5));
        Assert.Equal(70, o.Probability);
        Assert.Equal("采购 200 台网关", o.Summary);
        Assert.Equal(Creator, o.CreatedById);
        Assert.Equal(Now, o.CreatedAt);
    }

    [Fact]
    public void Edit_OnceAssigned_IsRefused()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        o.AssignTo(Assignee, Manager, Now);
        var e = Assert.Throws<DomainException>(() => o.Edit(Details(90), Creator, Now));
        Assert.Equal("Opportunity.NotEditable", e.Code);
        Assert.Equal(40, o.Probability);
    }

    [Fact]
    public void EnsureDeletableBy_Creator_WhileUnassigned_IsAllowed() =>
        Opportunity.Create(Details(), Creator, Now).EnsureDeletableBy(Creator);

    [Fact]
    public void EnsureDeletableBy_SomeoneElse_IsRefused() =>
        Assert.Equal("Opportunity.NotCreator", Assert.Throws<DomainException>(() => Opportunity.Create(Details(), Creator, Now).EnsureDeletableBy(Manager)).Code);

    [Fact]
    public void EnsureDeletableBy_CreatorOnceAssigned_IsRefused()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        o.AssignTo(Assignee, Manager, Now);
        Assert.Equal("Opportunity.NotDeletable", Assert.Throws<DomainException>(() => o.EnsureDeletableBy(Creator)).Code);
    }

    [Fact]
    public void AssignTo_SetsStatusAssigneeAndTime()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        o.AssignTo(Assignee, Manager, Now.AddHours(1));
        Assert.Equal(OpportunityStatus.Assigned, o.Status);
        Assert.Equal(Assignee, o.AssignedToId);
        Assert.Equal(Manager, o.AssignedById);
        Assert.Equal(Now.AddHours(1), o.AssignedAt);
        Assert.Equal(OpportunityHistoryKind.Assigned, o.History[^1].Kind);
    }

    [Fact]
    public void AssignTo_WhileAssigned_Reassigns_ButNotToTheSamePerson()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        o.AssignTo(Assignee, Manager, Now);
        Assert.Equal("Opportunity.AlreadyAssignedToSame", Assert.Throws<DomainException>(() => o.AssignTo(Assignee, Manager, Now)).Code);
        o.AssignTo("am-3", Manager, Now.AddHours(1));
        Assert.Equal("am-3", o.AssignedToId);
        Assert.Equal(OpportunityHistoryKind.Reassigned, o.History[^1].Kind);
    }

    [Fact]
    public void AssignTo_OnceDevelopmentStarted_IsRefused() =>
        Assert.Equal("Opportunity.NotAssignable", Assert.Throws<DomainException>(() => Developing().AssignTo("am-3", Manager, Now)).Code);

    [Fact]
    public void Unassign_OnceDevelopmentStarted_IsRefused() =>
        Assert.Equal("Opportunity.NotUnassignable", Assert.Throws<DomainException>(() => Developing().Unassign(Manager, Now)).Code);

    [Fact]
    public void Unassign_WhileAssigned_ReturnsToUnassigned()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        o.AssignTo(Assignee, Manager, Now);
        o.Unassign(Manager, Now);
        Assert.Equal(OpportunityStatus.Unassigned, o.Status);
        Assert.Null(o.AssignedToId);
        Assert.Null(o.AssignedAt);
    }

    [Fact]
    public void StartDevelopment_WithoutPlan_IsRefused()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        o.AssignTo(Assignee, Manager, Now);
        Assert.Equal("Opportunity.NoPlan", Assert.Throws<DomainException>(() => o.StartDevelopment(Assignee, Now)).Code);
    }

    [Fact]
    public void PlanSteps_OnlyTheAssigneeWritesThem_InOrder()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        o.AssignTo(Assignee, Manager, Now);
        Assert.Equal("Opportunity.NotAssignee", Assert.Throws<DomainException>(() => o.AddPlanStep(new DateOnly(2026, 12, 1), "电话", Manager, Now)).Code);
        o.AddPlanStep(new DateOnly(2026, 12, 1), "电话沟通", Assignee, Now);
        o.AddPlanStep(new DateOnly(2026, 12, 8), "上门拜访", Assignee, Now);
        Assert.Equal([1, 2], o.PlanSteps.Select(s => s.Sequence));
    }

    [Fact]
    public void RecordStepResult_ThenEditingThatStep_IsRefused()
    {
        var o = Developing();
        o.RecordStepResult(1, "客户有意向", Assignee, Now.AddDays(1));
        Assert.Equal("客户有意向", o.PlanSteps[0].Result);
        Assert.Equal("Opportunity.StepDone", Assert.Throws<DomainException>(() => o.EditPlanStep(1, new DateOnly(2026, 12, 2), "改期", Assignee, Now)).Code);
    }

    [Fact]
    public void RecordStepResult_UnknownStep_IsRefused() =>
        Assert.Equal("Opportunity.StepNotFound", Assert.Throws<DomainException>(() => Developing().RecordStepResult(9, "x", Assignee, Now)).Code);

    [Fact]
    public void MarkWon_InDevelopment_ClosesAndLinksTheCustomer()
    {
        var o = Developing();
        o.MarkWon(42, Assignee, Now.AddDays(10));
        Assert.Equal(OpportunityStatus.Won, o.Status);
        Assert.Equal(42, o.CustomerId);
        Assert.Equal(Now.AddDays(10), o.ClosedAt);
        Assert.False(o.IsOpen);
    }

    [Fact]
    public void MarkWon_BeforeDevelopment_IsRefused()
    {
        var o = Opportunity.Create(Details(), Creator, Now);
        o.AssignTo(Assignee, Manager, Now);
        Assert.Equal("Opportunity.NotDeveloping", Assert.Throws<DomainException>(() => o.MarkWon(1, Assignee, Now)).Code);
    }

    [Fact]
    public void MarkLost_NeedsAReason_AndKeepsThePlan()
    {
        var o = Developing();
        Assert.Equal("Validation.Required", Assert.Throws<DomainException>(() => o.MarkLost(" ", Assignee, Now)).Code);
        o.MarkLost("选择了竞争对手", Assignee, Now);
        Assert.Equal(OpportunityStatus.Lost, o.Status);
        Assert.Single(o.PlanSteps);
    }

    [Fact]
    public void ReturnToPool_ThenClaim_GivesTheLeadToTheClaimer()
    {
        var o = Opportunity.Create(Details(), Creator, Now, "webform");
        o.AssignTo(Assignee, Manager, Now);
        o.ReturnToPool(Now.AddDays(30));
        Assert.True(o.InPool);
        Assert.Null(o.AssignedToId);
        o.Claim("am-9", Now.AddDays(31));
        Assert.False(o.InPool);
        Assert.Equal("am-9", o.AssignedToId);
        Assert.Equal(OpportunityStatus.Assigned, o.Status);
        Assert.Equal("Opportunity.NotInPool", Assert.Throws<DomainException>(() => o.Claim("am-8", Now)).Code);
    }

    [Fact]
    public void WeightedAmount_IsAmountTimesProbability() =>
        Assert.Equal(40_000m, Opportunity.Create(Details(40), Creator, Now).WeightedAmount);
}
