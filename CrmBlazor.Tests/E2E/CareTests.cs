using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Care;
using CrmBlazor.Data.Service;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>Care and service levels as users meet them: a revisit completed from the dashboard with a correction of the customer's data; an overdue ticket highlighted on the service analysis.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CareTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Owner = "am3@crm.demo";

    private Task<CrmDbContext> SystemDbAsync() =>
        Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync();

    private async Task<(int Id, string Name)> CustomerOfOwnerAsync()
    {
        var owner = await Fx.UserIdAsync(Owner);
        await using var db = await SystemDbAsync();
        var c = await db.Customers.Where(x => x.OwnerId == owner && x.Status == CustomerStatus.Active && x.Contacts.Any())
            .OrderBy(x => x.Id).Skip(Random.Shared.Next(0, 10)).Select(x => new { x.Id, x.Name }).FirstAsync();
        return (c.Id, c.Name);
    }

    [Fact]
    public async Task ARevisit_CompletedFromTheDashboard_RecordsSatisfaction_AndCorrectsTheCustomersData()
    {
        Fx.RequireAvailable();
        var (customerId, name) = await CustomerOfOwnerAsync();
        var owner = await Fx.UserIdAsync(Owner);
        int taskId;
        await using (var db = await SystemDbAsync())
        {
            // long overdue, so it is first in the overdue list
            var task = FollowUpTask.Create(customerId, owner, FollowUpKind.Revisit, null, CareScheduler.TicketTitle(1),
                DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-500), DateTime.UtcNow, 1);
            db.FollowUpTasks.Add(task);
            await db.SaveChangesAsync();
            taskId = task.Id;
        }
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, Owner);
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/");
        var row = page.Locator($"[data-testid=task-{taskId}]");
        await Expect(row).ToContainTextAsync(name);
        await Expect(row).ToContainTextAsync("Revisit");
        await Expect(page.Locator(".crm-kpis[data-live=on]")).ToHaveCountAsync(1);

        await page.ClickAsync($"[data-testid=complete-{taskId}]");
        await Expect(page.Locator("[data-testid=revisit-form]")).ToBeVisibleAsync();
        await Expect(page.Locator(".rz-dialog :focus")).ToHaveCountAsync(1);
        await page.ClickAsync("[data-testid=r-channel]");
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = "Phone" }).ClickAsync();
        await page.FillAsync("textarea[data-testid=r-content]", "Called back: the fix works; new switchboard number.");
        // no stars yet: the form says what is missing and saves nothing
        await page.ClickAsync("[data-testid=revisit-save]");
        await Expect(page.Locator("[data-testid=revisit-form]")).ToContainTextAsync("Satisfaction is required.");
        await page.Locator("[data-testid=r-satisfaction] .rz-rating-icon").Nth(4).ClickAsync(); // the first icon clears; the 4th star
        await page.FillAsync("[data-testid=r-phone]", "021-66668888");
        await page.FillAsync("[data-testid=r-contact-mobile]", "13655556666");
        await page.ClickAsync("[data-testid=revisit-save]");

        await Expect(page.Locator("[data-testid=revisit-form]")).ToHaveCountAsync(0);
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.Locator(".rz-notification-item").Last).ToContainTextAsync("Revisit recorded");
        await using (var db = await SystemDbAsync())
        {
            var task = await db.FollowUpTasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
            Assert.Equal((FollowUpStatus.Done, 4, "phone"), (task.Status, task.Satisfaction, task.ChannelCode));
            var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).SingleAsync(c => c.Id == customerId);
            Assert.Equal(("021-66668888", 4), (customer.Phone, customer.Satisfaction));
            Assert.Equal("13655556666", (customer.Contacts.FirstOrDefault(c => c.IsPrimary) ?? customer.Contacts[0]).Mobile);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOverdueTicket_AppearsHighlighted_OnTheManagersOpenServiceAnalysis_WhenTheReminderRuns()
    {
        Fx.RequireAvailable();
        var (customerId, _) = await CustomerOfOwnerAsync();
        var owner = await Fx.UserIdAsync(Owner);
        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, "manager@crm.demo");
        await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/reports/service");
        await Expect(page.Locator("[data-testid=due-tickets][data-live=on]")).ToHaveCountAsync(1);

        int lateId, freshId;
        await using (var db = await SystemDbAsync())
        {
            // urgent: due 4 hours after creation
            var late = ServiceTicket.Create("complaint", TicketPriority.Urgent, "E2E late complaint", customerId, "Still waiting", owner, DateTime.UtcNow.AddHours(-6));
            late.AssignTo(owner, owner, DateTime.UtcNow.AddHours(-5));
            var fresh = ServiceTicket.Create("consultation", TicketPriority.Low, "E2E fresh question", customerId, "Invoice", owner, DateTime.UtcNow);
            db.Tickets.AddRange(late, fresh);
            await db.SaveChangesAsync();
            (lateId, freshId) = (late.Id, fresh.Id);
        }
        await Fx.App.Services.GetRequiredService<TicketReminderService>().RemindOverdueAsync();
        var manager = await Fx.UserIdAsync("manager@crm.demo");
        await using (var db = await SystemDbAsync())
        {
            var reminded = await db.FollowUpTasks.Where(t => t.Kind == FollowUpKind.OverdueTicket && t.SourceId == lateId).Select(t => t.AssignedToId).ToListAsync();
            Assert.Equal(new[] { owner, manager }.Order(StringComparer.Ordinal), reminded.Order(StringComparer.Ordinal)); // the handler and their manager
        }

        var row = page.Locator($"[data-testid=due-{lateId}]");
        await Expect(row).ToHaveClassAsync("crm-row-overdue");
        await Expect(row.Locator("[data-testid=due-badge]")).ToContainTextAsync("已超时");
        await Expect(page.Locator($"[data-testid=due-{freshId}]")).ToHaveCountAsync(0); // 72 hours to go: not listed
        await Expect(page.Locator("[data-testid=measures-table]")).ToContainTextAsync("合计");

        // the measures table downloads as CSV (UTF-8 with BOM, the reader's language), and a group opens its tickets
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=csv-measures]"));
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("处理人,工单数,处理率", csv);
        Assert.Contains("合计,", csv);
        await page.Locator("[data-testid=measures-table] a", new() { HasText = "未分配" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/service?", StringComparison.Ordinal) && url.Contains("handler=none", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
