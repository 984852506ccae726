using CrmBlazor.Data.BasicData;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Lookups;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>The data dictionary as admins manage it: in-use protection with where-used counts, deactivation, renames through the cache, access.</summary>
public abstract class DictionaryServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _admin = null!, _am = null!, _manager = null!;
    private string _tag = "";
    private readonly List<CrmEvent> _events = [];
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _admin = await fx.AddUserAsync(Roles.Admin);
        _am = await fx.AddUserAsync(Roles.AccountManager);
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        _tag = "t" + Guid.NewGuid().ToString("N")[..6];
        _subscription = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }

    private DictionaryService Admin() => fx.As<DictionaryService>(_admin.Scope());
    private DictionaryCache Cache => fx.Services.GetRequiredService<DictionaryCache>();

    private async Task<DictionaryEntryRow> EntryAsync(DictionaryKind kind, string code) =>
        (await Admin().ListAsync(kind)).Single(e => e.Code == code);

    private async Task<DictionaryEntryRow> AddAsync(DictionaryKind kind, string code, string zh = "测试", string en = "Test")
    {
        await Admin().AddAsync(kind, new DictionaryEntryInput(code, zh, en, 500));
        return await EntryAsync(kind, code);
    }

    [Fact]
    public async Task Add_DuplicateCode_IsRefused()
    {
        await AddAsync(DictionaryKind.Tag, _tag);
        var e = await Assert.ThrowsAsync<DomainException>(() => Admin().AddAsync(DictionaryKind.Tag, new DictionaryEntryInput(_tag, "重复", "Duplicate", 1)));
        Assert.Equal("Dictionary.DuplicateCode", e.Code);
    }

    [Theory]
    [InlineData("", "标签", "Label", "Validation.Required")]
    [InlineData("bad code", "标签", "Label", "Dictionary.CodeFormat")]
    [InlineData("ok", "", "Label", "Validation.Required")]
    public async Task Add_InvalidInput_IsRefusedWithItsCode(string code, string zh, string en, string expected)
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => Admin().AddAsync(DictionaryKind.Tag, new DictionaryEntryInput(code, zh, en, 1)));
        Assert.Equal(expected, e.Code);
    }

    [Fact]
    public async Task Rename_IsVisibleThroughTheCache_ToALabellerLoadedBefore_AndPublished()
    {
        var entry = await AddAsync(DictionaryKind.Industry, _tag, "旧名称", "Old name");
        var labelZh = await Cache.LabellerAsync(chinese: true);
        var labelEn = await Cache.LabellerAsync(chinese: false);
        Assert.Equal("旧名称", labelZh(DictionaryKind.Industry, _tag));

        await Admin().RenameAsync(entry.Id, entry.Version, "新名称", "New name", entry.SortOrder);

        Assert.Equal("新名称", labelZh(DictionaryKind.Industry, _tag));
        Assert.Equal("New name", labelEn(DictionaryKind.Industry, _tag));
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) Assert.Contains(_events, e => e is DictionaryChanged d && d.Kind == DictionaryKind.Industry && d.Code == _tag);
    }

    [Fact]
    public async Task Rename_WithAStaleVersion_IsAConflict()
    {
        var entry = await AddAsync(DictionaryKind.Tag, _tag);
        await Admin().RenameAsync(entry.Id, entry.Version, "甲", "A", 1);
        var e = await Assert.ThrowsAsync<DomainException>(() => Admin().RenameAsync(entry.Id, entry.Version, "乙", "B", 1));
        Assert.Equal("Dictionary.Conflict", e.Code);
        Assert.Equal("A", (await EntryAsync(DictionaryKind.Tag, _tag)).LabelEn);
    }

    [Fact]
    public async Task Delete_RegionInUse_IsRefused_NamingEveryPlace()
    {
        var entry = await AddAsync(DictionaryKind.Region, _tag);
        var c1 = await fx.AddCustomerAsync("客户甲", _am.Id);
        var c2 = await fx.AddCustomerAsync("客户乙", _am.Id);
        await using (var db = await fx.SystemDbAsync())
        {
            await db.Customers.Where(c => c.Id == c1 || c.Id == c2).ExecuteUpdateAsync(s => s.SetProperty(c => c.RegionCode, _tag));
            db.Opportunities.Add(Opportunity.Create(new OpportunityDetails
            {
                SourceCode = "website", CustomerName = "机会客户", Probability = 20, Summary = "网关", ContactName = "王芳", ContactPhone = "13812348888", RegionCode = _tag,
            }, _am.Id, fx.Clock.UtcNow));
            db.LeadDistributionRules.Add(LeadDistributionRule.Create(99, LeadRuleKind.Region, _tag, null));
            await db.Users.Where(u => u.Id == _am.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.RegionCodes, "east," + _tag));
            await db.SaveChangesAsync();
        }

        var e = await Assert.ThrowsAsync<DictionaryEntryInUseException>(() => Admin().DeleteAsync(entry.Id, entry.Version));

        Assert.Equal("Dictionary.InUse", e.Code);
        Assert.Equal([new DictionaryUse(DictionaryUsePlace.Customers, 2), new DictionaryUse(DictionaryUsePlace.Opportunities, 1),
            new DictionaryUse(DictionaryUsePlace.Users, 1), new DictionaryUse(DictionaryUsePlace.LeadRules, 1)], e.Uses);
        Assert.Contains("2 Customers", e.Message);
        Assert.Equal(e.Uses, await Admin().UsageAsync(entry.Id));
        Assert.NotNull(await EntryAsync(DictionaryKind.Region, _tag)); // still there
    }

    [Fact]
    public async Task Delete_TagAndTicketTypeInUse_CountTheirOwnTables()
    {
        var tag = await AddAsync(DictionaryKind.Tag, _tag);
        var customer = await fx.AddCustomerAsync("标签客户", _am.Id);
        await using (var db = await fx.SystemDbAsync())
        {
            db.CustomerTags.Add(new CustomerTag(customer, _tag));
            await db.SaveChangesAsync();
        }
        var e = await Assert.ThrowsAsync<DictionaryEntryInUseException>(() => Admin().DeleteAsync(tag.Id, tag.Version));
        Assert.Equal([new DictionaryUse(DictionaryUsePlace.Customers, 1)], e.Uses);

        var complaint = await EntryAsync(DictionaryKind.ServiceType, "complaint");
        await using (var db = await fx.SystemDbAsync())
        {
            var used = await db.Tickets.CountAsync(t => t.TypeCode == "complaint");
            var usage = await Admin().UsageAsync(complaint.Id);
            Assert.Equal(used == 0 ? [] : [new DictionaryUse(DictionaryUsePlace.Tickets, used)], usage);
        }
    }

    [Fact]
    public async Task Delete_Unused_Deletes_AndTheLabelFallsBackToTheCode()
    {
        var entry = await AddAsync(DictionaryKind.ChurnReason, _tag, "临时", "Temporary");
        await Admin().DeleteAsync(entry.Id, entry.Version);
        Assert.DoesNotContain(await Admin().ListAsync(DictionaryKind.ChurnReason), e => e.Code == _tag);
        Assert.Equal(_tag, (await Cache.LabellerAsync(false))(DictionaryKind.ChurnReason, _tag));
    }

    [Fact]
    public async Task Deactivate_HidesFromFormOptions_ButRecordsKeepTheirLabel()
    {
        var entry = await AddAsync(DictionaryKind.CustomerLevel, _tag, "停用等级", "Retired level");
        await Admin().SetActiveAsync(entry.Id, entry.Version, false);

        Assert.DoesNotContain(await Cache.ListAsync(DictionaryKind.CustomerLevel), i => i.Code == _tag);
        Assert.DoesNotContain(await Cache.FormOptionsAsync(DictionaryKind.CustomerLevel, [null]), i => i.Code == _tag);
        Assert.Contains(await Cache.FormOptionsAsync(DictionaryKind.CustomerLevel, [_tag]), i => i.Code == _tag);
        Assert.Equal("停用等级", (await Cache.LabellerAsync(true))(DictionaryKind.CustomerLevel, _tag));
        Assert.False((await EntryAsync(DictionaryKind.CustomerLevel, _tag)).IsActive);
    }

    [Fact]
    public async Task Deactivated_CustomerLevel_StaysOnItsCustomer_ButCannotBeChosenAnew()
    {
        var entry = await AddAsync(DictionaryKind.CustomerLevel, _tag);
        var holder = await fx.AddCustomerAsync("持有客户", _am.Id);
        var other = await fx.AddCustomerAsync("其他客户", _am.Id);
        await using (var db = await fx.SystemDbAsync())
            await db.Customers.Where(c => c.Id == holder).ExecuteUpdateAsync(s => s.SetProperty(c => c.LevelCode, _tag));
        await Admin().SetActiveAsync(entry.Id, entry.Version, false);
        var edit = fx.As<CustomerEditService>(_am.Scope());

        await edit.EditAsync(holder, await VersionAsync(holder), new CustomerDetails { Name = "持有客户（改名）", RegionCode = "east", IndustryCode = "it", LevelCode = _tag }, _am.Id);
        var otherVersion = await VersionAsync(other);
        var e = await Assert.ThrowsAsync<DomainException>(() =>
            edit.EditAsync(other, otherVersion, new CustomerDetails { Name = "其他客户", RegionCode = "east", IndustryCode = "it", LevelCode = _tag }, _am.Id));

        Assert.Equal("Validation.UnknownCode", e.Code);
        await using var check = await fx.SystemDbAsync();
        var kept = await check.Customers.Where(c => c.Id == holder).Select(c => new { c.Name, c.LevelCode }).SingleAsync();
        Assert.Equal(("持有客户（改名）", _tag), (kept.Name, kept.LevelCode));
        Assert.Null(await check.Customers.Where(c => c.Id == other).Select(c => c.LevelCode).SingleAsync());
    }

    private async Task<int> VersionAsync(int customerId)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.Customers.Where(c => c.Id == customerId).Select(c => c.Version).SingleAsync();
    }

    [Fact]
    public async Task Move_SwapsWithTheNeighbour()
    {
        var first = await AddAsync(DictionaryKind.FollowUpChannel, _tag + "a");
        await AddAsync(DictionaryKind.FollowUpChannel, _tag + "b");
        await Admin().MoveAsync(first.Id, 1);
        var codes = (await Admin().ListAsync(DictionaryKind.FollowUpChannel)).Select(e => e.Code).ToList();
        Assert.True(codes.IndexOf(_tag + "b") < codes.IndexOf(_tag + "a"));
        Assert.Equal(codes, (await Cache.ListAsync(DictionaryKind.FollowUpChannel)).Select(i => i.Code).ToList());
    }

    [Fact]
    public async Task EveryMethod_IsForAdminsOnly()
    {
        var entry = await AddAsync(DictionaryKind.Tag, _tag);
        foreach (var user in new[] { _am, _manager })
        {
            var s = fx.As<DictionaryService>(user.Scope());
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.ListAsync(DictionaryKind.Tag));
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.AddAsync(DictionaryKind.Tag, new DictionaryEntryInput(_tag + "x", "甲", "A", 1)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.RenameAsync(entry.Id, entry.Version, "甲", "A", 1));
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.SetActiveAsync(entry.Id, entry.Version, false));
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.MoveAsync(entry.Id, 1));
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.UsageAsync(entry.Id));
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.DeleteAsync(entry.Id, entry.Version));
        }
        Assert.Equal(entry, await EntryAsync(DictionaryKind.Tag, _tag));
    }
}

public sealed class DictionaryServiceTests_Sqlite(SqliteFixture fx) : DictionaryServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class DictionaryServiceTests_Postgres(PostgresFixture fx) : DictionaryServiceTests(fx), IClassFixture<PostgresFixture>;
