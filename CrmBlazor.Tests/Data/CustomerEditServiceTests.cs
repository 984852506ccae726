using System.Text;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>Maintaining customers, contacts, interactions and tags against a real database: rules, access, conflicts, masking, export.</summary>
public abstract class CustomerEditServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    protected TestData.User Manager = null!, Am1 = null!, Am2 = null!, Outsider = null!, Admin = null!, Service = null!, Exec = null!;
    private readonly List<CrmEvent> _events = [];
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        Manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Customers " + Guid.NewGuid().ToString("N")[..6], Manager.Id);
        Am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        Am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        Outsider = await fx.AddUserAsync(Roles.AccountManager);
        Admin = await fx.AddUserAsync(Roles.Admin);
        Service = await fx.AddUserAsync(Roles.CustomerService);
        Exec = await fx.AddUserAsync(Roles.Executive);
        _subscription = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> As<T>(TestData.User u) where T : notnull =>
        fx.As<T>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    private async Task<IReadOnlyList<CustomerChanged>> EventsForAsync(int id)
    {
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) return _events.OfType<CustomerChanged>().Where(e => e.CustomerId == id).ToArray();
    }

    private static CustomerDetails Details(string name = "苏州测试精密机械有限公司", string? phone = "0512-66778899") => new()
    {
        Name = name, RegionCode = "east", IndustryCode = "manufacturing", LevelCode = "major", Satisfaction = 4, Credit = 3, Phone = phone,
        Website = "www.example.cn", Postcode = "215000",
    };

    private static ContactDetails Contact(string name = "赵敏", string? mobile = "13912345678") => new() { Name = name, Mobile = mobile, Email = "zhao@example.cn" };

    private async Task<CustomerDetail> GetAsync(int id, TestData.User? as_ = null) => (await (await As<CustomerService>(as_ ?? Admin)).GetAsync(id)).Value!;

    private async Task AddOrderAsync(int customerId, DateOnly date, decimal amount)
    {
        await using var db = await fx.SystemDbAsync();
        var order = Order.Create("O-" + Guid.NewGuid().ToString("N")[..12], customerId, date, amount, fx.Clock.UtcNow);
        order.AddLine("P-1", 2, amount / 2);
        db.Orders.Add(order);
        (await db.Customers.FirstAsync(c => c.Id == customerId)).RecordOrder(date, amount);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Create_ByAccountManager_IsTheirs_Numbered_WithPrimaryContact_AndPublished()
    {
        var id = await (await As<CustomerEditService>(Am1)).CreateAsync(Details(), Contact(), ownerId: Am2.Id);
        var c = await GetAsync(id, Am1);
        Assert.Equal(Am1.Id, c.OwnerId);
        Assert.Equal($"C{id:D7}", c.Number);
        Assert.True(Assert.Single(c.Contacts).IsPrimary);
        Assert.Equal(LifecycleStage.Prospect, c.Stage);
        Assert.True(c.CanEdit);
        Assert.False(c.CanChooseOwner);
        Assert.Equal(CustomerChange.Created, Assert.Single(await EventsForAsync(id)).Change);
        await using var db = await fx.SystemDbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Customer) && a.EntityId == id.ToString()));
    }

    [Fact]
    public async Task Create_InvalidPhone_IsRefusedWithTheField_NothingSaved()
    {
        var before = await fx.CountAsync<Customer>();
        var svc = await As<CustomerEditService>(Am1);
        var e = await Assert.ThrowsAsync<DomainException>(() => svc.CreateAsync(Details(phone: "abc"), Contact()));
        Assert.Equal("Validation.Phone", e.Code);
        Assert.Equal("Phone", e.Args[0]);
        Assert.Equal(before, await fx.CountAsync<Customer>());
    }

    [Fact]
    public async Task Create_UnknownRegionCode_IsRefused()
    {
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As<CustomerEditService>(Admin)).CreateAsync(Details() with { RegionCode = "mars" }, Contact(), Am1.Id));
        Assert.Equal("Validation.UnknownCode", e.Code);
    }

    [Fact]
    public async Task Create_ByManager_OwnerMustBeInTheirTeam()
    {
        var id = await (await As<CustomerEditService>(Manager)).CreateAsync(Details(), Contact(), Am2.Id);
        Assert.Equal(Am2.Id, (await GetAsync(id)).OwnerId);
        var e = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CustomerEditService>(Manager)).CreateAsync(Details(), Contact(), Outsider.Id));
        Assert.Equal("Customer.OwnerNotInTeam", e.Code);
        var missing = await Assert.ThrowsAsync<DomainException>(async () => await (await As<CustomerEditService>(Manager)).CreateAsync(Details(), Contact(), null));
        Assert.Equal("Validation.Required", missing.Code);
    }

    [Fact]
    public async Task Edit_StaleVersion_IsRefusedAsChangedBySomeoneElse_NothingPublished()
    {
        var id = await fx.AddCustomerAsync("版本测试", Am1.Id);
        var svc = await As<CustomerEditService>(Am1);
        await svc.EditAsync(id, 0, Details("版本测试 改"), null);
        var e = await Assert.ThrowsAsync<DomainException>(() => svc.EditAsync(id, 0, Details("版本测试 再改"), null));
        Assert.Equal("Record.Changed", e.Code);
        Assert.Equal("版本测试 改", (await GetAsync(id)).Name);
        Assert.Single(await EventsForAsync(id));
    }

    [Fact]
    public async Task Edit_ByManager_HandsTheCustomerToAnotherOwner_PreviousOwnerIsTold_AccountManagerCannot()
    {
        var id = await fx.AddCustomerAsync("换负责人", Am1.Id);
        await (await As<CustomerEditService>(Manager)).EditAsync(id, 0, Details("换负责人"), Am2.Id);
        var moved = Assert.Single(await EventsForAsync(id));
        Assert.Equal((CustomerChange.OwnerChanged, Am2.Id, Am1.Id), (moved.Change, moved.OwnerId, moved.PreviousOwnerId));
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.Denied, (await (await As<CustomerService>(Am1)).GetAsync(id)).Status);
        await (await As<CustomerEditService>(Am2)).EditAsync(id, (await GetAsync(id)).Version, Details("换负责人 改"), Am1.Id); // an account manager's owner choice is ignored
        Assert.Equal(Am2.Id, (await GetAsync(id)).OwnerId);
    }

    [Fact]
    public async Task AccountManager_CannotReadOrEditAnothersCustomer()
    {
        var id = await fx.AddCustomerAsync("别人的客户", Am2.Id);
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.Denied, (await (await As<CustomerService>(Am1)).GetAsync(id)).Status);
        var e = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CustomerEditService>(Am1)).EditAsync(id, 0, Details(), null));
        Assert.Equal("Customer.Denied", e.Code);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CustomerRecordsService>(Am1)).AddInteractionAsync(id, new InteractionInput(fx.Clock.Today, null, "拜访", null, null)));
        Assert.Empty((await (await As<CustomerTrackingService>(Am1)).TimelineAsync(id)).Entries);
    }

    [Fact]
    public async Task CustomerServiceAndExecutives_ReadOnly()
    {
        var id = await fx.AddCustomerAsync("只读客户", Am1.Id);
        foreach (var user in new[] { Service, Exec })
        {
            Assert.False((await GetAsync(id, user)).CanEdit);
            var e = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CustomerEditService>(user)).MarkInactiveAsync(id, 0));
            Assert.Equal("Access.Denied", e.Code);
        }
    }

    [Fact]
    public async Task Delete_WithOrders_IsRefused_MarkInactiveAndReactivateInstead()
    {
        var id = await fx.AddCustomerAsync("有订单的客户", Am1.Id);
        await AddOrderAsync(id, fx.Clock.Today.AddDays(-3), 1200m);
        var svc = await As<CustomerEditService>(Am1);
        var version = (await GetAsync(id)).Version;
        var e = await Assert.ThrowsAsync<DomainException>(() => svc.DeleteAsync(id, version));
        Assert.Equal("Customer.HasOrders", e.Code);
        await svc.MarkInactiveAsync(id, version);
        var inactive = await GetAsync(id);
        Assert.Equal(CustomerStatus.Inactive, inactive.Status);
        await svc.ReactivateAsync(id, inactive.Version);
        Assert.Equal(CustomerStatus.Active, (await GetAsync(id)).Status);
        Assert.Equal([CustomerChange.Deactivated, CustomerChange.Reactivated], (await EventsForAsync(id)).Select(x => x.Change));
    }

    [Fact]
    public async Task Delete_WithoutOrders_RemovesTheCustomerAndItsContacts()
    {
        var id = await (await As<CustomerEditService>(Am1)).CreateAsync(Details(), Contact());
        await (await As<CustomerEditService>(Am1)).DeleteAsync(id, (await GetAsync(id)).Version);
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.NotFound, (await (await As<CustomerService>(Admin)).GetAsync(id)).Status);
        await using var db = await fx.SystemDbAsync();
        Assert.False(await db.Contacts.AnyAsync(x => x.CustomerId == id));
    }

    [Fact]
    public async Task Contacts_AtLeastOneIsKept_PrimaryMoves()
    {
        var id = await fx.AddCustomerAsync("联系人规则", Am1.Id);
        var records = await As<CustomerRecordsService>(Am1);
        var first = Assert.Single((await GetAsync(id)).Contacts).Id;
        var last = await Assert.ThrowsAsync<DomainException>(() => records.DeleteContactAsync(id, 0, first));
        Assert.Equal("Customer.LastContact", last.Code);
        var second = await records.AddContactAsync(id, 0, Contact("钱二", "13700001111") with { IsPrimary = true });
        Assert.True((await GetAsync(id)).Contacts.Single(c => c.Id == second).IsPrimary);
        await records.DeleteContactAsync(id, 1, second);
        var remaining = Assert.Single((await GetAsync(id)).Contacts);
        Assert.Equal(first, remaining.Id);
        Assert.True(remaining.IsPrimary);
        var bad = await Assert.ThrowsAsync<DomainException>(() => records.EditContactAsync(id, 2, first, Contact() with { Email = "not-an-email" }));
        Assert.Equal("Validation.Email", bad.Code);
    }

    [Fact]
    public async Task Interactions_AddEditDelete_FutureDateRefused()
    {
        var id = await fx.AddCustomerAsync("交往记录", Am1.Id);
        var records = await As<CustomerRecordsService>(Am1);
        var iid = await records.AddInteractionAsync(id, new InteractionInput(fx.Clock.Today, "苏州", "首次拜访", "介绍产品", "带样品"));
        await records.EditInteractionAsync(id, iid, 0, new InteractionInput(fx.Clock.Today.AddDays(-1), "苏州工业园", "首次拜访", "介绍产品线", null));
        var row = Assert.Single((await (await As<CustomerService>(Am1)).ListInteractionsAsync(id, new())).Items);
        Assert.Equal("苏州工业园", row.Place);
        var future = await Assert.ThrowsAsync<DomainException>(() => records.AddInteractionAsync(id, new InteractionInput(fx.Clock.Today.AddDays(2), null, "未来", null, null)));
        Assert.Equal("Interaction.FutureDate", future.Code);
        await records.DeleteInteractionAsync(id, iid, row.Version);
        Assert.Empty((await (await As<CustomerService>(Am1)).ListInteractionsAsync(id, new())).Items);
    }

    [Fact]
    public async Task Get_MasksContactsForEveryone_OwnerAndManagerMayReveal()
    {
        var id = await fx.AddCustomerAsync("掩码客户", Am1.Id, mobile: "13812348888");
        Assert.True((await GetAsync(id, Am1)).CanReveal);
        Assert.Equal("138****8888", Assert.Single((await GetAsync(id, Am1)).Contacts).Mobile);
        Assert.True((await GetAsync(id, Manager)).CanReveal);
        foreach (var user in new[] { Service, Exec })
        {
            var c = await GetAsync(id, user);
            Assert.False(c.CanReveal);
            Assert.Equal("138****8888", Assert.Single(c.Contacts).Mobile);
            Assert.Equal("c***@example.com", c.Contacts[0].Email);
        }
    }

    [Fact]
    public async Task TagFilter_ListsOnlyTaggedCustomers()
    {
        var tagged = await fx.AddCustomerAsync("标签客户", Am1.Id);
        var other = await fx.AddCustomerAsync("无标签客户", Am1.Id);
        var edit = await As<CustomerEditService>(Am1);
        await edit.AddTagAsync(tagged, "price-sensitive");
        await edit.AddTagAsync(tagged, "price-sensitive"); // twice is once
        var bad = await Assert.ThrowsAsync<DomainException>(() => edit.AddTagAsync(other, "no-such-tag"));
        Assert.Equal("Validation.UnknownCode", bad.Code);
        var ids = (await (await As<CustomerService>(Am1)).ListAsync(new CustomerQuery { TagCode = "price-sensitive", Take = 500 })).Items.Select(r => r.Id).ToArray();
        Assert.Contains(tagged, ids);
        Assert.DoesNotContain(other, ids);
        Assert.Equal(["price-sensitive"], (await GetAsync(tagged)).Tags);
        await edit.RemoveTagAsync(tagged, "price-sensitive");
        Assert.Empty((await GetAsync(tagged)).Tags);
    }

    [Fact]
    public async Task Export_WritesBomHeaderChineseTextAndStageCodes_OnlyFilteredRows()
    {
        var name = "导出测试, \"引号\" " + Guid.NewGuid().ToString("N")[..6];
        var id = await fx.AddCustomerAsync(name, Am1.Id);
        await AddOrderAsync(id, new DateOnly(2026, 11, 2), 1234.5m);
        await using (var db = await fx.SystemDbAsync())
        {
            (await db.Customers.FirstAsync(c => c.Id == id)).MoveToStage(LifecycleStage.New, StageReason.Serialize([StageReason.Of("New.FirstOrder", 20)]), fx.Clock.UtcNow);
            await db.SaveChangesAsync();
        }
        await fx.AddCustomerAsync("不在筛选内", Am1.Id);
        using var output = new MemoryStream();
        var rows = (await As<CustomerService>(Am1)).StreamAsync(new CustomerQuery { Text = name });
        var count = await CustomerCsvExport.WriteAsync(rows, output, owner => owner == Am1.Id ? "李娜" : "?", r => "首单 " + r.OrderCount);
        Assert.Equal(1, count);
        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_no,name,owner,stage,stage_entered,reasons,last_order_date,order_count,total_spend,rfm_segment,value_tier,clv,p_alive,churn_risk,phone", lines[0]);
        var number = (await GetAsync(id)).Number;
        Assert.Equal($"{number},\"{name.Replace("\"", "\"\"")}\",李娜,new,2026-11-22,首单 1,2026-11-02,1,1234.50,,,,,,021-62345678", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task Export_OtherOwnersCustomers_AreNotExported()
    {
        var mine = await fx.AddCustomerAsync("导出归属 甲", Am1.Id);
        var theirs = await fx.AddCustomerAsync("导出归属 乙", Am2.Id);
        var ids = new List<int>();
        await foreach (var r in (await As<CustomerService>(Am1)).StreamAsync(new CustomerQuery { Text = "导出归属" })) ids.Add(r.Id);
        Assert.Contains(mine, ids);
        Assert.DoesNotContain(theirs, ids);
    }

    [Fact]
    public async Task Tracking_ActivityFollowUpsAndTimeline()
    {
        var id = await fx.AddCustomerAsync("跟踪表", Am1.Id);
        await AddOrderAsync(id, fx.Clock.Today.AddDays(-10), 500m);
        var now = fx.Clock.UtcNow;
        await using (var db = await fx.SystemDbAsync())
        {
            db.BehaviourEvents.AddRange(
                BehaviourEvent.Create(null, id, now.AddDays(-1), BehaviourEventType.FeatureUse, 3, "reports", now),
                BehaviourEvent.Create(null, id, now.AddDays(-1).AddHours(-2), BehaviourEventType.FeatureUse, 2, "reports", now),
                BehaviourEvent.Create(null, id, now.AddDays(-2), BehaviourEventType.FeatureUse, 1, "api", now),
                BehaviourEvent.Create(null, id, now.AddDays(-40), BehaviourEventType.SiteVisit, 1, null, now));
            var done = FollowUpTask.Create(id, Am1.Id, FollowUpKind.FollowUp, LifecycleStage.New, "每周回访", fx.Clock.Today.AddDays(-2), now.AddDays(-9));
            done.Complete(fx.Clock.Today.AddDays(-2), "phone", "确认培训时间", "安排上门培训", fx.Clock.Today.AddDays(5), Am1.Id, now.AddDays(-2));
            db.FollowUpTasks.Add(done);
            db.FollowUpTasks.Add(FollowUpTask.Create(id, Am1.Id, FollowUpKind.FollowUp, LifecycleStage.New, "每周回访", fx.Clock.Today.AddDays(5), now));
            db.StageHistory.Add(new StageHistoryEntry(id, LifecycleStage.Prospect, LifecycleStage.New, now.AddDays(-10), StageReason.Serialize([StageReason.Of("New.FirstOrder", 0)])));
            await db.SaveChangesAsync();
        }
        await (await As<CustomerRecordsService>(Am1)).AddInteractionAsync(id, new InteractionInput(fx.Clock.Today.AddDays(-5), null, "电话沟通", null, null));
        var tracking = await As<CustomerTrackingService>(Am1);

        var activity = await tracking.ActivityAsync(id);
        Assert.Equal(2, activity.ActiveDaysLast30);
        Assert.Equal([new FeatureUsage("reports", 5), new FeatureUsage("api", 1)], activity.Features);
        var log = Assert.Single(await tracking.FollowUpLogAsync(id));
        Assert.Equal("确认培训时间", log.Content);
        var next = await tracking.NextFollowUpAsync(id);
        Assert.Equal(fx.Clock.Today.AddDays(5), next!.DueDate);
        Assert.Equal("安排上门培训", next.PlannedText);

        var timeline = await tracking.TimelineAsync(id);
        Assert.Equal([TimelineKind.FollowUp, TimelineKind.Interaction, TimelineKind.StageChange, TimelineKind.Order], timeline.Entries.Select(e => e.Kind));
        Assert.False(timeline.HasMore);
        var capped = await tracking.TimelineAsync(id, take: 2);
        Assert.Equal(2, capped.Entries.Count);
        Assert.True(capped.HasMore);
    }
}

public sealed class CustomerEditServiceTests_Sqlite(SqliteFixture fx) : CustomerEditServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class CustomerEditServiceTests_Postgres(PostgresFixture fx) : CustomerEditServiceTests(fx), IClassFixture<PostgresFixture>;
