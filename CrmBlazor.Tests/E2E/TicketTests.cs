using CrmBlazor.Data.Service;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>Service tickets in two browsers: the board assigns, the handler's open dashboard shows it, the flow runs to a read-only archive.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TicketTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task ManagerDragsATicketOntoAHandler_TheHandlersOpenDashboardShowsIt_ThenHandleFeedbackArchive()
    {
        Fx.RequireAvailable();
        var creator = await Fx.AsUserAsync<TicketService>("service@crm.demo");
        var customer = (await creator.CustomerChoicesAsync(null))[0];
        var summary = "拖拽工单 " + Guid.NewGuid().ToString("N")[..6];
        var id = await creator.CreateAsync(new TicketInput("consultation", TicketPriority.Normal, summary, customer.Id, "客户询问网关固件升级方法。"));
        var am1 = await Fx.UserIdAsync("am1@crm.demo");

        var handler = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(handler, "am1@crm.demo");
        await handler.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/");
        await Expect(handler.Locator("[data-testid=my-tickets][data-live=on]")).ToBeVisibleAsync();
        await Expect(handler.Locator(".crm-kpis[data-live=on]")).ToBeVisibleAsync();
        var assignedBefore = await CountAsync(handler, TicketStatus.Assigned);

        var manager = await Fx.NewPageAsync("en-US");
        // a supervisor's wide screen: every handler's column in view (a drag cannot scroll the board sideways)
        await manager.SetViewportSizeAsync(1920, 1000);
        await BrowserFixture.SignInAsync(manager, "manager@crm.demo");
        await manager.GotoAsync("/culture/set?culture=en-US&redirectUri=/service/board");
        await Expect(manager.Locator("[data-testid=ticket-board][data-live=on]")).ToBeVisibleAsync();
        var card = manager.Locator($"[data-testid=column-unassigned] [data-testid=card-{id}]");
        await Expect(card).ToBeVisibleAsync();
        await card.DragToAsync(manager.Locator($"[data-testid=column-{am1}]"));
        await Expect(manager.Locator($"[data-testid=column-{am1}] [data-testid=card-{id}]")).ToBeVisibleAsync();

        // the handler's dashboard, untouched since it opened: the entry, a toast, and the chart
        var entry = handler.Locator($"[data-testid=my-ticket-{id}]");
        await Expect(entry).ToBeVisibleAsync();
        await Expect(entry).ToContainTextAsync(summary);
        await Expect(handler.Locator(".rz-notification-item")).ToContainTextAsync("有新的服务工单分配给您");
        await Expect(handler.Locator($"[data-testid=ticket-counts] [data-status={TicketStatus.Assigned}] strong"))
            .ToHaveTextAsync((assignedBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        // the handler handles it
        await entry.Locator("a").First.ClickAsync();
        await Expect(handler.Locator("[data-testid=ticket-page][data-live=on]")).ToBeVisibleAsync();
        await Expect(handler.Locator("[data-testid=ticket-status]")).ToHaveTextAsync("已分配");
        await HandleAsync(handler, "已远程指导客户升级固件。");

        // feedback of 2 stars sends it back to the handler, whose open page offers handling again
        await manager.GotoAsync($"/service/tickets/{id}");
        await Expect(manager.Locator("[data-testid=ticket-page][data-live=on]")).ToBeVisibleAsync();
        await FeedbackAsync(manager, 2, "客户表示仍无法升级");
        await Expect(manager.Locator("[data-testid=ticket-status]")).ToHaveTextAsync("Assigned");
        await Expect(manager.Locator("[data-testid=ticket-rehandles]")).ToHaveTextAsync("1");
        await Expect(handler.Locator("[data-testid=ticket-status]")).ToHaveTextAsync("已分配");
        await HandleAsync(handler, "上门协助完成升级。");

        // feedback of 5 closes it; archived, it is read-only
        await FeedbackAsync(manager, 5, "已解决，客户满意");
        await Expect(manager.Locator("[data-testid=ticket-status]")).ToHaveTextAsync("Feedback given");
        await manager.ClickAsync("[data-testid=ticket-archive]");
        await manager.Locator(".rz-dialog button:has-text('Archive')").ClickAsync();
        await Expect(manager.Locator("[data-testid=ticket-readonly]")).ToBeVisibleAsync();
        await Expect(manager.Locator("[data-testid=ticket-status]")).ToHaveTextAsync("Archived");
        await Expect(manager.Locator("[data-testid=ticket-edit], [data-testid=ticket-assign], [data-testid=ticket-handle], [data-testid=ticket-feedback], [data-testid=ticket-archive]")).ToHaveCountAsync(0);
        await Expect(handler.Locator("[data-testid=ticket-status]")).ToHaveTextAsync("已归档");
        var service = await Fx.AsUserAsync<TicketService>("manager@crm.demo");
        var archived = (await service.GetAsync(id)).Value!.Row;
        var refused = await Assert.ThrowsAsync<DomainException>(() => service.EditAsync(id, archived.Version, new TicketInput("other", TicketPriority.High, "改", customer.Id, "改")));
        Assert.Equal("Ticket.NotEditable", refused.Code);
        Assert.Equal((TicketStatus.Archived, 5, 1), (archived.Status, archived.Satisfaction, archived.RehandleCount));
    }

    [Fact]
    public async Task NewComplaint_TheCustomersOwnerSeesItAtOnce()
    {
        Fx.RequireAvailable();
        var owner = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(owner, "am2@crm.demo");
        await owner.GotoAsync("/culture/set?culture=en-US&redirectUri=/");
        await Expect(owner.Locator("[data-testid=my-tickets][data-live=on]")).ToBeVisibleAsync();

        var customer = (await (await Fx.AsUserAsync<TicketService>("am2@crm.demo")).CustomerChoicesAsync(null))[0];
        var summary = "Complaint " + Guid.NewGuid().ToString("N")[..6];
        var id = await (await Fx.AsUserAsync<TicketService>("service@crm.demo"))
            .CreateAsync(new TicketInput(ServiceTicket.ComplaintType, TicketPriority.Urgent, summary, customer.Id, "Devices keep going offline."));

        await Expect(owner.Locator($"[data-testid=complaint-{id}]")).ToContainTextAsync(summary);
        await Expect(owner.Locator(".rz-notification-item")).ToContainTextAsync("New complaint about your customer");
    }

    [Fact]
    public async Task ExportCsv_HasABom_OnlyTheCallersTickets_IsAudited_AndABadFilterIsExplained()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, "am3@crm.demo");
        await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/service");
        var response = await page.APIRequest.GetAsync("/service/export.csv?status=Archived");
        Assert.Equal(200, response.Status);
        var body = await response.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, body[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(body[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', TicketCsvExport.Columns), lines[0]);
        var visible = await (await Fx.AsUserAsync<TicketService>("am3@crm.demo")).ListAsync(new TicketQuery { Status = TicketStatus.Archived, Take = 1 });
        Assert.Equal(visible.Total, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",Archived,", l));

        var bad = await page.APIRequest.GetAsync("/service/export.csv?stars=9");
        Assert.Equal(400, bad.Status);
        Assert.Contains("导出筛选条件无效", await bad.TextAsync());

        await using var db = await CrmBlazor.Data.Access.SystemContext.CreateSystemContextAsync(Fx.App.Services.GetRequiredService<IDbContextFactory<CrmBlazor.Data.CrmDbContext>>());
        var am3 = await Fx.UserIdAsync("am3@crm.demo");
        Assert.True(await db.AuditEntries.CountAsync(a => a.UserId == am3 && a.Action == CrmBlazor.Domain.Audit.AuditAction.Export && a.EntityType == nameof(ServiceTicket)) >= 2);
    }

    private static async Task HandleAsync(IPage page, string handling)
    {
        await Expect(page.Locator("[data-testid=ticket-handle]")).ToBeVisibleAsync();
        await page.FillAsync("[data-testid=ticket-handling]", handling);
        await page.ClickAsync("[data-testid=ticket-handle-button]");
        await Expect(page.Locator("[data-testid=ticket-status]")).ToHaveTextAsync("已处理");
    }

    private static async Task FeedbackAsync(IPage page, int stars, string result)
    {
        await Expect(page.Locator("[data-testid=ticket-feedback]")).ToBeVisibleAsync();
        await page.ClickAsync($"[data-testid=ticket-rating] button[aria-posinset='{stars}']");
        await page.FillAsync("[data-testid=ticket-result]", result);
        await page.ClickAsync("[data-testid=ticket-feedback-button]");
    }

    private static async Task<int> CountAsync(IPage page, TicketStatus status)
    {
        var cell = page.Locator($"[data-testid=ticket-counts] [data-status={status}] strong");
        return await cell.CountAsync() == 0 ? 0 : int.Parse(await cell.InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
    }
}
