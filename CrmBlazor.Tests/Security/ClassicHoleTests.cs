using CrmBlazor.Data.Common;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Dashboard;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.FollowUps;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Reports;
using CrmBlazor.Data.Service;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Service;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Security;

/// <summary>
/// The holes open-source CRMs are criticised for, each as its own test: reading another's record by
/// id, changing one through an update with a foreign id, reaching one through a related list,
/// reports and exports that leak or come back empty, and live events about someone else's records.
/// </summary>
public abstract class ClassicHoleTests(DatabaseFixture fx) : IAsyncLifetime
{
    private AccessPeople _people = null!;
    private readonly Dictionary<string, OwnedRecords> _records = [];
    private string _region = "";

    private TestData.User Am => _people.Actor(Roles.AccountManager);
    private OwnedRecords Mine => _records[Am.Id];
    private OwnedRecords Foreign => _records[_people.OtherTeam.Id];

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _people = await AccessPeople.OfAsync(fx);
        var tag = Guid.NewGuid().ToString("N")[..8];
        _region = "h" + tag;
        foreach (var u in _people.ByRole.Values.Append(_people.Colleague).Append(_people.OtherTeam))
            _records[u.Id] = await OwnedRecords.CreateAsync(fx, u, tag, _region);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> As<T>(TestData.User u) where T : notnull => fx.As<T>(await _people.ScopeAsync(fx, u));

