using System.Text;
using CrmBlazor.Data.Audit;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Import;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Privacy;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Tests.Data;

/// <summary>The audit trail: an entry for every kind of action, with who, what record and masked values; reading it by filter and per record; entries cannot be changed.</summary>
public abstract class AuditTrailServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _admin = null!, _manager = null!, _am = null!, _otherAm = null!, _otherManager = null!;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _admin = await fx.AddUserAsync(Roles.Admin);
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        _otherManager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Audit " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am = await fx.AddUserAsync(Roles.AccountManager, team);
        _otherAm = await fx.AddUserAsync(Roles.AccountManager);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private AuditTrailService Trail(AccessScope? scope = null) => fx.As<AuditTrailService>(scope ?? _admin.Scope());

    private async Task<AuditRow> LatestAsync(AuditAction action, string entityType, string? entityId = null)
    {
        var page = await Trail().SearchAsync(new AuditQuery { Action = action, EntityType = entityType, EntityId = entityId, Take = 1 });
        return Assert.Single(page.Items);
    }

    private async Task<int> CreateCustomerAsync(string mobile = "13912345678") =>
        await fx.As<CustomerEditService>(_am.Scope()).CreateAsync(
            new CustomerDetails { Name = "审计测试公司 " + Guid.NewGuid().ToString("N")[..6], RegionCode = "east", IndustryCode = "it" },
            new ContactDetails { Name = "钱学森", Mobile = mobile, Email = "qian@example.cn" });

    [Fact]
    public async Task Create_IsRecorded_WithWhoAndRecord_PersonalValuesMasked()
    {
        var id = await CreateCustomerAsync();
        var row = await LatestAsync(AuditAction.Create, "Customer", id.ToString());
        Assert.Equal(_am.Id, row.UserId);
        var contact = await LatestAsync(AuditAction.Create, "Contact");
        Assert.Equal("139****5678", contact.Changes.Single(c => c.Field == "Mobile").After);
        Assert.DoesNotContain(contact.Changes, c => c.After == "qian@example.cn");
    }

    [Fact]
    public async Task Update_IsRecorded_BeforeAndAfter()
    {
        var id = await CreateCustomerAsync();
        var version = (await fx.As<CustomerService>(_am.Scope()).GetAsync(id)).Value!.Version;
        await fx.As<CustomerEditService>(_am.Scope()).EditAsync(id, version, new CustomerDetails { Name = "审计测试公司 改名", RegionCode = "east", IndustryCode = "it" }, null);
        var row = await LatestAsync(AuditAction.Update, "Customer", id.ToString());
        var name = row.Changes.Single(c => c.Field == "Name");
        Assert.StartsWith("审计测试公司 ", name.Before);
        Assert.Equal("审计测试公司 改名", name.After);
    }

    [Fact]
    public async Task Delete_IsRecorded()
    {
        var id = await CreateCustomerAsync();
        var version = (await fx.As<CustomerService>(_am.Scope()).GetAsync(id)).Value!.Version;
        await fx.As<CustomerEditService>(_am.Scope()).DeleteAsync(id, version);
        Assert.Equal(_am.Id, (await LatestAsync(AuditAction.Delete, "Customer", id.ToString())).UserId);
    }

    [Fact]
    public async Task Assignment_IsRecorded_AsAssign()
    {
        var opportunities = fx.As<OpportunityService>(_manager.Scope([_am.Id]));
        var id = await opportunities.CreateAsync(new OpportunityDetails { SourceCode = "webform", CustomerName = "审计线索", Summary = "测试", ContactName = "李四", ContactPhone = "13800001111" });
        var version = (await opportunities.GetAsync(id)).Value!.Row.Version;
        await opportunities.AssignAsync(id, version, _am.Id);
        var row = await LatestAsync(AuditAction.Assign, "Opportunity", id.ToString());
        Assert.Equal(_manager.Id, row.UserId);
        Assert.Equal(_am.Id, row.Changes.Single(c => c.Field == "AssignedToId").After);
    }

    [Fact]
    public async Task StageChange_IsRecorded_AsStageChange()
    {
        var id = await CreateCustomerAsync();
        await using (var db = await fx.DbAsAsync(_admin.Scope()))
        {
            (await db.Customers.SingleAsync(c => c.Id == id)).MoveToStage(LifecycleStage.New, "", fx.Clock.UtcNow);
            await db.SaveChangesAsync();
        }
        var row = await LatestAsync(AuditAction.StageChange, "Customer", id.ToString());
        Assert.Equal(new AuditChange("Stage", "Prospect", "New"), row.Changes.Single(c => c.Field == "Stage"));
    }

    [Fact]
    public async Task Import_IsRecorded_AsOneSummary()
    {
        var number = "A" + Guid.NewGuid().ToString("N")[..10];
        var csv = $"customer_no,name,contact_name,phone\n{number},审计导入公司,王五,13811112222\n,缺编号,赵六,\n";
        await fx.As<ImportService>(_admin.Scope()).ImportAsync(ImportKind.Customers, new MemoryStream(Encoding.UTF8.GetBytes(csv)), new ImportOptions(false));
        var row = await LatestAsync(AuditAction.Import, "Customers");
        Assert.Equal(_admin.Id, row.UserId);
        Assert.Equal("1", row.Changes.Single(c => c.Field == "added").After);
        Assert.Equal("1", row.Changes.Single(c => c.Field == "rejected").After);
    }

    [Fact]
    public async Task Export_IsRecorded_ForPersonalDataAndForTheTrailItself()
    {
        var id = await CreateCustomerAsync();
        await fx.As<PersonalDataExportService>(_admin.Scope()).ExportCustomerAsync(id, "csv");
        Assert.Equal(_admin.Id, (await LatestAsync(AuditAction.Export, "Customer", id.ToString())).UserId);

        var rows = await Trail().ExportAsync(new AuditQuery { Action = AuditAction.Create, UserId = _am.Id });
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Count.ToString(), (await LatestAsync(AuditAction.Export, nameof(AuditEntry))).Changes.Single(c => c.Field == "rows").After);
    }

    [Fact]
    public async Task Reveal_IsRecorded_WithTheFieldButNotTheValue()
    {
        var id = await CreateCustomerAsync();
        await fx.As<AuditLog>(_admin.Scope()).RevealAsync(_am.Scope(), "Contact", id.ToString(), "Mobile", "10.0.0.7");
        var row = await LatestAsync(AuditAction.Reveal, "Contact", id.ToString());
        Assert.Equal((_am.Id, "10.0.0.7"), (row.UserId, row.IpAddress));
        Assert.Equal([new AuditChange("field", null, "Mobile")], row.Changes);
    }

    [Theory]
    [InlineData(AuditAction.SignIn)]
    [InlineData(AuditAction.SignInFailed)]
    [InlineData(AuditAction.Lockout)]
    public async Task SignInEvents_AreRecorded_WithTheAddress(AuditAction action)
    {
        // the sign-in page writes these through AuditLog (Login.razor); here the same call
        await fx.As<AuditLog>(_admin.Scope()).WriteAsync(action, _am.Id, _am.Email, "User", _am.Id, null, "192.0.2.1");
        var row = await LatestAsync(action, "User", _am.Id);
        Assert.Equal("192.0.2.1", row.IpAddress);
    }

    [Fact]
    public async Task RefusedAccess_ToAnotherOnesRecord_IsRecorded()
    {
        var id = await CreateCustomerAsync();
        var lookup = await fx.As<CustomerService>(_otherAm.Scope()).GetAsync(id);
        Assert.Equal(LookupStatus.Denied, lookup.Status);
        Assert.Equal(_otherAm.Id, (await LatestAsync(AuditAction.AccessRefused, "Customer", id.ToString())).UserId);
    }

    [Fact]
    public async Task Erase_IsRecorded_WithoutPersonalData()
    {
        var id = await CreateCustomerAsync("13955556666");
        await fx.As<ErasureService>(_admin.Scope()).EraseCustomerAsync(id);
        var row = await LatestAsync(AuditAction.Erase, "Customer", id.ToString());
        Assert.DoesNotContain(row.Changes, c => (c.After ?? "").Contains("钱学森") || (c.After ?? "").Contains("13955556666"));
    }

    [Fact]
    public async Task AuditRows_CannotBeChangedOrDeleted_EvenBySql()
    {
        await CreateCustomerAsync();
        await using var db = await fx.SystemDbAsync();
        var id = await db.AuditEntries.MaxAsync(a => a.Id);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"UserName\" = 'x' WHERE \"Id\" = {id}"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(a => a.Id == id).ExecuteDeleteAsync());
        await using var read = await fx.SystemDbAsync();
        Assert.NotEqual("x", (await read.AuditEntries.SingleAsync(a => a.Id == id)).UserName);
    }

    [Fact]
    public async Task Search_FiltersByUserRecordActionAndTime_AndIsAdminOnly()
    {
        var id = await CreateCustomerAsync();
        var all = await Trail().SearchAsync(new AuditQuery { UserId = _am.Id, EntityType = "Customer", EntityId = id.ToString(), Take = 50 });
        Assert.All(all.Items, r => Assert.Equal((_am.Id, "Customer", id.ToString()), (r.UserId, r.EntityType, r.EntityId)));
        Assert.Contains(all.Items, r => r.Action == AuditAction.Create);
        var creates = await Trail().SearchAsync(new AuditQuery { UserId = _am.Id, Action = AuditAction.Create, Take = 50 });
        Assert.True(creates.Total >= 2);
        Assert.All(creates.Items, r => Assert.Equal(AuditAction.Create, r.Action));
        Assert.Equal(0, (await Trail().SearchAsync(new AuditQuery { UserId = _am.Id, From = fx.Clock.UtcNow.AddMinutes(1) })).Total);
        Assert.Equal(0, (await Trail().SearchAsync(new AuditQuery { UserId = _am.Id, To = fx.Clock.UtcNow.AddMinutes(-1) })).Total);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Trail(_manager.Scope([_am.Id])).SearchAsync(new AuditQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Trail(_am.Scope()).ExportAsync(new AuditQuery()));
    }

    [Fact]
    public async Task History_OfARecord_ForAdminsAndTheTeamsManager_Only()
    {
        var id = await CreateCustomerAsync();
        var admin = await Trail().HistoryAsync("Customer", id);
        Assert.Contains(admin.Value!.Items, r => r.EntityType == "Customer" && r.Action == AuditAction.Create);
        Assert.Contains(admin.Value!.Items, r => r.EntityType == "Contact");

        var manager = await Trail(_manager.Scope([_am.Id])).HistoryAsync("Customer", id);
        Assert.Equal(admin.Value.Total, manager.Value!.Total);
        Assert.Equal(LookupStatus.Denied, (await Trail(_otherManager.Scope()).HistoryAsync("Customer", id)).Status);
        Assert.Equal(LookupStatus.Denied, (await Trail(_am.Scope()).HistoryAsync("Customer", id)).Status);
    }
}

public sealed class AuditTrailServiceTests_Sqlite(SqliteFixture fx) : AuditTrailServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class AuditTrailServiceTests_Postgres(PostgresFixture fx) : AuditTrailServiceTests(fx), IClassFixture<PostgresFixture>;
