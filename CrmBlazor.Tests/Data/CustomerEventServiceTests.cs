using CrmBlazor.Data.Customers;
using CrmBlazor.Data.CustomerEvents;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.CustomerEvents;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>Customer events against a real database: consent when inviting, owner tasks, capacity, measures, the lifecycle signal, access.</summary>
public abstract class CustomerEventServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _am1 = null!, _am2 = null!, _otherManager = null!, _service = null!, _exec = null!;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Events " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        _am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        _otherManager = await fx.AddUserAsync(Roles.SalesManager);
        await fx.AddTeamAsync("Other " + Guid.NewGuid().ToString("N")[..6], _otherManager.Id);
        _service = await fx.AddUserAsync(Roles.CustomerService);
        _exec = await fx.AddUserAsync(Roles.Executive);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<AccessScope> ScopeOf(TestData.User u) =>
        await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]);

    private async Task<CustomerEventService> Events(TestData.User u) => fx.As<CustomerEventService>(await ScopeOf(u));

    private async Task<EventInvitationService> Invitations(TestData.User u) => fx.As<EventInvitationService>(await ScopeOf(u));

    /// <summary>A customer in its own industry (so each test selects only its customers) with a consenting and a non-consenting contact.</summary>
    private async Task<int> AddCustomerAsync(string name, string? ownerId, string industry)
    {
        await using var db = await fx.SystemDbAsync();
        var customer = Customer.Create("E" + Guid.NewGuid().ToString("N")[..10], new CustomerDetails { Name = name, RegionCode = "east", IndustryCode = industry }, ownerId, fx.Clock.UtcNow);
        var yes = customer.AddContact(new ContactDetails { Name = "王同意", Email = "yes@example.com" });
        yes.RecordConsent(true, "form", "events", null, fx.Clock.UtcNow);
        customer.AddContact(new ContactDetails { Name = "李未同意", Email = "no@example.com" });
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    private static string Industry() => "i" + Guid.NewGuid().ToString("N")[..8];

    private CustomerEventDetails Details(CustomerEventKind kind = CustomerEventKind.Training, int? capacity = null, string? ownerId = null) => new()
    {
        Kind = kind, Title = "高级功能培训", StartsAt = fx.Clock.UtcNow.AddHours(-2), Place = "上海总部", Capacity = capacity,
        PassMark = kind == CustomerEventKind.Training ? 60 : null, OwnerId = ownerId ?? _manager.Id,
    };

    private async Task<int> VersionOfAsync(int eventId)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.CustomerEvents.Where(e => e.Id == eventId).Select(e => e.Version).SingleAsync();
    }

    private async Task<EventInvitation[]> InvitationsOfAsync(int eventId)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.EventInvitations.AsNoTracking().Where(i => i.EventId == eventId).OrderBy(i => i.CustomerId).ToArrayAsync();
    }

    private async Task<int> CurrentVersionAsync(int invitationId)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.EventInvitations.Where(i => i.Id == invitationId).Select(i => i.Version).SingleAsync();
    }

    [Fact]
    public async Task Invite_OnlyContactsWithConsent_SkipsTheRest_AndGivesEachOwnerATask()
    {
        var industry = Industry();
        var owned = await AddCustomerAsync("甲公司", _am1.Id, industry);
        var unowned = await AddCustomerAsync("乙公司", null, industry);
        var manager = await Events(_manager);
        var id = await manager.CreateAsync(Details());
        var invitations = await Invitations(_manager);
        var filter = new CustomerQuery { IndustryCode = industry, Stage = LifecycleStage.Prospect };

        var preview = await invitations.PreviewAsync(id, filter);
        Assert.Equal(new InvitationPreview(Customers: 2, Contacts: 4, WithoutConsent: 2, AlreadyInvited: 0, ToInvite: 2), preview);

        var result = await invitations.InviteAsync(id, filter);
        Assert.Equal(new InvitationResult(Invited: 2, WithoutConsent: 2, AlreadyInvited: 0, Tasks: 2), result);

        await using var db = await fx.SystemDbAsync();
        var invited = await InvitationsOfAsync(id);
        var consenting = await db.Contacts.Where(c => c.ConsentGiven && (c.CustomerId == owned || c.CustomerId == unowned)).Select(c => c.Id).ToListAsync();
        Assert.Equal(consenting.Order(), invited.Select(i => i.ContactId).Order());
        var tasks = await db.FollowUpTasks.Where(t => t.Kind == FollowUpKind.EventInvitation && (t.CustomerId == owned || t.CustomerId == unowned)).ToListAsync();
        Assert.Equal(_am1.Id, Assert.Single(tasks, t => t.CustomerId == owned).AssignedToId);
        Assert.Equal(_manager.Id, Assert.Single(tasks, t => t.CustomerId == unowned).AssignedToId); // unowned: the event's owner
        Assert.All(tasks, t => Assert.Contains(t.SourceId!.Value, invited.Select(i => i.Id)));

        var again = await invitations.InviteAsync(id, filter);
        Assert.Equal(new InvitationResult(0, 2, 2, 0), again);
    }

    [Fact]
    public async Task Measures_OnAHandCheckedFixture_AndCapacityIsRespected()
    {
        var industry = Industry();
        for (var n = 0; n < 4; n++) await AddCustomerAsync($"客户{n}", _am1.Id, industry);
        var manager = await Events(_manager);
        var id = await manager.CreateAsync(Details(capacity: 3));
        await (await Invitations(_manager)).InviteAsync(id, new CustomerQuery { IndustryCode = industry });
        await manager.OpenRegistrationAsync(id, await VersionOfAsync(id));
        var am = await Invitations(_am1);
        var inv = await InvitationsOfAsync(id);
        for (var n = 0; n < 3; n++) await am.RespondAsync(inv[n].Id, inv[n].Version, RegistrationStatus.Registered);
        var full = await Assert.ThrowsAsync<DomainException>(() => am.RespondAsync(inv[3].Id, inv[3].Version, RegistrationStatus.Registered));
        Assert.Equal(("Event.Full", (object?)3), (full.Code, full.Args[0]));
        await am.RespondAsync(inv[3].Id, inv[3].Version, RegistrationStatus.Declined);
        await manager.MarkHeldAsync(id, await VersionOfAsync(id));
        // scores 80 (pass) and 40 (fail) against a pass mark of 60; one no-show; stars 5 and 2
        await am.RecordAttendanceAsync(inv[0].Id, await CurrentVersionAsync(inv[0].Id), AttendanceStatus.Attended, 80);
        await am.RecordAttendanceAsync(inv[1].Id, await CurrentVersionAsync(inv[1].Id), AttendanceStatus.Attended, 40);
        await am.RecordAttendanceAsync(inv[2].Id, await CurrentVersionAsync(inv[2].Id), AttendanceStatus.NoShow, null);
        var service = await Invitations(_service); // customer service records satisfaction
        await service.RecordSatisfactionAsync(inv[0].Id, await CurrentVersionAsync(inv[0].Id), 5);
        await service.RecordSatisfactionAsync(inv[1].Id, await CurrentVersionAsync(inv[1].Id), 2);

        var m = (await (await Events(_exec)).GetAsync(id)).Value!.Row.Measures;
        Assert.Equal((4, 3, 1, 2, 1), (m.Invitations, m.Registered, m.Declined, m.Attended, m.NoShows));
        Assert.Equal(0.5, m.AttendanceRate);
        Assert.Equal(3.5, m.AverageSatisfaction);
        Assert.Equal(0.5, m.PassRate);
        var listed = Assert.Single((await manager.ListAsync(new CustomerEventQuery { Text = "高级功能培训", From = fx.Clock.Today, To = fx.Clock.Today })).Items, r => r.Id == id);
        Assert.Equal(m, listed.Measures);
        var summary = await manager.SummaryAsync(new CustomerEventQuery { Kind = CustomerEventKind.Training });
        Assert.True(summary.Total.Invitations >= 4);
    }

    [Fact]
    public async Task Attendance_WritesTheBehaviourEvent_AndTheProspectIsReclassifiedByIt_NoShowTakesItBack()
    {
        var industry = Industry();
        var customerId = await AddCustomerAsync("潜在客户", _am1.Id, industry);
        var manager = await Events(_manager);
        var id = await manager.CreateAsync(Details(CustomerEventKind.TechnicalLecture));
        await (await Invitations(_manager)).InviteAsync(id, new CustomerQuery { IndustryCode = industry });
        await manager.MarkHeldAsync(id, await VersionOfAsync(id));
        var invitation = Assert.Single(await InvitationsOfAsync(id));

        await (await Invitations(_am1)).RecordAttendanceAsync(invitation.Id, invitation.Version, AttendanceStatus.Attended, null);

        await using (var db = await fx.SystemDbAsync())
        {
            var signal = await db.BehaviourEvents.SingleAsync(b => b.CustomerId == customerId);
            Assert.Equal(BehaviourEventType.EventParticipation, signal.Type);
            Assert.Equal(EventInvitationService.BehaviourExternalId(invitation.Id), signal.ExternalId);
            var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
            Assert.Equal(LifecycleStage.Prospect, customer.Stage);
            Assert.Contains(StageReason.Deserialize(customer.StageReasons), r => r.Code == "Prospect.Event");
        }

        await (await Invitations(_am1)).RecordAttendanceAsync(invitation.Id, await CurrentVersionAsync(invitation.Id), AttendanceStatus.NoShow, null);
        await using (var db = await fx.SystemDbAsync())
        {
            Assert.False(await db.BehaviourEvents.AnyAsync(b => b.CustomerId == customerId));
            var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
            Assert.DoesNotContain(StageReason.Deserialize(customer.StageReasons), r => r.Code == "Prospect.Event");
        }
    }

    [Fact]
    public async Task Access_AccountManagersActOnOwnCustomersOnly_ServiceRecordsAttendanceNotRegistration_ExecutivesRead()
    {
        var industry = Industry();
        var mine = await AddCustomerAsync("李娜的客户", _am1.Id, industry);
        await AddCustomerAsync("张伟的客户", _am2.Id, industry);
        var manager = await Events(_manager);
        var id = await manager.CreateAsync(Details());
        await (await Invitations(_manager)).InviteAsync(id, new CustomerQuery { IndustryCode = industry });
        await manager.OpenRegistrationAsync(id, await VersionOfAsync(id));
        var inv = await InvitationsOfAsync(id);
        var other = Assert.Single(inv, i => i.CustomerId != mine);

        // account managers: not create events, see only their customers' invitations, not answer for another's contact
        Assert.Equal("Access.Denied", (await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await Events(_am1)).CreateAsync(Details()))).Code);
        var seen = await (await Invitations(_am1)).ListAsync(id, new InvitationQuery());
        Assert.Equal(mine, Assert.Single(seen.Items).CustomerId);
        Assert.Equal("王同意", seen.Items[0].ContactName);
        // on screen the e-mail is masked even for the owner (the eye button is elsewhere); the owner's CSV has it clear
        Assert.Equal("y***@example.com", seen.Items[0].ContactEmail);
        Assert.Contains("yes@example.com", await (await Invitations(_am1)).StreamAsync(id).Select(r => r.ContactEmail).ToListAsync());
        Assert.Equal("Event.InvitationDenied", (await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await (await Invitations(_am1)).RespondAsync(other.Id, other.Version, RegistrationStatus.Registered))).Code);
        // a manager of another team neither runs this event nor invites to it
        Assert.Equal("Event.NotYourTeam", (await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await (await Events(_otherManager)).CloseAsync(id, await VersionOfAsync(id)))).Code);
        Assert.Equal("Event.NotYourTeam", (await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await (await Invitations(_otherManager)).InviteAsync(id, new CustomerQuery()))).Code);
        // customer service: no registrations; executives: read with masked names, record nothing
        Assert.Equal("Access.Denied", (await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await (await Invitations(_service)).RespondAsync(other.Id, other.Version, RegistrationStatus.Registered))).Code);
        var execView = await (await Invitations(_exec)).ListAsync(id, new InvitationQuery());
        Assert.Equal(2, execView.Total);
        Assert.All(execView.Items, r => Assert.NotEqual("王同意", r.ContactName));
        Assert.Equal("Access.Denied", (await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await (await Invitations(_exec)).RecordAttendanceAsync(other.Id, other.Version, AttendanceStatus.Attended, 90))).Code);
        Assert.False((await (await Events(_exec)).GetAsync(id)).Value!.CanManage);
        // and the customer 360 shows an account manager their customer's participation only
        Assert.Single(await (await Invitations(_am1)).ListForCustomerAsync(mine));
        Assert.Empty(await (await Invitations(_am2)).ListForCustomerAsync(mine));
    }

    [Fact]
    public async Task Cancel_CancelsTheOpenInvitationTasks_AndRefusesFurtherInvitations()
    {
        var industry = Industry();
        var customerId = await AddCustomerAsync("取消活动客户", _am1.Id, industry);
        var manager = await Events(_manager);
        var id = await manager.CreateAsync(Details(CustomerEventKind.Seminar));
        await (await Invitations(_manager)).InviteAsync(id, new CustomerQuery { IndustryCode = industry });
        await manager.CancelAsync(id, await VersionOfAsync(id), "场地不可用");

        await using var db = await fx.SystemDbAsync();
        var task = await db.FollowUpTasks.SingleAsync(t => t.CustomerId == customerId && t.Kind == FollowUpKind.EventInvitation);
        Assert.Equal(FollowUpStatus.Cancelled, task.Status);
        Assert.Equal("Event.NotInviting", (await Assert.ThrowsAsync<DomainException>(async () =>
            await (await Invitations(_manager)).InviteAsync(id, new CustomerQuery { IndustryCode = industry }))).Code);
    }

    [Fact]
    public async Task StaleVersion_IsRefused_NothingChanges()
    {
        var manager = await Events(_manager);
        var id = await manager.CreateAsync(Details());
        await manager.OpenRegistrationAsync(id, 0);
        var e = await Assert.ThrowsAsync<DomainException>(() => manager.CancelAsync(id, 0, "旧版本"));
        Assert.Equal("Record.Changed", e.Code);
        Assert.Equal(CustomerEventStatus.Open, (await manager.GetAsync(id)).Value!.Row.Status);
    }
}

public sealed class CustomerEventServiceTests_Sqlite(SqliteFixture fx) : CustomerEventServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class CustomerEventServiceTests_Postgres(PostgresFixture fx) : CustomerEventServiceTests(fx), IClassFixture<PostgresFixture>;
