using CrmBlazor.Data.Access;
using CrmBlazor.Data.Customers;
using CrmBlazor.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class CustomerTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AccountManager_CreatesACustomerWithAWrongPhone_ReadsTheError_FixesIt_AndAddsAnInteraction()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, "am3@crm.demo");
        await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/customers");
        await Expect(page.Locator("[data-testid=customer-grid] .rz-pager-summary")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000); // the grid's first load means the circuit is interactive
        await page.ClickAsync("[data-testid=customer-new]");
        var name = page.Locator("input[data-testid=f-name]");
        await Expect(name).ToBeFocusedAsync();
        var customer = "浙江端到端测试有限公司 " + Guid.NewGuid().ToString("N")[..6];
        await name.FillAsync(customer);
        await page.FillAsync("input[data-testid=f-phone]", "电话号码");
        await page.FillAsync("input[data-testid=f-contact-name]", "周芳");
        await page.FillAsync("input[data-testid=f-contact-mobile]", "13955556666");
        await page.ClickAsync("[data-testid=customer-save]");
        await Expect(page.Locator("[data-testid=customer-form-error]")).ToHaveTextAsync("电话不是有效的电话号码。");
        var none = await (await Fx.AsUserAsync<CustomerService>("am3@crm.demo")).ListAsync(new CustomerQuery { Text = customer });
        Assert.Equal(0, none.Total);

        await page.FillAsync("input[data-testid=f-phone]", "0571-88776655");
        await page.ClickAsync("[data-testid=customer-save]");
        await page.WaitForURLAsync(url => url.Contains("/customers/", StringComparison.Ordinal));
        await Expect(page.Locator("h1")).ToHaveTextAsync(customer);
        await Expect(page.Locator("[data-testid=customer-owner]")).ToHaveTextAsync("陈静");
        await Expect(page.Locator("[data-testid=primary-contact]")).ToContainTextAsync("周芳 · 139****6666");

        await page.GetByRole(AriaRole.Tab, new() { Name = "交往记录" }).ClickAsync();
        await page.ClickAsync("[data-testid=interaction-add]");
        var summary = page.Locator("input[data-testid=i-summary]");
        await Expect(page.Locator("[data-testid=i-date] input[name=Date]")).ToBeFocusedAsync();
        await summary.FillAsync("首次上门拜访");
        await page.FillAsync("input[data-testid=i-place]", "杭州滨江");
        await page.ClickAsync("[data-testid=interaction-save]");
        await Expect(page.Locator("[data-testid=interaction-grid]")).ToContainTextAsync("首次上门拜访");
        await Expect(page.Locator("[data-testid=customer-timeline]")).ToContainTextAsync("交往：首次上门拜访");
        var id = int.Parse(page.Url.Split('/').Last().Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
        var saved = await (await Fx.AsUserAsync<CustomerService>("am3@crm.demo")).ListInteractionsAsync(id, new());
        Assert.Equal("杭州滨江", Assert.Single(saved.Items).Place);
    }

    [Fact]
    public async Task CustomerWithOrders_CannotBeDeleted_IsMarkedInactiveInstead_AndReactivated()
    {
        Fx.RequireAvailable();
        var list = await (await Fx.AsUserAsync<CustomerService>("am4@crm.demo")).ListAsync(new CustomerQuery { SortBy = "OrderCount", Descending = true, Take = 1, Status = CustomerStatus.Active }); // active: another test may have confirmed the churn of the top one
        var target = Assert.Single(list.Items);
        Assert.True(target.OrderCount > 0);
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "am4@crm.demo");
        await page.GotoAsync($"/culture/set?culture=en-US&redirectUri=/customers/{target.Id}");
        await Expect(page.Locator("[data-testid=customer-timeline]")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await page.ClickAsync("[data-testid=customer-delete]");
        var dialog = page.Locator(".rz-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("This customer has orders and cannot be deleted; mark it inactive instead. Mark it inactive now?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mark inactive" }).ClickAsync();
        await Expect(page.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Inactive");
        await Expect(page.Locator("h1")).ToHaveTextAsync(target.Name); // still there

        // the list's CSV export, as the page's link asks for it: UTF-8 with BOM, only this account manager's customers
        var csv = await page.Context.APIRequest.GetAsync("/customers/export.csv?text=" + Uri.EscapeDataString(target.Number));
        Assert.Equal(200, csv.Status);
        var body = await csv.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, body[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(body[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(target.Number + ",", lines[1]);
        Assert.Contains(",am4@crm.demo,", lines[1]);

        await page.ClickAsync("[data-testid=customer-reactivate]");
        await Expect(page.Locator("[data-testid=customer-status]")).ToHaveCountAsync(0);
        var after = (await (await Fx.AsUserAsync<CustomerService>("am4@crm.demo")).GetAsync(target.Id)).Value!;
        Assert.Equal(CrmBlazor.Domain.Customers.CustomerStatus.Active, after.Status);
        Assert.Equal(target.OrderCount, after.OrderCount);
    }

    [Fact]
    public async Task Executive_GetsNoExportButton_AndTheExportAddressRefusesThem()
    {
        Fx.RequireAvailable();
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "exec@crm.demo");
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/customers");
        await Expect(page.Locator("[data-testid=customer-grid] a.crm-link").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=customer-export]")).ToHaveCountAsync(0);

        var csv = await page.Context.APIRequest.GetAsync("/customers/export.csv", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, csv.Status); // refused (to the access-denied page), no rows
        var body = await csv.BodyAsync();
        Assert.False(body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF, "no CSV was sent");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CustomerList_ShowsAStageChangeWithoutReload()
    {
        Fx.RequireAvailable();
        var owner = await Fx.UserIdAsync("am3@crm.demo");
        int id;
        string number;
        await using (var db = await Fx.App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CrmBlazor.Data.CrmDbContext>>().CreateSystemContextAsync())
        {
            var c = await db.Customers.Where(x => x.OwnerId == owner && x.Status == CrmBlazor.Domain.Customers.CustomerStatus.Active
                    && x.Stage != CrmBlazor.Domain.Lifecycle.LifecycleStage.Churned)
                .OrderByDescending(x => x.Id).Select(x => new { x.Id, x.Number }).FirstAsync();
            (id, number) = (c.Id, c.Number);
        }
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "manager@crm.demo");
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/customers");
        await Expect(page.Locator("[data-testid=customer-grid] a.crm-link").First).ToBeVisibleAsync();
        await page.FillAsync("[data-testid=customer-search]", number);
        var badge = page.Locator("[data-testid=customer-grid] .crm-stage");
        await Expect(badge).ToHaveCountAsync(1);
        await Expect(badge).Not.ToHaveAttributeAsync("data-stage", "churned");

        // the customer closes their account; the engine re-evaluates at once
        await using (var db = await Fx.App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CrmBlazor.Data.CrmDbContext>>().CreateSystemContextAsync())
        {
            db.BehaviourEvents.Add(CrmBlazor.Domain.Behaviour.BehaviourEvent.Create(null, id, DateTime.UtcNow.AddMinutes(-1),
                CrmBlazor.Domain.Behaviour.BehaviourEventType.AccountClosed, 0, null, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        await Fx.App.Services.GetRequiredService<CrmBlazor.Data.Lifecycle.LifecycleEvaluator>().EvaluateAsync([id]);

        await Expect(badge).ToHaveAttributeAsync("data-stage", "churned");
        await Expect(badge).ToHaveTextAsync("Churned");
        await page.Context.CloseAsync();
    }
}
