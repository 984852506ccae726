using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Tests.Domain;

public sealed class LifecycleDecisionTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 22); // a Sunday
    private static readonly StageThresholds T = new();
    private static readonly SignalWindows W = new(AsOf, T);

    private static CustomerState State(LifecycleStage stage, string reasons = "[]", CustomerStatus status = CustomerStatus.Active,
        string? owner = "am1", DateOnly? entered = null, int orders = 0, DateOnly? last = null, decimal total = 0) =>
        new(7, "客户", owner, status, stage, (entered ?? AsOf.AddDays(-40)).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), reasons,
            last, last, orders, total, null, 3);

    private static OrderAggregate Orders(params (int DaysAgo, decimal Amount)[] orders)
    {
        var o = new OrderAggregate();
        foreach (var (days, amount) in orders) o.Add(AsOf.AddDays(-days), amount, W);
        return o;
    }

    private static StageClassification Classified(LifecycleStage stage) => new(stage, [StageReason.Of("New.FirstOrder", 5)]);

    [Fact]
    public void Decide_StageChange_CancelsTheOldFollowUpAndPlansTheNewStagesAtOnce()
    {
        var o = Orders((5, 100m));
        var c = State(LifecycleStage.Prospect);
        var task = new OpenCadenceTask(11, "am1", LifecycleStage.Prospect, AsOf.AddDays(3));
        var d = LifecycleDecision.Decide(c, Classified(LifecycleStage.New), o, task, false, CadenceKind.Weekly, W, T);
        Assert.True(d.StageChanged);
        Assert.True(d.RowChanged);
        Assert.Equal(11, d.CancelTaskId);
        Assert.Equal(new PlannedTask("am1", LifecycleStage.New, AsOf), d.NewTask);
        Assert.Null(d.RaiseChurn);
    }

    [Fact]
    public void Decide_SameStageSameFiguresAndOpenTask_WritesNothing()
    {
        var o = Orders((5, 100m));
        var result = Classified(LifecycleStage.New);
        var c = State(LifecycleStage.New, result.Serialized, orders: 1, last: AsOf.AddDays(-5), total: 100m);
        var task = new OpenCadenceTask(11, "am1", LifecycleStage.New, AsOf.AddDays(3));
        var d = LifecycleDecision.Decide(c, result, o, task, false, CadenceKind.Weekly, W, T);
        Assert.True(d.Nothing);
    }

    [Fact]
    public void Decide_MissingFollowUp_IsPlannedOneCadenceStepAfterTheStageWasEntered_NotBeforeToday()
    {
        var result = Classified(LifecycleStage.Growing);
        var recent = State(LifecycleStage.Growing, result.Serialized, entered: AsOf.AddDays(-10));
        Assert.Equal(AsOf.AddDays(-10).AddMonths(1), LifecycleDecision.Decide(recent, result, default, null, false, CadenceKind.Monthly, W, T).NewTask!.DueDate);
        var old = State(LifecycleStage.Growing, result.Serialized, entered: AsOf.AddDays(-100));
        Assert.Equal(AsOf, LifecycleDecision.Decide(old, result, default, null, false, CadenceKind.Monthly, W, T).NewTask!.DueDate);
    }

    [Fact]
    public void Decide_NewOwner_TakesOverTheFollowUpOnItsDueDate()
    {
        var result = Classified(LifecycleStage.Growing);
        var c = State(LifecycleStage.Growing, result.Serialized, owner: "am2");
        var task = new OpenCadenceTask(11, "am1", LifecycleStage.Growing, AsOf.AddDays(9));
        var d = LifecycleDecision.Decide(c, result, default, task, false, CadenceKind.Monthly, W, T);
        Assert.Equal(11, d.CancelTaskId);
        Assert.Equal(new PlannedTask("am2", LifecycleStage.Growing, AsOf.AddDays(9)), d.NewTask);
    }

    [Theory]
    [InlineData(CustomerStatus.Inactive, "am1")]
    [InlineData(CustomerStatus.Lost, "am1")]
    [InlineData(CustomerStatus.Active, null)]
    public void Decide_InactiveLostOrUnowned_HasNoOpenFollowUpAndNoNewWarning(CustomerStatus status, string? owner)
    {
        var c = State(LifecycleStage.Growing, status: status, owner: owner);
        var task = new OpenCadenceTask(11, "am1", LifecycleStage.Growing, AsOf);
        var d = LifecycleDecision.Decide(c, Classified(LifecycleStage.Declining), Orders((70, 10m)), task, false, CadenceKind.TwiceWeekly, W, T);
        Assert.Equal(11, d.CancelTaskId);
        Assert.Null(d.NewTask);
        Assert.Equal(status == CustomerStatus.Active ? ChurnTrigger.Declining : null, d.RaiseChurn);
    }

    [Theory]
    [InlineData(LifecycleStage.Declining, ChurnTrigger.Declining)]
    [InlineData(LifecycleStage.Churned, ChurnTrigger.Churned)]
    public void Decide_NewlyDecliningOrChurned_RaisesAWarning_UnlessOneIsOpen(LifecycleStage stage, ChurnTrigger trigger)
    {
        var c = State(LifecycleStage.Growing);
        Assert.Equal(trigger, LifecycleDecision.Decide(c, Classified(stage), Orders((70, 10m)), null, false, CadenceKind.Monthly, W, T).RaiseChurn);
        Assert.Null(LifecycleDecision.Decide(c, Classified(stage), Orders((70, 10m)), null, true, CadenceKind.Monthly, W, T).RaiseChurn);
    }

    [Fact]
    public void Decide_NoOrderForSixMonths_RaisesAWarningEvenWithoutAStageChange()
    {
        var result = Classified(LifecycleStage.Churned);
        var c = State(LifecycleStage.Churned, result.Serialized);
        // 6 months before 2026-11-22 is 2026-05-22: an order on that day is not yet "no order for 6 months"
        Assert.Null(LifecycleDecision.Decide(c, result, Orders((AsOf.DayNumber - new DateOnly(2026, 5, 22).DayNumber, 10m)), null, false, CadenceKind.Monthly, W, T).RaiseChurn);
        Assert.Equal(ChurnTrigger.NoOrders,
            LifecycleDecision.Decide(c, result, Orders((AsOf.DayNumber - new DateOnly(2026, 5, 21).DayNumber, 10m)), null, false, CadenceKind.Monthly, W, T).RaiseChurn);
    }

    [Fact]
    public void Decide_OpenWarning_ResolvesWhenTheCustomerRecovers()
    {
        var recovered = LifecycleDecision.Decide(State(LifecycleStage.Declining), Classified(LifecycleStage.Growing), Orders((2, 10m), (40, 10m)), null, true, CadenceKind.Monthly, W, T);
        Assert.True(recovered.ResolveChurn);
        var still = LifecycleDecision.Decide(State(LifecycleStage.Declining), Classified(LifecycleStage.Churned), Orders((100, 10m)), null, true, CadenceKind.Monthly, W, T);
        Assert.False(still.ResolveChurn);
    }
}
