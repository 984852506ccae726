using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Lifecycle;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>The admin edits a stage playbook in both languages; an emptied field is refused in the reader's language, a right edit is listed at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlaybookPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Admin_EditsTheDecliningPlaybook_EmptyGoalRefused_ThenSavedAndListed()
    {
        Fx.RequireAvailable();
        var playbooks = await Fx.AsUserAsync<PlaybookService>("admin@crm.demo");
        var original = (await playbooks.ListAsync()).Single(p => p.Stage == LifecycleStage.Declining);
        var goal = "Find the cause, win back within a month " + Guid.NewGuid().ToString("N")[..4];
        try
        {
            var page = await Fx.NewPageAsync("en-US");
            await BrowserFixture.SignInAsync(page, "admin@crm.demo");
            await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/settings/playbooks");
            await Expect(page.Locator("[data-testid=playbooks][data-interactive=true]")).ToBeVisibleAsync();
            var edit = page.Locator("[data-testid=edit-declining]");
            await edit.ClickAsync();
            var goalZh = page.Locator("[data-testid=playbook-form] [name=GoalZh]");
            await Expect(goalZh).ToBeFocusedAsync();

            await goalZh.FillAsync("");
            await page.ClickAsync("[data-testid=playbook-save]");
            await Expect(page.Locator("[data-testid=playbook-form]")).ToContainTextAsync("Goal (Chinese) is required.");
            Assert.Equal(original, (await playbooks.ListAsync()).Single(p => p.Stage == LifecycleStage.Declining));

            await goalZh.FillAsync(original.GoalZh);
            await page.Locator("[data-testid=playbook-form] [name=GoalEn]").FillAsync(goal);
            await page.Locator("[data-testid=cadence] .rz-radiobutton-box").Nth((int)CadenceKind.Weekly).ClickAsync();
            await page.ClickAsync("[data-testid=playbook-save]");
            await Expect(page.Locator("[data-testid=playbook-declining]")).ToContainTextAsync(goal);
            await Expect(page.Locator("[data-testid=playbook-declining]")).ToContainTextAsync("Default: twice a week");
            var saved = (await playbooks.ListAsync()).Single(p => p.Stage == LifecycleStage.Declining);
            Assert.Equal((goal, CadenceKind.Weekly, original.GoalZh), (saved.GoalEn, saved.Cadence, saved.GoalZh));
            await page.Context.CloseAsync();
        }
        finally
        {
            var now = (await playbooks.ListAsync()).Single(p => p.Stage == LifecycleStage.Declining);
            if (now != original) await playbooks.UpdateAsync(LifecycleStage.Declining, now.Version, original.ToEdit());
        }
    }
}
