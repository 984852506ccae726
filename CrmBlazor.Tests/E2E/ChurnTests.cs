using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Churn;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>Churn warnings and follow-ups as the account manager meets them: live on the dashboard, acted on from the churn page, completed from the dashboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChurnTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Owner = "am4@crm.demo";

    private Task<CrmDbContext> SystemDbAsync() =>
        Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync();

    /// <summary>One of the owner's customers without an active warning (each test takes its own).</summary>
    private async Task<(int Id, string Name)> CustomerWithoutWarningAsync(bool notYetDecliningOrChurned = false)
    {
        var owner = await Fx.UserIdAsync(Owner);
        await using var db = await SystemDbAsync();
        var busy = db.ChurnCases.Where(c => c.Status == ChurnCaseStatus.Open || c.Status == ChurnCaseStatus.Postponed).Select(c => c.CustomerId);
        var customers = db.Customers.Where(x => x.OwnerId == owner && x.Status == CustomerStatus.Active && !busy.Contains(x.Id));
        if (notYetDecliningOrChurned) customers = customers.Where(x => x.Stage != LifecycleStage.Declining && x.Stage != LifecycleStage.Churned);
        var c = await customers
            .OrderBy(x => x.Id).Skip(Random.Shared.Next(0, 5)).Select(x => new { x.Id, x.Name }).FirstAsync();
        return (c.Id, c.Name);
    }

    /// <summary>What the lifecycle engine does when a customer crosses the warning rule: the case, committed, then the event.</summary>
    private async Task<int> RaiseWarningAsync(int customerId, string customerName)
    {
        var owner = await Fx.UserIdAsync(Owner);
        int id;
        await using (var db = await SystemDbAsync())
        {
            var churn = ChurnCase.Raise(customerId, ChurnTrigger.NoOrders, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-7), DateTime.UtcNow);
            db.ChurnCases.Add(churn);
            await db.SaveChangesAsync();
            id = churn.Id;
        }
        await Fx.App.Services.GetRequiredService<CrmEventHub>().PublishAsync(new ChurnWarningChanged(id, customerId, customerName, owner, ChurnWarningChange.Raised, DateTime.UtcNow));
        return id;
    }

    [Fact]
    public async Task AChurnWarningForTheOwnersCustomer_AppearsOnTheirOpenDashboard_WithoutReload_WithTheStageChange()
    {
        Fx.RequireAvailable();
        var (customerId, name) = await CustomerWithoutWarningAsync(notYetDecliningOrChurned: true);
        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, Owner);
        await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/");
        await Expect(page.Locator("[data-testid=churn-card]")).ToBeVisibleAsync();
        await Expect(page.Locator(".crm-kpis[data-live=on]")).ToHaveCountAsync(1); // subscribed to pushed changes
        var kpiBefore = await page.Locator("[data-testid=kpi-churn] .crm-kpi-value").InnerTextAsync();

        // the customer closes their account: the engine classifies them churned and raises the warning
        await using (var db = await SystemDbAsync())
        {
            db.BehaviourEvents.Add(BehaviourEvent.Create(null, customerId, DateTime.UtcNow.AddMinutes(-1), BehaviourEventType.AccountClosed, 0, null, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        var summary = await Fx.App.Services.GetRequiredService<LifecycleEvaluator>().EvaluateAsync([customerId]);
        Assert.Equal(1, summary.WarningsRaised);
        int caseId;
        await using (var db = await SystemDbAsync())
            caseId = await db.ChurnCases.Where(c => c.CustomerId == customerId && c.Status == ChurnCaseStatus.Open).Select(c => c.Id).SingleAsync();

        var entry = page.Locator($"[data-testid=churn-{caseId}]");
        await Expect(entry).ToBeVisibleAsync();
        await Expect(entry).ToContainTextAsync(name);
        await Expect(entry).ToContainTextAsync("转为流失客户");
        await Expect(entry).ToContainTextAsync("待处理");
        await Expect(page.Locator(".rz-notification-item", new() { HasText = "新的客户流失预警" })).ToBeVisibleAsync();
        // the stage change itself is pushed too, with its explanation
        var stageToast = page.Locator(".rz-notification-item", new() { HasText = "客户进入「流失客户」阶段" });
        await Expect(stageToast).ToBeVisibleAsync();
        await Expect(stageToast).ToContainTextAsync(name);
        await Expect(stageToast).ToContainTextAsync("账户已注销");
        await Expect(page.Locator("[data-testid=kpi-churn] .crm-kpi-value")).Not.ToHaveTextAsync(kpiBefore);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheOwnerPostponesWithMeasures_ThenConfirmsWithAReason_TheHistoryShowsBoth()
    {
        Fx.RequireAvailable();
        var (customerId, name) = await CustomerWithoutWarningAsync();
        var caseId = await RaiseWarningAsync(customerId, name);
        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, Owner);
        await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/churn");
        var open = page.Locator($"[data-testid=churn-open-{caseId}]");
        await Expect(open).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=churn-status-{caseId}]")).ToHaveTextAsync("待处理");
        await open.ClickAsync();
        await Expect(page.Locator(".rz-dialog :focus")).ToHaveCountAsync(1); // Radzen's autofocus has happened

        await page.FillAsync("textarea[data-testid=f-measures]", "电话回访，提供九折续约优惠");
        await page.ClickAsync("[data-testid=postpone-save]");
        var history = page.Locator("[data-testid=churn-history] li");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history.First).ToContainTextAsync("电话回访，提供九折续约优惠");
        await Expect(page.Locator("[data-testid=churn-case-status]")).ToHaveTextAsync("暂缓流失");

        await page.ClickAsync("[data-testid=churn-mode-confirm]");
        await page.ClickAsync("[data-testid=confirm-save]");
        await Expect(page.Locator("[data-testid=confirm-form]")).ToContainTextAsync("请填写流失原因。");
        await Expect(history).ToHaveCountAsync(1); // nothing saved
        await page.ClickAsync("[data-testid=f-reason]");
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = "转向竞争对手" }).ClickAsync();
        await page.FillAsync("textarea[data-testid=f-note]", "已与竞争对手签约");
        await page.ClickAsync("[data-testid=confirm-save]");

        await Expect(page.Locator("[data-testid=churn-case-status]")).ToHaveTextAsync("确定流失");
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.Nth(0)).ToContainTextAsync("转向竞争对手");
        await Expect(history.Nth(0)).ToContainTextAsync("已与竞争对手签约");
        await Expect(history.Nth(1)).ToContainTextAsync("电话回访，提供九折续约优惠");
        await Expect(page.Locator("[data-testid=confirm-form]")).ToHaveCountAsync(0); // closed: no more actions

        var detail = (await (await Fx.AsUserAsync<ChurnService>(Owner)).GetAsync(caseId)).Value!;
        Assert.Equal((ChurnCaseStatus.Confirmed, "competitor"), (detail.Row.Status, detail.Row.ConfirmedReasonCode));
        await using var db = await SystemDbAsync();
        Assert.Equal(CustomerStatus.Lost, await db.Customers.Where(c => c.Id == customerId).Select(c => c.Status).SingleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CompletingAFollowUpFromTheDashboard_AFutureContactDateIsRefusedWithTheReason_ThenTodaySaves()
    {
        Fx.RequireAvailable();
        var (customerId, name) = await CustomerWithoutWarningAsync();
        var owner = await Fx.UserIdAsync(Owner);
        int taskId;
        await using (var db = await SystemDbAsync())
        {
            // the customer's plan so far is set aside (as a stage change would), so completing plans a new one
            foreach (var open in await db.FollowUpTasks.Where(t => t.CustomerId == customerId && t.Status == FollowUpStatus.Open).ToListAsync()) open.Cancel();
            // long overdue, so it is first in the overdue list
            var task = FollowUpTask.Create(customerId, owner, FollowUpKind.FollowUp, LifecycleStage.Growing, FollowUpPlanner.CadenceTitle(LifecycleStage.Growing),
                DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-400), DateTime.UtcNow);
            db.FollowUpTasks.Add(task);
            await db.SaveChangesAsync();
            taskId = task.Id;
        }
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, Owner);
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/");
        var row = page.Locator($"[data-testid=task-{taskId}]");
        await Expect(row).ToContainTextAsync(name);
        await Expect(row).ToContainTextAsync("Growing follow-up");
        await Expect(page.Locator(".crm-kpis[data-live=on]")).ToHaveCountAsync(1);
        await page.ClickAsync($"[data-testid=complete-{taskId}]");
        var date = page.Locator("[data-testid=f-contact-date] input").First; // the text field (the calendar popup has inputs of its own)
        await Expect(page.Locator(".rz-dialog :focus")).ToHaveCountAsync(1);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await date.FillAsync(today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await date.PressAsync("Tab");
        await page.ClickAsync("[data-testid=f-channel]");
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = "Phone" }).ClickAsync();
        await page.FillAsync("textarea[data-testid=f-content]", "Called about the renewal; they will decide next week.");
        await page.ClickAsync("[data-testid=followup-save]");
        await Expect(page.Locator("[data-testid=followup-form-error]")).ToHaveTextAsync("The contact date cannot be in the future.");
        await using (var db = await SystemDbAsync())
            Assert.Equal(FollowUpStatus.Open, await db.FollowUpTasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync());

        await date.FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await date.PressAsync("Tab");
        await page.ClickAsync("[data-testid=followup-save]");
        await Expect(page.Locator("[data-testid=followup-form]")).ToHaveCountAsync(0);
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.Locator(".rz-notification-item").Last).ToContainTextAsync("Follow-up recorded");

        await using (var db = await SystemDbAsync())
        {
            var tasks = await db.FollowUpTasks.Where(t => t.CustomerId == customerId).ToListAsync();
            var done = tasks.Single(t => t.Id == taskId);
            Assert.Equal((FollowUpStatus.Done, today, "phone"), (done.Status, done.ContactDate, done.ChannelCode));
            var next = Assert.Single(tasks, t => t.Status == FollowUpStatus.Open);
            Assert.Equal((FollowUpKind.FollowUp, owner), (next.Kind, next.AssignedToId));
            Assert.True(next.DueDate > today, $"the next follow-up is planned after today, not on {next.DueDate}");
        }
        await page.Context.CloseAsync();
    }
}