    private async Task<int> CustomerVersionAsync(int id)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.Customers.Where(c => c.Id == id).Select(c => c.Version).SingleAsync();
    }

    [Fact]
    public async Task Idor_AccountManager_ReadingAnotherTeamsRecordsById_IsDenied()
    {
        Assert.Equal(LookupStatus.Denied, (await (await As<CustomerService>(Am)).GetAsync(Foreign.CustomerId)).Status);
        Assert.Equal(LookupStatus.Denied, (await (await As<OpportunityService>(Am)).GetAsync(Foreign.OpportunityId)).Status);
        Assert.Equal(LookupStatus.Denied, (await (await As<TicketService>(Am)).GetAsync(Foreign.TicketId)).Status);
        Assert.Equal(LookupStatus.Denied, (await (await As<FollowUpService>(Am)).GetAsync(Foreign.TaskId)).Status);
        Assert.Null(await (await As<CustomerRecordsService>(Am)).GetContactAsync(Foreign.CustomerId, Foreign.ContactId));
        // an own customer's id with someone else's contact id does not open the foreign contact either
        Assert.Null(await (await As<CustomerRecordsService>(Am)).GetContactAsync(Mine.CustomerId, Foreign.ContactId));
        Assert.Null(await (await As<CustomerRecordsService>(Am)).GetInteractionAsync(Mine.CustomerId, Foreign.InteractionId));
        // and the same calls on own records succeed, so the refusals above are not an empty database
        Assert.Equal(LookupStatus.Found, (await (await As<CustomerService>(Am)).GetAsync(Mine.CustomerId)).Status);
        Assert.NotNull(await (await As<CustomerRecordsService>(Am)).GetContactAsync(Mine.CustomerId, Mine.ContactId));
    }

    [Fact]
    public async Task UpdateWithForeignId_IsRefused_AndChangesNothing()
    {
        var edit = await As<CustomerEditService>(Am);
        var records = await As<CustomerRecordsService>(Am);
        var before = await CustomerVersionAsync(Foreign.CustomerId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => edit.EditAsync(Foreign.CustomerId, before,
            new CustomerDetails { Name = "被篡改", IndustryCode = "it" }, Am.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => records.EditContactAsync(Foreign.CustomerId, before, Foreign.ContactId,
            new ContactDetails { Name = "被篡改", IsPrimary = true }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => edit.MarkInactiveAsync(Foreign.CustomerId, before));
        // own customer id, foreign child id: the child is looked up only among the customer's own
        var mine = await CustomerVersionAsync(Mine.CustomerId);
        var e = await Assert.ThrowsAsync<DomainException>(() => records.EditContactAsync(Mine.CustomerId, mine, Foreign.ContactId,
            new ContactDetails { Name = "被篡改", IsPrimary = true }));
        Assert.Equal("Record.NotFound", e.Code);
        e = await Assert.ThrowsAsync<DomainException>(() => records.DeleteInteractionAsync(Mine.CustomerId, Foreign.InteractionId, 1));
        Assert.Equal("Record.NotFound", e.Code);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<TicketService>(Am)).CreateAsync(
            new TicketInput("consultation", TicketPriority.Normal, "冒名工单", Foreign.CustomerId, "请求")));

        await using var db = await fx.SystemDbAsync();
        var customer = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Id == Foreign.CustomerId);
        Assert.Equal(before, customer.Version);
        Assert.Equal(Foreign.Name, customer.Name);
        Assert.Equal(CustomerStatus.Active, customer.Status);
        Assert.DoesNotContain(customer.Contacts, c => c.Name == "被篡改");
        Assert.True(await db.Interactions.AnyAsync(i => i.Id == Foreign.InteractionId));
        Assert.False(await db.Tickets.AnyAsync(t => t.Summary == "冒名工单"));
    }

    [Fact]
    public async Task RelatedLists_OfAnotherTeamsCustomer_ShowNothing()
    {
        var customers = await As<CustomerService>(Am);
        var tracking = await As<CustomerTrackingService>(Am);
        Assert.Empty((await customers.ListOrdersAsync(Foreign.CustomerId, new PageRequest())).Items);
        Assert.Empty((await customers.ListInteractionsAsync(Foreign.CustomerId, new PageRequest())).Items);
        Assert.Empty((await tracking.ListTicketsAsync(Foreign.CustomerId, new PageRequest())).Items);
        Assert.Empty(await tracking.OrderLinesAsync(Foreign.OrderId));
        Assert.Empty((await tracking.TimelineAsync(Foreign.CustomerId)).Entries);
        Assert.Empty((await (await As<TicketService>(Am)).ListAsync(new TicketQuery { CustomerId = Foreign.CustomerId })).Items);
        // the same lists of an own customer are full
        Assert.Single((await customers.ListOrdersAsync(Mine.CustomerId, new PageRequest())).Items);
        Assert.Single((await customers.ListInteractionsAsync(Mine.CustomerId, new PageRequest())).Items);
        Assert.Single((await tracking.ListTicketsAsync(Mine.CustomerId, new PageRequest())).Items);
        Assert.Single(await tracking.OrderLinesAsync(Mine.OrderId));
    }

    [Fact]
    public async Task Exports_AreFilteredPerRole_AndNeverEmptyByMistake()
    {
        async Task<int[]> CustomersExported(TestData.User u) =>
            await (await As<CustomerService>(u)).StreamAsync(new CustomerQuery { RegionCode = _region }).Select(r => r.Id).ToArrayAsync();
        Assert.Equal([Mine.CustomerId], await CustomersExported(Am));
        var teamA = new[] { _people.Actor(Roles.SalesManager), Am, _people.Colleague }.Select(u => _records[u.Id].CustomerId).Order();
        Assert.Equal(teamA, (await CustomersExported(_people.Actor(Roles.SalesManager))).Order());
        Assert.Equal(7, (await CustomersExported(_people.Actor(Roles.CustomerService))).Length);

        var tickets = await (await As<TicketService>(Am)).StreamAsync(new TicketQuery { Text = Mine.Name }).Select(r => r.Id).ToArrayAsync();
        Assert.Equal([Mine.TicketId], tickets);
        var foreignTickets = await (await As<TicketService>(Am)).StreamAsync(new TicketQuery { CustomerId = Foreign.CustomerId }).CountAsync();
        Assert.Equal(0, foreignTickets);
    }

    [Fact]
    public async Task Reports_SalesManagerSeesTheTeam_ExecutiveEveryone_AccountManagerIsRefused()
    {
        var filter = new ReportFilter { RegionCode = _region };
        Assert.Equal(3, (await (await As<CompositionReportService>(_people.Actor(Roles.SalesManager))).GetAsync(filter)).Customers);
        Assert.Equal(7, (await (await As<CompositionReportService>(_people.Actor(Roles.Executive))).GetAsync(filter)).Customers);
        Assert.Equal(7, (await (await As<CompositionReportService>(_people.Actor(Roles.Admin))).GetAsync(filter)).Customers);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CompositionReportService>(Am)).GetAsync(filter));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CompositionReportService>(_people.Actor(Roles.CustomerService))).GetAsync(filter));

        var year = fx.Clock.Today.AddDays(-3).Year;
        var ranked = await (await As<ContributionReportService>(_people.Actor(Roles.SalesManager))).RankAsync(filter, year, 0, 50);
        Assert.Equal(3, ranked.Items.Count);
        Assert.DoesNotContain(ranked.Items, r => r.CustomerId == Foreign.CustomerId);
    }

    [Fact]
    public async Task Dashboard_AccountManagerWithOwnData_CountsOwnRecords_NotZero_NotOthers()
    {
        var mine = await (await As<DashboardService>(Am)).GetAsync();
        Assert.True(mine.Customers > 0, "an account manager with customers sees a non-zero count");
        await using var db = await fx.SystemDbAsync();
        Assert.Equal(await db.Customers.CountAsync(c => c.OwnerId == Am.Id), mine.Customers);
        Assert.True(mine.TasksDueToday > 0);
        Assert.Equal(await db.FollowUpTasks.CountAsync(t => t.AssignedToId == Am.Id && t.DueDate == fx.Clock.Today && t.Status == FollowUpStatus.Open),
            mine.TasksDueToday);
    }

    [Fact]
    public async Task LiveEvents_ReachOnlyThoseWhoMaySeeTheRecord()
    {
        var hub = fx.Services.GetRequiredService<CrmEventHub>();
        var received = new Dictionary<string, List<CrmEvent>>();
        var subscriptions = new List<IDisposable>();
        foreach (var u in new[] { Am, _people.OtherTeam, _people.Actor(Roles.SalesManager), _people.Actor(Roles.Admin) })
        {
            var list = received[u.Id] = [];
            subscriptions.Add(hub.Subscribe(await _people.ScopeAsync(fx, u), e => { lock (list) list.Add(e); return Task.CompletedTask; }));
        }
        try
        {
            await (await As<CustomerEditService>(_people.OtherTeam)).AddTagAsync(Foreign.CustomerId, "vip");
            await (await As<TicketService>(_people.OtherTeam)).HandleAsync(Foreign.TicketId, await TicketVersionAsync(Foreign.TicketId), "已处理");
            await (await As<CustomerEditService>(Am)).AddTagAsync(Mine.CustomerId, "vip");
            await hub.FlushAsync();

            bool Got(TestData.User u, int customerId) =>
                received[u.Id].Any(e => e is CustomerChanged c && c.CustomerId == customerId || e is TicketChanged t && t.Row?.CustomerId == customerId);
            Assert.False(Got(Am, Foreign.CustomerId), "an account manager receives no event about another team's customer or ticket");
            Assert.False(Got(_people.Actor(Roles.SalesManager), Foreign.CustomerId), "a sales manager receives none about another team's");
            Assert.True(Got(_people.OtherTeam, Foreign.CustomerId));
            Assert.True(Got(_people.Actor(Roles.Admin), Foreign.CustomerId));
            Assert.Contains(received[_people.OtherTeam.Id], e => e is TicketChanged t && t.Id == Foreign.TicketId);
            Assert.True(Got(Am, Mine.CustomerId));
            Assert.True(Got(_people.Actor(Roles.SalesManager), Mine.CustomerId));
            Assert.False(Got(_people.OtherTeam, Mine.CustomerId));
        }
        finally
        {
            foreach (var s in subscriptions) s.Dispose();
        }
    }

    private async Task<int> TicketVersionAsync(int id)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.Tickets.Where(t => t.Id == id).Select(t => t.Version).SingleAsync();
    }
}

public sealed class ClassicHoleTests_Sqlite(SqliteFixture fx) : ClassicHoleTests(fx), IClassFixture<SqliteFixture>;

public sealed class ClassicHoleTests_Postgres(PostgresFixture fx) : ClassicHoleTests(fx), IClassFixture<PostgresFixture>;
