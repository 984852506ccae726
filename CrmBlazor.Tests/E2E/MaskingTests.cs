using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Customers;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>Masking on the customer page (docs/decisions/012): customer service sees masks and no eye button; the owner reveals one field, audited.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MaskingTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task<int> CustomerAsync() =>
        await (await Fx.AsUserAsync<CustomerEditService>("am1@crm.demo")).CreateAsync(
            new CustomerDetails { Name = "脱敏测试 " + Guid.NewGuid().ToString("N")[..6], RegionCode = "east", IndustryCode = "it", Phone = "021-62345678", Address = "上海市浦东新区世纪大道100号" },
            new ContactDetails { Name = "周芳", Mobile = "13955556666", Email = "zhou@example.cn", IsPrimary = true });

    [Fact]
    public async Task CustomerService_SeesMaskedPhones_AndNoRevealButton()
    {
        Fx.RequireAvailable();
        var id = await CustomerAsync();
        var page = await Fx.NewPageAsync("zh-CN");
        await BrowserFixture.SignInAsync(page, "service@crm.demo");
        await page.GotoAsync($"/culture/set?culture=zh-CN&redirectUri=/customers/{id}");
        await Expect(page.Locator("[data-testid=customer-timeline]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=customer-phone-value]")).ToHaveTextAsync("021****5678");
        await Expect(page.Locator("[data-testid=primary-contact-phone-value]")).ToHaveTextAsync("139****6666");
        await Expect(page.Locator("[data-testid=contact-mobile-value]")).ToHaveTextAsync("139****6666");
        await Expect(page.Locator("[data-testid=contact-email-value]")).ToHaveTextAsync("z***@example.cn");
        await Expect(page.Locator("[data-testid$=-reveal]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=consent-withdraw], [data-testid=consent-give]")).ToHaveCountAsync(0);
        Assert.DoesNotContain("62345678", await page.ContentAsync());
        Assert.DoesNotContain("13955556666", await page.ContentAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Owner_RevealsOnePhone_ItIsAudited_AndWithdrawsConsentInOneClick()
    {
        Fx.RequireAvailable();
        var id = await CustomerAsync();
        var am1 = await Fx.UserIdAsync("am1@crm.demo");
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "am1@crm.demo");
        await page.GotoAsync($"/culture/set?culture=en-US&redirectUri=/customers/{id}");
        await Expect(page.Locator("[data-testid=customer-timeline]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=customer-phone-value]")).ToHaveTextAsync("021****5678");
        await page.WaitForTimeoutAsync(1000); // interactive after the first render

        await page.ClickAsync("[data-testid=customer-phone-reveal]");
        await Expect(page.Locator("[data-testid=customer-phone-value]")).ToHaveTextAsync("021-62345678");
        await Expect(page.Locator("[data-testid=customer-phone-reveal]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=contact-mobile-value]")).ToHaveTextAsync("139****6666"); // the other fields stay masked

        await using (var db = await Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync())
        {
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == AuditAction.Reveal && a.EntityType == "Customer" && a.EntityId == id.ToString());
            Assert.Equal(am1, entry.UserId);
            Assert.Contains("Phone", entry.Changes);
            Assert.DoesNotContain("62345678", entry.Changes);
        }

        // consent: record it (how, why), then withdraw it with one click
        await page.ClickAsync("[data-testid=consent-give]");
        var dialog = page.Locator(".rz-dialog");
        await Expect(dialog.Locator("[data-testid=consent-channel]")).ToBeVisibleAsync();
        await dialog.Locator("[data-testid=consent-channel]").ClickAsync();
        await page.Locator(".rz-dropdown-item", new() { HasText = "signed form" }).ClickAsync();
        await dialog.Locator("[data-testid=consent-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=consent-state]")).ToHaveTextAsync("Consented");
        await Expect(page.Locator("[data-testid=consent-meta]")).ToContainTextAsync("signed form");
        await Expect(page.Locator(".rz-dialog")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=consent-withdraw]");
        await Expect(page.Locator(".rz-notification-item")).ToContainTextAsync("Consent withdrawn");
        await Expect(page.Locator("[data-testid=consent-state]")).ToHaveTextAsync("Withdrawn");
        await Expect(page.Locator("[data-testid=consent-meta]")).ToContainTextAsync("in the app");
        await using (var db = await Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync())
        {
            var contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.CustomerId == id);
            Assert.Equal((false, Contact.AppChannel, am1), (contact.ConsentGiven, contact.ConsentChannel, contact.ConsentRecordedById));
        }
        await page.Context.CloseAsync();
    }
}
