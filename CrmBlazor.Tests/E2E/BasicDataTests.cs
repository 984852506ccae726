using System.Text;
using CrmBlazor.Data.BasicData;
using CrmBlazor.Data.Import;
using CrmBlazor.Domain.BasicData;
using static Microsoft.Playwright.Assertions;

namespace CrmBlazor.Tests.E2E;

/// <summary>Basic data in the browser: an admin retires a customer level (and cannot delete one in use); a user looks up products and their stock.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BasicDataTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Admin_DeactivatesACustomerLevel_TheCustomerFormNoLongerOffersIt_AndALevelInUseCannotBeDeleted()
    {
        Fx.RequireAvailable();
        var dictionary = await Fx.AsUserAsync<DictionaryService>("admin@crm.demo");
        var code = "e2e-" + Guid.NewGuid().ToString("N")[..6];
        var label = "Retiring level " + code[4..];
        await dictionary.AddAsync(DictionaryKind.CustomerLevel, new DictionaryEntryInput(code, "待停用等级 " + code[4..], label, 900));
        try
        {
            var page = await Fx.NewPageAsync("en-US");
            await BrowserFixture.SignInAsync(page, "admin@crm.demo");
            await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/customers");
            await Expect(page.Locator("[data-testid=customer-grid] .rz-pager-summary")).ToBeVisibleAsync();
            await OpenLevelsOfNewCustomerFormAsync(page);
            await Expect(page.Locator(".rz-dropdown-item:visible", new() { HasText = label })).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("Escape");

            await page.GotoAsync("/settings/dictionary");
            await Expect(page.Locator("[data-testid=dictionary-table][data-interactive=true]")).ToBeVisibleAsync();
            var row = page.Locator($"[data-testid=entry-{code}]");
            await Expect(row).ToContainTextAsync(label);
            await row.Locator("[data-testid=deactivate]").ClickAsync();
            await Expect(row.Locator("[data-testid=inactive-badge]")).ToHaveTextAsync("Inactive");
            Assert.False((await dictionary.ListAsync(DictionaryKind.CustomerLevel)).Single(e => e.Code == code).IsActive);

            // "ordinary" holds demo customers: deleting it is refused, naming where it is used
            await page.Locator("[data-testid=entry-ordinary] [data-testid=delete]").ClickAsync();
            await page.Locator(".rz-dialog button", new() { HasText = "Delete" }).ClickAsync();
            await Expect(page.Locator(".rz-dialog")).ToContainTextAsync("“Ordinary” cannot be deleted: it is used by");
            await Expect(page.Locator(".rz-dialog")).ToContainTextAsync(" customers");
            await page.Locator(".rz-dialog button", new() { HasText = "Cancel" }).ClickAsync();
            Assert.Contains(await dictionary.ListAsync(DictionaryKind.CustomerLevel), e => e.Code == "ordinary" && e.IsActive);

            await page.GotoAsync("/customers");
            await Expect(page.Locator("[data-testid=customer-grid] .rz-pager-summary")).ToBeVisibleAsync();
            await OpenLevelsOfNewCustomerFormAsync(page);
            await Expect(page.Locator(".rz-dropdown-item:visible", new() { HasText = "Strategic partner" })).ToHaveCountAsync(1);
            await Expect(page.Locator(".rz-dropdown-item:visible", new() { HasText = label })).ToHaveCountAsync(0);
            await page.Context.CloseAsync();
        }
        finally
        {
            var entry = (await dictionary.ListAsync(DictionaryKind.CustomerLevel)).Single(e => e.Code == code);
            await dictionary.DeleteAsync(entry.Id, entry.Version);
        }
    }

    private static async Task OpenLevelsOfNewCustomerFormAsync(Microsoft.Playwright.IPage page)
    {
        await page.ClickAsync("[data-testid=customer-new][data-interactive=true]");
        await Expect(page.Locator("input[data-testid=f-name]")).ToBeFocusedAsync();
        await page.ClickAsync("[data-testid=f-level]");
        await Expect(page.Locator(".rz-dropdown-item:visible", new() { HasText = "Ordinary" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AccountManager_SearchesProducts_AndOpensOneToSeeItsStockPerWarehouse()
    {
        Fx.RequireAvailable();
        var tag = "E2E" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var importer = await Fx.AsUserAsync<ImportService>("admin@crm.demo");
        var products = await importer.ImportAsync(ImportKind.Products, Csv("code,name,name_en,model,unit,price",
            $"{tag}-A,测试网关,Test gateway {tag},{tag}-GW,台,1999", $"{tag}-B,测试传感器,Test sensor {tag},{tag}-SN,个,59"), new ImportOptions());
        var stock = await importer.ImportAsync(ImportKind.Inventory, Csv("product_code,warehouse,quantity",
            $"{tag}-A,Shanghai,30", $"{tag}-A,Beijing,4"), new ImportOptions());
        Assert.Equal((2, 2), (products.Added, stock.Added));

        var page = await Fx.NewPageAsync("en-US");
        await BrowserFixture.SignInAsync(page, "am2@crm.demo");
        await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/products");
        await Expect(page.Locator("[data-testid=product-filters][data-interactive=true]")).ToBeVisibleAsync();
        await page.FillAsync("input[data-testid=product-search]", $"{tag}-GW");
        await page.Keyboard.PressAsync("Enter");
        var rows = page.Locator("[data-testid=product-grid] tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync($"Test gateway {tag}");
        await Expect(page.Locator($"[data-testid=stock-{tag}-A]")).ToHaveTextAsync("34");

        await page.ClickAsync($"text={tag}-A");
        await page.WaitForURLAsync(url => url.Contains("/products/", StringComparison.Ordinal));
        await Expect(page.Locator("[data-testid=stock-row-Shanghai]")).ToContainTextAsync("30");
        await Expect(page.Locator("[data-testid=stock-row-Beijing]")).ToContainTextAsync("4");
        await page.Context.CloseAsync();
    }

    private static MemoryStream Csv(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
}
