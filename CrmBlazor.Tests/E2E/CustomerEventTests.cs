using System.Globalization;
using CrmBlazor.Data.CustomerEvents;
using CrmBlazor.Data.FollowUps;
using CrmBlazor.Domain.CustomerEvents;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class CustomerEventTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task ManagerCreatesATraining_InvitesAStage_RecordsAttendance_AndTheMeasuresUpdate()
    {
        Fx.RequireAvailable();
        var title = "Gateway training " + Guid.NewGuid().ToString("N")[..6];
        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "manager@crm.demo");
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/events");
        await Expect(page.Locator("[data-testid=event-summary]")).ToBeVisibleAsync();

        // create: a training held yesterday (China time), pass mark 60
        await page.ClickAsync("[data-testid=new-event]");
        var titleField = page.Locator("input[data-testid=f-title]");
        await Expect(titleField).ToBeFocusedAsync();
        await titleField.FillAsync(title);
        var yesterday = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date.AddDays(-1).AddHours(10);
        var starts = page.Locator("[data-testid=event-form] input#StartsAt");
        await starts.FillAsync(yesterday.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await starts.PressAsync("Tab");
        await page.FillAsync("input[data-testid=f-place]", "Shanghai HQ");
        await page.ClickAsync("[data-testid=event-save]");
        await Expect(page.Locator("[data-testid=event-status]")).ToHaveTextAsync("Planned");
        await Expect(page.Locator("h1", new() { HasText = title })).ToBeVisibleAsync();
        var eventId = int.Parse(page.Url.Split('/')[^1], CultureInfo.InvariantCulture);

        // invite the prospects of one account manager: the preview counts the contacts and the skipped ones
        await page.ClickAsync("[data-testid=invite]");
        await Expect(page.Locator("[data-testid=invite-dialog]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=invite-stage]");
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = "Prospect" }).ClickAsync();
        await page.ClickAsync("[data-testid=invite-owner]");
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = "Michael Zhou" }).ClickAsync();
        await page.ClickAsync("[data-testid=invite-preview-button]");
        await Expect(page.Locator("[data-testid=invite-preview]")).ToContainTextAsync("skipped without marketing consent");
        await page.ClickAsync("[data-testid=invite-send]");
        await Expect(page.Locator("[data-testid=invite-dialog]")).ToBeHiddenAsync();

        var manager = await Fx.AsUserAsync<CustomerEventService>("manager@crm.demo");
        var invited = (await manager.GetAsync(eventId)).Value!.Row.Measures.Invitations;
        Assert.True(invited > 0, "the prospects of Michael Zhou have contacts with consent in the demo data");
        await Expect(page.Locator("[data-testid=m-invitations] .crm-kpi-value")).ToHaveTextAsync(invited.ToString("N0", En));
        await Expect(page.Locator("[data-testid=m-attendance] .crm-kpi-value")).ToHaveTextAsync("0.0%");
        // each invitation is a task for the customer's owner
        var am4Tasks = await (await Fx.AsUserAsync<FollowUpService>("am4@crm.demo")).ListAsync(new FollowUpQuery { Take = 500 });
        Assert.Equal(invited, am4Tasks.Items.Count(t => t.Kind == FollowUpKind.EventInvitation && t.Title.StartsWith(title, StringComparison.Ordinal)));

        // registration opens; the first contact registers
        await page.ClickAsync("[data-testid=open-registration]");
        await Expect(page.Locator("[data-testid=event-status]")).ToHaveTextAsync("Registration open");
        await page.Locator("[data-testid^=register-]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=m-registered] .crm-kpi-value")).ToHaveTextAsync("1");

        // held: the first contact attended with a passing score
        await page.ClickAsync("[data-testid=mark-held]");
        await Expect(page.Locator("[data-testid=event-status]")).ToHaveTextAsync("Held");
        await page.Locator("[data-testid^=attended-]").First.ClickAsync();
        var score = page.Locator("[data-testid=score] input, input[data-testid=score]");
        await Expect(score).ToBeFocusedAsync();
        await score.FillAsync("75");
        await page.ClickAsync("[data-testid=score-save]");

        var rate = (1.0 / invited).ToString("P1", En);
        await Expect(page.Locator("[data-testid=m-attendance] .crm-kpi-value")).ToHaveTextAsync(rate);
        await Expect(page.Locator("[data-testid=m-pass] .crm-kpi-value")).ToHaveTextAsync((1.0).ToString("P1", En));
        var measures = (await manager.GetAsync(eventId)).Value!.Row.Measures;
        Assert.Equal((1, 1, 1), (measures.Registered, measures.Attended, measures.Passed));

        // the events list shows the same attendance rate
        await page.GotoAsync("/events");
        await Expect(page.Locator($"[data-testid=event-attendance-{eventId}]")).ToHaveTextAsync(rate);
        await Expect(page.Locator($"[data-testid=event-status-{eventId}]")).ToHaveTextAsync(CustomerEventStatus.Held.ToString());

        // the participants CSV: one row per invitation the manager sees, the export audited
        var response = await page.APIRequest.GetAsync($"/events/{eventId}/participants.csv");
        Assert.Equal(200, response.Status);
        var body = await response.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, body[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(body[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', CrmBlazor.Web.Features.CustomerEvents.EventExport.Columns), lines[0]);
        Assert.Equal(invited, lines.Length - 1);
        Assert.Single(lines, l => l.Contains(",Registered,", StringComparison.Ordinal) && l.Contains(",Attended,75,yes,", StringComparison.Ordinal));
        await using var db = await CrmBlazor.Data.Access.SystemContext.CreateSystemContextAsync(Fx.App.Services.GetRequiredService<IDbContextFactory<CrmBlazor.Data.CrmDbContext>>());
        var managerId = await Fx.UserIdAsync("manager@crm.demo");
        var eventKey = eventId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.UserId == managerId && a.Action == CrmBlazor.Domain.Audit.AuditAction.Export
            && a.EntityType == nameof(EventInvitation) && a.EntityId == eventKey));
        await page.Context.CloseAsync();
    }
}
