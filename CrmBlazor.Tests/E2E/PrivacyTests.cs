using System.Text;
using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Domain.Privacy;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>An admin exports a contact's personal data, erases the contact, and the orders and tickets stay with the name replaced; the audit page shows the erasure.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrivacyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Admin_ExportsAndErasesAContact_OrdersAndTicketsRemainAnonymised_AuditPageFiltersByAction()
    {
        Fx.RequireAvailable();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var name = "柳如烟" + tag;
        var mobile = "136" + Random.Shared.Next(10_000_000, 99_999_999);
        int customerId, contactId, ticketId;
        var factory = Fx.App.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        await using (var db = await factory.CreateSystemContextAsync())
        {
            var customer = Customer.Create("E" + tag, new CustomerDetails { Name = "Erase Test Co " + tag }, await Fx.UserIdAsync("am1@crm.demo"), DateTime.UtcNow);
            var contact = customer.AddContact(new ContactDetails { Name = name, Mobile = mobile, Email = $"liu{tag}@example.cn" });
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var order = Order.Create("EO-" + tag, customer.Id, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3), 880m, DateTime.UtcNow);
            order.AddLine("P-1", 1, 880m);
            db.Orders.Add(order);
            customer.RecordOrder(order.OrderDate, order.Amount);
            var ticket = ServiceTicket.Create("complaint", TicketPriority.Normal, "Delivery late", customer.Id, $"{name} called from {mobile} about a late delivery.", await Fx.UserIdAsync("am1@crm.demo"), DateTime.UtcNow);
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync();
            (customerId, contactId, ticketId) = (customer.Id, contact.Id, ticket.Id);
        }

        var page = await Fx.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@crm.demo");
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/");
        await page.GotoAsync($"/customers/{customerId}");
        await Expect(page.Locator("[data-testid=privacy-tab][data-interactive=true]")).ToBeAttachedAsync();
        await page.Locator(".rz-tabview-nav li", new() { HasText = "Personal data" }).ClickAsync();
        var row = page.Locator("[data-testid=privacy-grid] tr", new() { HasText = name });
        await Expect(row).ToBeVisibleAsync();

        // the export: UTF-8 with BOM, the contact's fields in clear
        var download = await page.RunAndWaitForDownloadAsync(() => row.Locator("[data-testid=privacy-export-csv]").ClickAsync());
        Assert.Equal($"personal-data-contact-{contactId}.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains($"contact,1,Name,{name}", csv);
        Assert.Contains($"contact,1,Mobile,{mobile}", csv);
        Assert.Contains("tickets,1,Request,", csv);

        // the erasure asks for the name first
        await row.Locator("[data-testid=privacy-erase]").ClickAsync();
        var confirm = page.Locator("[data-testid=erase-confirm-name]");
        await Expect(confirm).ToBeFocusedAsync();
        await confirm.FillAsync("someone else");
        await Expect(page.Locator("[data-testid=erase-submit]")).ToBeDisabledAsync();
        await confirm.FillAsync(name);
        await page.Locator("[data-testid=erase-submit]").ClickAsync();
        var erased = page.Locator("[data-testid=privacy-grid] tr", new() { HasText = ErasedNames.Contact(contactId) });
        await Expect(erased.Locator("[data-testid=privacy-erased]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=privacy-grid]")).Not.ToContainTextAsync(name);
        await Expect(page.Locator("[data-testid=contact-grid]")).ToContainTextAsync(ErasedNames.Contact(contactId));
        await Expect(page.Locator("[data-testid=contact-grid]")).Not.ToContainTextAsync(mobile);

        // the business records stay, de-identified
        await Expect(page.Locator("[data-testid=order-grid]")).ToContainTextAsync("EO-" + tag);
        await page.GotoAsync($"/service/tickets/{ticketId}");
        var request = page.Locator("[data-testid=ticket-request]");
        await Expect(request).ToContainTextAsync($"{ErasedNames.Contact(contactId)} called from *** about a late delivery.");
        await Expect(request).Not.ToContainTextAsync(name);

        // the audit page, filtered to erasures, shows this one
        await page.GotoAsync("/admin/audit");
        await Expect(page.Locator("[data-testid=audit-filters][data-interactive=true]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=audit-action]");
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = "Erasure" }).ClickAsync();
        var actions = page.Locator("[data-testid=audit-grid] [data-testid=audit-row-action]");
        await Expect(page.Locator("[data-testid=audit-grid] [data-testid=audit-row-action]:not(:text-is('Erasure'))")).ToHaveCountAsync(0);
        await Expect(actions.First).ToHaveTextAsync("Erasure");
        await Expect(page.Locator("[data-testid=audit-grid]")).ToContainTextAsync($"Contact #{contactId}");
        await Expect(page.Locator("[data-testid=audit-grid]")).Not.ToContainTextAsync(name);
        await page.Context.CloseAsync();
    }
}
