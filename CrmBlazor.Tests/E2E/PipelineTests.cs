using CrmBlazor.Data.Opportunities;
using CrmBlazor.Domain.Opportunities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class PipelineTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static OpportunityDetails Details(string customer) => new()
    {
        SourceCode = "exhibition", CustomerName = customer, Probability = 40, Summary = "展会线索：智能网关", ContactName = "孙丽", ContactPhone = "13700001111",
        ExpectedAmount = 120_000m, RegionCode = "east", IndustryCode = "it",
    };

    [Fact]
    public async Task ManagerDragsACard_TheAssigneesOpenDashboardShowsItAtOnce_InChinese()
    {
        Fx.RequireAvailable();
        var customer = "拖拽测试 " + Guid.NewGuid().ToString("N")[..6];
        var id = await (await Fx.AsUserAsync<OpportunityService>("manager@crm.demo")).CreateAsync(Details(customer));
        var am1 = await Fx.UserIdAsync("am1@crm.demo");

        var assignee = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(assignee, "am1@crm.demo");
        await assignee.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/");
        await Expect(assignee.Locator("[data-testid=pipeline-counts]")).ToBeVisibleAsync();
        await assignee.WaitForTimeoutAsync(1500); // the circuit subscribes after its first render
        var assignedBefore = await CountAsync(assignee, OpportunityStatus.Assigned);

        // what the chart says at the instant the entry appears: both come in the same push
        await assignee.EvaluateAsync("""
            id => new MutationObserver((_, observer) => {
                if (!document.querySelector(`[data-testid=assignment-${id}]`)) return;
                window.__chartWithEntry = document.querySelector('[data-testid=pipeline-counts] [data-status=Assigned] strong')?.textContent ?? '0';
                observer.disconnect();
            }).observe(document.body, { childList: true, subtree: true })
            """, id);

        var manager = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(manager, "manager@crm.demo");
        await manager.GotoAsync("/culture/set?culture=en-US&redirectUri=/opportunities/board");
        var card = manager.Locator($"[data-testid=card-{id}]");
        await Expect(card).ToBeVisibleAsync();
        await manager.WaitForTimeoutAsync(1000);
        await card.DragToAsync(manager.Locator($"[data-testid=column-{am1}]"));
        await Expect(manager.Locator($"[data-testid=column-{am1}] [data-testid=card-{id}]")).ToBeVisibleAsync();

        // the account manager's dashboard, untouched since it opened
        var entry = assignee.Locator($"[data-testid=assignment-{id}]");
        await Expect(entry).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(entry).ToContainTextAsync(customer);
        await Expect(entry).ToContainTextAsync("王志强 于");
        await Expect(assignee.Locator(".rz-notification-item")).ToContainTextAsync("有新的销售机会指派给您");
        // the chart moved with the entry (from the event, not a later re-read), and the re-read shortly after agrees
        var expected = (assignedBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, await assignee.EvaluateAsync<string>("() => window.__chartWithEntry"));
        await assignee.WaitForTimeoutAsync(1000);
        await Expect(assignee.Locator($"[data-testid=pipeline-counts] [data-status={OpportunityStatus.Assigned}] strong")).ToHaveTextAsync(expected);
        await Expect(assignee.Locator("[data-testid=nav-dashboard]")).ToContainTextAsync("工作台");

        // dragging back to Unassigned once development has started is refused with the reason
        var am = await Fx.AsUserAsync<OpportunityService>("am1@crm.demo");
        await am.AddPlanStepAsync(id, 1, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2), "上门拜访");
        await am.StartDevelopmentAsync(id, 2);
        await Expect(manager.Locator($"[data-testid=card-{id}]")).ToContainTextAsync("Developing");
        await manager.Locator($"[data-testid=card-{id}]").DragToAsync(manager.Locator("[data-testid=column-unassigned]"));
        await Expect(manager.Locator(".rz-notification-item").Last).ToContainTextAsync("cannot go back to unassigned");
        await Expect(manager.Locator($"[data-testid=column-{am1}] [data-testid=card-{id}]")).ToBeVisibleAsync();
        await assignee.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    private static async Task<int> CountAsync(IPage page, OpportunityStatus status)
    {
        var cell = page.Locator($"[data-testid=pipeline-counts] [data-status={status}] strong");
        return await cell.CountAsync() == 0 ? 0 : int.Parse(await cell.InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task CreateOpportunity_Probability150_IsRejectedWithAMessage_NothingSaved()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "am2@crm.demo");
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/opportunities");
        await Expect(page.Locator("[data-testid=opportunity-grid] .rz-pager-summary")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await page.ClickAsync("[data-testid=new-opportunity]");
        // Radzen focuses the dialog's first field half a second after it opens; typing before that
        // would lose keystrokes to it (on a slow machine, even after the first Save)
        var customerField = page.Locator("[data-testid=f-customer] input, input[data-testid=f-customer]");
        await Expect(customerField).ToBeFocusedAsync();
        var customer = "Prob150 " + Guid.NewGuid().ToString("N")[..6];
        await customerField.FillAsync(customer);
        await page.FillAsync("input[data-testid=f-summary]", "Gateway rollout");
        await page.ClickAsync("[data-testid=f-source]");
        await page.Locator(".rz-dropdown-item:visible").First.ClickAsync();
        await page.FillAsync("input[data-testid=f-probability]", "150");
        await page.FillAsync("input[data-testid=f-contact]", "Li Lei");
        await page.ClickAsync("[data-testid=opportunity-save]");
        await Expect(page.Locator("[data-testid=opportunity-form-error]")).ToHaveTextAsync("Probability must be between 0 and 100.");
        await page.FillAsync("input[data-testid=f-probability]", "abc");
        await page.ClickAsync("[data-testid=opportunity-save]");
        await Expect(page.Locator("[data-testid=opportunity-form-error]")).ToHaveTextAsync("Probability must be a whole number.");
        var list = await (await Fx.AsUserAsync<OpportunityService>("am2@crm.demo")).ListAsync(new OpportunityQuery { Text = customer });
        Assert.Equal(0, list.Total);

        await page.FillAsync("input[data-testid=f-probability]", "60");
        await page.ClickAsync("[data-testid=opportunity-save]");
        await Expect(page.Locator("[data-testid=opportunity-form]")).ToHaveCountAsync(0);
        Assert.Equal(1, (await (await Fx.AsUserAsync<OpportunityService>("am2@crm.demo")).ListAsync(new OpportunityQuery { Text = customer })).Total);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AccountManager_DeletingAnOpportunityTheyDidNotCreate_IsRefusedWithTheReason()
    {
        Fx.RequireAvailable();
        var service = await Fx.AsUserAsync<OpportunityService>("manager@crm.demo");
        var id = await service.CreateAsync(Details("删除测试 " + Guid.NewGuid().ToString("N")[..6]));
        await service.AssignAsync(id, 0, await Fx.UserIdAsync("am3@crm.demo"));
        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, "am3@crm.demo");
        await page.GotoAsync($"/culture/set?culture=zh-CN&redirectUri=/opportunities/{id}");
        await Expect(page.Locator("[data-testid=opportunity-status]")).ToHaveTextAsync("已指派");
        await page.WaitForTimeoutAsync(1000);
        await page.ClickAsync("[data-testid=delete]");
        await Expect(page.Locator(".rz-notification-item")).ToContainTextAsync("只有未分配的销售机会可以删除");
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.Found, (await service.GetAsync(id)).Status);
        await page.Context.CloseAsync();
    }
}
