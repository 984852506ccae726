using CrmBlazor.Data.Care;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Data.Service;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Care;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Domain.Service;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>
/// Service levels and care against a real database: measures within each caller's access, the
/// revisit after an archived ticket and after a first purchase (each once), greetings only for
/// contacts who consented, overdue reminders once per ticket and person, a revisit completed with
/// corrections, and the audited settings.
/// </summary>
public abstract class ServiceCareTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _am1 = null!, _am2 = null!, _outsider = null!, _admin = null!, _exec = null!, _agent = null!;
    private readonly List<CrmEvent> _events = [];
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Care " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        _am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        _outsider = await fx.AddUserAsync(Roles.AccountManager);
        _admin = await fx.AddUserAsync(Roles.Admin);
        _exec = await fx.AddUserAsync(Roles.Executive);
        _agent = await fx.AddUserAsync(Roles.CustomerService);
        _subscription = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> As<T>(TestData.User u) where T : notnull =>
        fx.As<T>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    private async Task<IReadOnlyList<T>> EventsAsync<T>() where T : CrmEvent
    {
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) return _events.OfType<T>().ToArray();
    }

    /// <summary>A ticket walked through the domain's transitions at the given hours after <paramref name="created"/>.</summary>
    private async Task<int> TicketAsync(int customerId, string type, DateTime created, TestData.User? handler = null, double? handledAfter = null,
        int? stars = null, bool archive = false, TicketPriority priority = TicketPriority.Normal)
    {
        await using var db = await fx.SystemDbAsync();
        var t = ServiceTicket.Create(type, priority, "工单 " + type, customerId, "客户来电", (handler ?? _am1).Id, created);
        if (handler is not null) t.AssignTo(handler.Id, _manager.Id, created.AddHours(1));
        if (handler is not null && handledAfter is { } h) t.Handle("已处理", handler.Id, created.AddHours(h));
        if (stars is { } s) t.GiveFeedback(s, "结果", handler!.Id, created.AddHours(handledAfter!.Value + 10));
        if (archive) t.Archive(_manager.Id, created.AddHours(handledAfter!.Value + 11));
        db.Tickets.Add(t);
        await db.SaveChangesAsync();
        return t.Id;
    }

    private async Task<List<FollowUpTask>> TasksAsync(int customerId, FollowUpKind kind)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.FollowUpTasks.AsNoTracking().Where(t => t.CustomerId == customerId && t.Kind == kind).OrderBy(t => t.Id).ToListAsync();
    }

    [Fact]
    public async Task Measure_ManagerSeesTeamOnly_ExecutiveAll_AccountManagerRefused()
    {
        // March 2025 is this test's alone
        var march = new DateTime(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);
        var teamCustomer = await fx.AddCustomerAsync("服务质量客户", _am1.Id);
        var otherCustomer = await fx.AddCustomerAsync("外部客户", _outsider.Id);
        await TicketAsync(teamCustomer, "complaint", march, _am1, handledAfter: 5, stars: 5, archive: true);   // closed at 15 h, first contact
        await TicketAsync(teamCustomer, "consultation", march.AddDays(1), _am2, handledAfter: 3, stars: 4);   // closed at 13 h
        await TicketAsync(otherCustomer, "consultation", march.AddDays(2), _outsider, handledAfter: 2, stars: 1); // re-handle
        var range = new ServiceQualityQuery(new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31));

        var team = (await (await As<ServiceQualityService>(_manager)).MeasureAsync(range)).Report.Total;
        Assert.Equal(2, team.Tickets);
        Assert.Equal((2, 1.0, 4.5, 0.5), (team.Closed, team.FirstContactRate, team.AverageSatisfaction, team.ComplaintShare));
        Assert.Equal(new DurationStats(2, 14, 15), team.ToClose);

        var all = await (await As<ServiceQualityService>(_exec)).MeasureAsync(range);
        Assert.Equal(3, all.Report.Total.Tickets);
        Assert.Equal(1.0 / 3, all.Report.Total.RehandleRate!.Value, 9);  // one of three with feedback went back
        Assert.Equal([new MonthTypeCount("2025-03", "complaint", 1), new MonthTypeCount("2025-03", "consultation", 2)], all.ByMonthAndType);
        var onlyComplaints = await (await As<ServiceQualityService>(_admin)).MeasureAsync(range with { TypeCode = "complaint" });
        Assert.Equal(1, onlyComplaints.Report.Total.Tickets);

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<ServiceQualityService>(_am1)).MeasureAsync(range));
        var backwards = await Assert.ThrowsAsync<DomainException>(async () => await (await As<ServiceQualityService>(_exec)).MeasureAsync(range with { To = new DateOnly(2025, 2, 1) }));
        Assert.Equal("Report.RangeOrder", backwards.Code);
    }

    [Fact]
    public async Task PlanAfterTicketArchived_RevisitForOwnerAfterDelay_Once()
    {
        var customer = await fx.AddCustomerAsync("回访客户", _am2.Id);
        var ticketId = await TicketAsync(customer, "consultation", fx.Clock.UtcNow.AddDays(-2), _am1, handledAfter: 2, stars: 5, archive: true);

        for (var i = 0; i < 2; i++)
        {
            await using var db = await fx.SystemDbAsync();
            var ticket = await db.Tickets.SingleAsync(t => t.Id == ticketId);
            await CareScheduler.PlanAfterTicketArchivedAsync(db, ticket, fx.Clock.UtcNow);
            await db.SaveChangesAsync();
        }

        var revisit = Assert.Single(await TasksAsync(customer, FollowUpKind.Revisit));
        Assert.Equal((_am2.Id, ticketId, fx.Clock.Today.AddDays(ServiceLevels.Default.RevisitAfterTicketDays)), (revisit.AssignedToId, revisit.SourceId, revisit.DueDate));
    }

    [Fact]
    public async Task FirstPurchase_PlansRevisitForOwner_OnceAcrossEvaluations()
    {
        var customer = await fx.AddCustomerAsync("首购客户", _am1.Id);
        var historic = await fx.AddCustomerAsync("历史客户", _am1.Id);
        await using (var db = await fx.SystemDbAsync())
        {
            db.Orders.Add(Order.Create("FP-" + Guid.NewGuid().ToString("N")[..10], customer, fx.Clock.Today.AddDays(-1), 1200m, fx.Clock.UtcNow));
            db.Orders.Add(Order.Create("FP-" + Guid.NewGuid().ToString("N")[..10], historic, fx.Clock.Today.AddDays(-400), 900m, fx.Clock.UtcNow));
            await db.SaveChangesAsync();
        }
        var engine = fx.Services.GetRequiredService<LifecycleEvaluator>();

        await engine.EvaluateAsync([customer, historic]);
        await using (var db = await fx.SystemDbAsync())
        {
            db.Orders.Add(Order.Create("FP-" + Guid.NewGuid().ToString("N")[..10], customer, fx.Clock.Today, 300m, fx.Clock.UtcNow));
            await db.SaveChangesAsync();
        }
        await engine.EvaluateAsync([customer]);

        var revisit = Assert.Single(await TasksAsync(customer, FollowUpKind.Revisit));
        Assert.Equal((_am1.Id, fx.Clock.Today.AddDays(-1).AddDays(ServiceLevels.Default.RevisitAfterFirstPurchaseDays), (int?)null),
            (revisit.AssignedToId, revisit.DueDate, revisit.SourceId));
        Assert.Empty(await TasksAsync(historic, FollowUpKind.Revisit)); // a first order 400 days ago is history, not a purchase to follow up
    }

    private async Task<(int Customer, int Consenting, int Silent)> CareCustomerAsync(TestData.User owner)
    {
        var customerId = await fx.AddCustomerAsync("关怀客户 " + Guid.NewGuid().ToString("N")[..4], owner.Id);
        await using var db = await fx.SystemDbAsync();
        var customer = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Id == customerId);
        var consenting = customer.Contacts[0];
        consenting.Update(new ContactDetails { Name = "王芳", Mobile = "13900001111", Birthday = new DateOnly(1985, 12, 10), IsPrimary = true });
        consenting.RecordConsent(true, "form", "关怀问候", owner.Id, fx.Clock.UtcNow);
        var silent = customer.AddContact(new ContactDetails { Name = "赵磊", Birthday = new DateOnly(1990, 12, 12) });
        await db.SaveChangesAsync();
        return (customerId, consenting.Id, silent.Id);
    }

    [Fact]
    public async Task CareCalendar_OnlyConsentingContacts_TasksForOwnerOnce()
    {
        var (customer, consenting, silent) = await CareCustomerAsync(_am1);
        var (from, to) = (fx.Clock.Today, fx.Clock.Today.AddDays(45)); // 22 Nov – 6 Jan: a birthday and New Year

        var calendar = await (await As<CareService>(_am1)).CalendarAsync(from, to);
        var mine = calendar.Entries.Where(e => e.CustomerId == customer).ToArray();
        Assert.Equal([(CareOccasion.Birthday, consenting), (CareOccasion.NewYear, consenting)], mine.Select(e => (e.Occasion, e.ContactId)));
        Assert.DoesNotContain(calendar.Entries, e => e.ContactId == silent);
        Assert.True(calendar.ContactsWithoutConsent >= 1);
        Assert.DoesNotContain((await (await As<CareService>(_outsider)).CalendarAsync(from, to)).Entries, e => e.CustomerId == customer);

        var first = await (await As<CareService>(_am1)).CreateTasksAsync(from, to);
        var second = await (await As<CareService>(_am1)).CreateTasksAsync(from, to);

        Assert.True(first.Created >= 2);
        Assert.Equal(0, second.Created);
        var tasks = await TasksAsync(customer, FollowUpKind.Care);
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal((_am1.Id, consenting), (t.AssignedToId, t.SourceId!.Value)));
        Assert.Equal(new DateOnly(2026, 12, 7), tasks.Single(t => t.Title.StartsWith("Birthday", StringComparison.Ordinal)).DueDate); // 3 days ahead
        Assert.True((await (await As<CareService>(_am1)).CalendarAsync(from, to)).Entries.Where(e => e.CustomerId == customer).All(e => e.TaskPlanned));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CareService>(_exec)).CreateTasksAsync(from, to));
    }

    [Fact]
    public async Task RemindOverdue_HandlerAndSupervisorOnce_CancelledWhenHandled()
    {
        var customer = await fx.AddCustomerAsync("超时客户", _am1.Id);
        var late = await TicketAsync(customer, "complaint", fx.Clock.UtcNow.AddHours(-30), _am1, priority: TicketPriority.Normal); // due after 24 h
        var fresh = await TicketAsync(customer, "consultation", fx.Clock.UtcNow.AddHours(-2), _am1);
        var reminders = fx.Services.GetRequiredService<TicketReminderService>();

        await reminders.RemindOverdueAsync();
        var again = await reminders.RemindOverdueAsync();

        var tasks = await TasksAsync(customer, FollowUpKind.OverdueTicket);
        Assert.Equal(new[] { _am1.Id, _manager.Id }.Order(StringComparer.Ordinal), tasks.Select(t => t.AssignedToId).Order(StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.Equal(late, t.SourceId));
        Assert.Equal(0, again.RemindersCreated);
        var overdue = (await EventsAsync<TicketOverdue>()).Where(e => e.CustomerId == customer).ToArray();
        Assert.Equal(late, Assert.Single(overdue).TicketId);
        Assert.Equal([_manager.Id], overdue[0].SupervisorIds);
        Assert.DoesNotContain(tasks, t => t.SourceId == fresh);

        await using (var db = await fx.SystemDbAsync())
        {
            var t = await db.Tickets.SingleAsync(x => x.Id == late);
            t.Handle("已道歉并补发", _am1.Id, fx.Clock.UtcNow);
            await db.SaveChangesAsync();
        }
        var after = await reminders.RemindOverdueAsync();
        Assert.True(after.RemindersCancelled >= 2);
        Assert.All(await TasksAsync(customer, FollowUpKind.OverdueTicket), t => Assert.Equal(FollowUpStatus.Cancelled, t.Status));
    }

    [Fact]
    public async Task DueTickets_OverdueAndMostUrgentFirst_WithinTheManagersTeam()
    {
        var mine = await fx.AddCustomerAsync("时限客户", _am2.Id);
        var other = await fx.AddCustomerAsync("外部时限客户", _outsider.Id);
        var now = fx.Clock.UtcNow;
        var normalLate = await TicketAsync(mine, "consultation", now.AddHours(-30), _am2);                               // 24 h: 6 h late
        var urgentLate = await TicketAsync(mine, "complaint", now.AddHours(-5), _am2, priority: TicketPriority.Urgent);   // 4 h: 1 h late
        var soon = await TicketAsync(mine, "consultation", now.AddHours(-20), _am2);                                     // 4 h of 24 left
        var fine = await TicketAsync(mine, "consultation", now.AddHours(-1), _am2);
        var outside = await TicketAsync(other, "complaint", now.AddHours(-30), _outsider);

        var due = await (await As<ServiceQualityService>(_manager)).DueTicketsAsync(take: 500);

        var ids = due.Rows.Select(r => r.Id).Where(id => id == normalLate || id == urgentLate || id == soon || id == fine || id == outside).ToArray();
        Assert.Equal([urgentLate, normalLate, soon], ids);
        Assert.Equal(TicketDueState.DueSoon, due.Rows.Single(r => r.Id == soon).Due.State);
        Assert.Equal(now.AddHours(-1), due.Rows.Single(r => r.Id == urgentLate).Due.DueAt);
        Assert.Contains((await (await As<ServiceQualityService>(_exec)).DueTicketsAsync(take: 500)).Rows, r => r.Id == outside);
    }

    private async Task<int> RevisitTaskAsync(int customerId, TestData.User assignee)
    {
        // the revisit of a real archived ticket: a made-up ticket id could be another test's ticket
        var ticketId = await TicketAsync(customerId, "consultation", fx.Clock.UtcNow.AddDays(-2), _am1, handledAfter: 2, stars: 5, archive: true);
        await using var db = await fx.SystemDbAsync();
        var task = FollowUpTask.Create(customerId, assignee.Id, FollowUpKind.Revisit, null, CareScheduler.TicketTitle(ticketId), fx.Clock.Today, fx.Clock.UtcNow, ticketId);
        db.FollowUpTasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }

    [Fact]
    public async Task CompleteRevisit_WithCorrection_UpdatesCustomerContactAndSatisfaction()
    {
        var customer = await fx.AddCustomerAsync("回访更正客户", _am1.Id);
        var taskId = await RevisitTaskAsync(customer, _am1);
        var revisits = await As<RevisitService>(_am1);
        var detail = (await revisits.GetAsync(taskId)).Value!;
        Assert.True(detail.CanComplete && detail.CanCorrect);

        await revisits.CompleteAsync(taskId, detail.TaskVersion, new RevisitRecord(fx.Clock.Today, "phone", "客户满意，更新了电话", 2,
            new RevisitCorrection(detail.CustomerVersion, "010-88886666", "北京市朝阳区建国路 1 号", "孙丽", "13700002222")));

        await using var db = await fx.SystemDbAsync();
        var c = await db.Customers.Include(x => x.Contacts).AsNoTracking().SingleAsync(x => x.Id == customer);
        Assert.Equal(("010-88886666", "北京市朝阳区建国路 1 号", 2), (c.Phone, c.Address, c.Satisfaction));
        Assert.Equal(("孙丽", "13700002222"), (c.Contacts[0].Name, c.Contacts[0].Mobile));
        var task = await db.FollowUpTasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
        Assert.Equal((FollowUpStatus.Done, 2, "phone"), (task.Status, task.Satisfaction, task.ChannelCode));
        Assert.Contains(await EventsAsync<CustomerChanged>(), e => e.CustomerId == customer && e.Change == CustomerChange.Edited);
    }

    [Fact]
    public async Task CompleteRevisit_AgentWithoutEditRights_RecordsButCannotCorrect()
    {
        var customer = await fx.AddCustomerAsync("客服回访客户", _am1.Id);
        var taskId = await RevisitTaskAsync(customer, _agent);
        var revisits = await As<RevisitService>(_agent);
        var detail = (await revisits.GetAsync(taskId)).Value!;
        Assert.False(detail.CanCorrect);
        Assert.Null(detail.Phone); // nothing to correct, nothing shown

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(async () => await revisits.CompleteAsync(taskId, detail.TaskVersion,
            new RevisitRecord(fx.Clock.Today, "phone", "回访", 4, new RevisitCorrection(detail.CustomerVersion, "010-1", null, null, null))));
        Assert.Equal("Revisit.CannotCorrect", refused.Code);
        Assert.Equal(FollowUpStatus.Open, (await TasksAsync(customer, FollowUpKind.Revisit))[0].Status); // nothing saved

        await revisits.CompleteAsync(taskId, detail.TaskVersion, new RevisitRecord(fx.Clock.Today, "phone", "回访", 4, null));
        await using var db = await fx.SystemDbAsync();
        Assert.Equal(4, (await db.Customers.AsNoTracking().SingleAsync(x => x.Id == customer)).Satisfaction);
    }

    [Fact]
    public async Task SaveLevels_AuditedOnce_StaleVersionRefused_NonAdminRefused()
    {
        var settings = await As<ServiceLevelSettingsService>(_admin);
        var current = await settings.GetAsync();
        var hours = current.Values.DueHours.ToDictionary(p => p.Key, p => p.Value);
        hours[("complaint", TicketPriority.Urgent)] = 2;

        var saved = await settings.SaveAsync(ServiceLevels.With(hours, 5, 7, 3), current.Version);

        Assert.Equal(2, saved.Values.HoursFor("complaint", TicketPriority.Urgent));
        Assert.Equal(5, (await (await As<ServiceLevelSettingsService>(_am1)).CurrentAsync()).RevisitAfterTicketDays);
        await using (var db = await fx.SystemDbAsync())
            Assert.Single(await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == ServiceLevelSettingsService.AuditEntityType).ToListAsync());
        var stale = await Assert.ThrowsAsync<DomainException>(async () => await settings.SaveAsync(ServiceLevels.Default, current.Version));
        Assert.Equal("Record.Changed", stale.Code);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<ServiceLevelSettingsService>(_manager)).GetAsync());

        // back to the defaults for the other tests of this class
        await settings.SaveAsync(ServiceLevels.Default, saved.Version);
    }
}

public sealed class ServiceCareTests_Sqlite(SqliteFixture fx) : ServiceCareTests(fx), IClassFixture<SqliteFixture>;

public sealed class ServiceCareTests_Postgres(PostgresFixture fx) : ServiceCareTests(fx), IClassFixture<PostgresFixture>;
