using System.Text;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>Lead intake, distribution rules, CSV import, the pool and its return job, claims.</summary>
public abstract class LeadServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _east = null!, _north = null!, _admin = null!;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Leads " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _east = await fx.AddUserAsync(Roles.AccountManager, team);
        _north = await fx.AddUserAsync(Roles.AccountManager, team);
        _admin = await fx.AddUserAsync(Roles.Admin);
        await using (var users = await fx.SystemDbAsync())
        {
            // leads go company-wide: earlier tests' specialists must not compete with this test's
            await users.Users.Where(u => u.Id != _east.Id && u.Id != _north.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));
        }
        await SetSpecialitiesAsync(_east.Id, "east");
        await SetSpecialitiesAsync(_north.Id, "north");
        await using var db = await fx.SystemDbAsync();
        await db.LeadDistributionRules.ExecuteDeleteAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task SetSpecialitiesAsync(string userId, string region)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CrmBlazor.Data.CrmDbContext>().Bind(AccessScope.System);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CrmBlazor.Data.Identity.AppUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        user.RegionCodes = region;
        await users.UpdateAsync(user);
        fx.Services.GetRequiredService<UserDirectory>().Invalidate();
    }

    private async Task<LeadService> As(TestData.User u) =>
        fx.As<LeadService>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    private static LeadInput Lead(string region, string name) =>
        new() { CustomerName = name, ContactName = "赵敏", ContactPhone = "13900002222", Summary = "官网咨询", RegionCode = region, SourceCode = "website" };

    [Fact]
    public async Task Submit_RegionRule_GoesToTheRegionsSpecialist_NoRule_GoesToThePool()
    {
        var leads = await As(_manager);
        await leads.AddRuleAsync(LeadRuleKind.Region, "north", []);
        var north = await leads.SubmitAsync(Lead("north", "北方线索 " + Guid.NewGuid().ToString("N")[..6]));
        Assert.Equal((_north.Id, "Lead.ByRegion"), (north.OwnerId, north.ReasonCode));
        var south = await leads.SubmitAsync(Lead("south", "南方线索 " + Guid.NewGuid().ToString("N")[..6]));
        Assert.Null(south.OwnerId);
        await using var db = await fx.SystemDbAsync();
        var pooled = await db.Opportunities.SingleAsync(o => o.Id == south.OpportunityId);
        Assert.True(pooled.InPool);
        Assert.Equal("form", pooled.IntakeChannel);
        var assigned = await db.Opportunities.SingleAsync(o => o.Id == north.OpportunityId);
        Assert.Equal(OpportunityStatus.Assigned, assigned.Status);
    }

    [Fact]
    public async Task Submit_UnknownRegion_IsRefusedWithTheValue()
    {
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_manager)).SubmitAsync(Lead("atlantis", "x")));
        Assert.Equal(("Lead.UnknownCode", "Region", "atlantis"), (e.Code, (string)e.Args[0]!, (string)e.Args[1]!));
    }

    [Fact]
    public async Task RoundRobin_TakesTurns()
    {
        var leads = await As(_manager);
        await leads.AddRuleAsync(LeadRuleKind.RoundRobin, null, [_east.Id, _north.Id]);
        var owners = new List<string?>();
        for (var i = 0; i < 4; i++)
            owners.Add((await leads.SubmitAsync(Lead("south", $"轮询 {i} {Guid.NewGuid():N}"))).OwnerId);
        var ordered = new[] { _east.Id, _north.Id }.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([ordered[0], ordered[1], ordered[0], ordered[1]], owners);
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    [Fact]
    public async Task ImportCsv_ReportsEachBadRowWithItsLine_AndCreatesTheGoodOnes()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = $"""
            客户名称,联系人,联系电话,概要,地区,成功几率
            导入甲 {tag},王一,13800000001,采购网关,east,30
            导入乙 {tag},,13800000002,采购网关,east,30
            "导入丙, 有逗号 {tag}",王三,13800000003,"多行
            概要",east,40
            导入丁 {tag},王四,13800000004,采购网关,mars,30
            导入戊 {tag},王五,13800000005,采购网关,east,abc
            """;
        var report = await (await As(_manager)).ImportCsvAsync(Csv(csv), allOrNothing: false);
        Assert.Equal(5, report.Rows);
        Assert.Equal(2, report.Created);
        Assert.Equal([3, 6, 7], report.Rejected.Select(r => r.Line));
        Assert.Equal(["Validation.Required", "Lead.UnknownCode", "Import.NotANumber"], report.Rejected.Select(r => r.Reason.Code));
        await using var db = await fx.SystemDbAsync();
        Assert.True(await db.Opportunities.AnyAsync(o => o.CustomerName == $"导入丙, 有逗号 {tag}" && o.Summary == "多行\n概要" && o.IntakeChannel == "import"));

        var again = await (await As(_manager)).ImportCsvAsync(Csv(csv), allOrNothing: false);
        Assert.Equal(0, again.Created); // the same file twice does not duplicate open leads
        Assert.Contains(again.Rejected, r => r.Reason.Code == "Lead.Duplicate");
    }

    [Fact]
    public async Task ImportCsv_AllOrNothing_WithABadRow_SavesNothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var before = await fx.CountAsync<Opportunity>();
        var report = await (await As(_manager)).ImportCsvAsync(Csv($"customer_name,contact_name,summary\n全有甲 {tag},王一,概要\n全有乙 {tag},,概要\n"), allOrNothing: true);
        Assert.True(report.NothingSaved);
        Assert.Equal([3], report.Rejected.Select(r => r.Line));
        Assert.Equal(before, await fx.CountAsync<Opportunity>());
    }

    [Fact]
    public async Task ImportCsv_MissingRequiredColumns_IsRefusedUpFront()
    {
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As(_manager)).ImportCsvAsync(Csv("name,phone\nx,1\n"), false));
        Assert.Equal("Import.MissingColumns", e.Code);
    }

    [Fact]
    public async Task ReturnStaleLeads_UnworkedForNDays_GoBackToThePool_WorkedOnesStay()
    {
        var leads = await As(_manager);
        await leads.SetPoolReturnDaysAsync(5);
        await leads.AddRuleAsync(LeadRuleKind.Region, "east", []);
        var stale = (await leads.SubmitAsync(Lead("east", "久未跟进 " + Guid.NewGuid().ToString("N")[..6]))).OpportunityId;
        var worked = (await leads.SubmitAsync(Lead("east", "已跟进 " + Guid.NewGuid().ToString("N")[..6]))).OpportunityId;
        var east = fx.As<OpportunityService>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(_east.Id, _east.Email, [_east.Role]));
        await east.AddPlanStepAsync(worked, 0, fx.Clock.Today, "电话沟通");

        var published = new List<OpportunityChanged>();
        using var sub = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e => { if (e is OpportunityChanged o) lock (published) published.Add(o); return Task.CompletedTask; });
        Assert.True(await fx.Clock.AheadAsync(TimeSpan.FromDays(6), () => leads.ReturnStaleLeadsAsync()) >= 1);
        await using var db = await fx.SystemDbAsync();
        var s = await db.Opportunities.SingleAsync(o => o.Id == stale);
        Assert.True(s.InPool);
        Assert.Null(s.AssignedToId);
        Assert.False((await db.Opportunities.SingleAsync(o => o.Id == worked)).InPool);
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        var e = published.Single(p => p.Id == stale);
        Assert.Equal((OpportunityChange.ReturnedToPool, _east.Id), (e.Change, e.PreviousAssigneeId));
    }

    [Fact]
    public async Task Claim_TwoAccountManagersAtOnce_OneWins()
    {
        var lead = await (await As(_manager)).SubmitAsync(Lead("south", "公海线索 " + Guid.NewGuid().ToString("N")[..6]));
        Assert.Null(lead.OwnerId);
        var directory = fx.Services.GetRequiredService<UserDirectory>();
        var a = fx.As<OpportunityService>(await directory.ScopeForAsync(_east.Id, _east.Email, [_east.Role]));
        var b = fx.As<OpportunityService>(await directory.ScopeForAsync(_north.Id, _north.Email, [_north.Role]));
        var version = (await a.GetAsync(lead.OpportunityId)).Value!.Row.Version;
        var results = await Task.WhenAll(Try(a.ClaimAsync(lead.OpportunityId, version)), Try(b.ClaimAsync(lead.OpportunityId, version)));
        Assert.Single(results, r => r is null);
        await using var db = await fx.SystemDbAsync();
        var o = await db.Opportunities.SingleAsync(x => x.Id == lead.OpportunityId);
        Assert.False(o.InPool);
        Assert.Contains(o.AssignedToId, new[] { _east.Id, _north.Id });
    }

    private static async Task<DomainException?> Try(Task t)
    {
        try { await t; return null; }
        catch (DomainException e) { return e; }
    }

    [Fact]
    public async Task ApiKey_OnlyTheLatestKeyIsValid_AndOnlyAdminsMakeOne()
    {
        var admin = await As(_admin);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(_manager)).RegenerateApiKeyAsync());
        var first = await admin.RegenerateApiKeyAsync();
        Assert.True(await admin.IsValidApiKeyAsync(first));
        var second = await admin.RegenerateApiKeyAsync();
        Assert.False(await admin.IsValidApiKeyAsync(first));
        Assert.True(await admin.IsValidApiKeyAsync(second));
        Assert.False(await admin.IsValidApiKeyAsync(""));
        var outcome = await admin.SubmitFromApiAsync(Lead("south", "接口线索 " + Guid.NewGuid().ToString("N")[..6]));
        await using var db = await fx.SystemDbAsync();
        var created = await db.Opportunities.SingleAsync(o => o.Id == outcome.OpportunityId);
        Assert.Equal("api", created.IntakeChannel);
        Assert.Equal(CrmBlazor.Data.Seeding.ReferenceDataSeeder.LeadIntakeUserName, (await db.Users.SingleAsync(u => u.Id == created.CreatedById)).UserName);
    }
}

public sealed class LeadServiceTests_Sqlite(SqliteFixture fx) : LeadServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class LeadServiceTests_Postgres(PostgresFixture fx) : LeadServiceTests(fx), IClassFixture<PostgresFixture>;
