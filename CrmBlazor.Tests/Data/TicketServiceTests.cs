using System.Text;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Service;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Service;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>The ticket use cases against a real database: the flow, record access, the board race, events after commit only.</summary>
public abstract class TicketServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    protected TestData.User Manager = null!, Am1 = null!, Am2 = null!, Outsider = null!, Admin = null!, Service = null!, Exec = null!;
    protected int Am1Customer, Am2Customer, OutsiderCustomer;
    private readonly List<CrmEvent> _events = [];
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        Manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Service " + Guid.NewGuid().ToString("N")[..6], Manager.Id);
        Am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        Am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        Outsider = await fx.AddUserAsync(Roles.AccountManager);
        Admin = await fx.AddUserAsync(Roles.Admin);
        Service = await fx.AddUserAsync(Roles.CustomerService);
        Exec = await fx.AddUserAsync(Roles.Executive);
        Am1Customer = await fx.AddCustomerAsync("工单客户甲 " + Guid.NewGuid().ToString("N")[..6], Am1.Id);
        Am2Customer = await fx.AddCustomerAsync("工单客户乙 " + Guid.NewGuid().ToString("N")[..6], Am2.Id);
        OutsiderCustomer = await fx.AddCustomerAsync("工单客户丙 " + Guid.NewGuid().ToString("N")[..6], Outsider.Id);
        _subscription = fx.Services.GetRequiredService<CrmEventHub>().Subscribe(AccessScope.System, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<AccessScope> ScopeOf(TestData.User u) => await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]);

    private async Task<TicketService> As(TestData.User u) => fx.As<TicketService>(await ScopeOf(u));

    private async Task<IReadOnlyList<TicketChanged>> EventsForAsync(int id)
    {
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) return _events.OfType<TicketChanged>().Where(e => e.Id == id).ToArray();
    }

    private static TicketInput Input(int customerId, string type = "consultation", string summary = "打印机无法联网") =>
        new(type, TicketPriority.Normal, summary, customerId, "客户反映设备无法连接网络，请远程协助。");

    private async Task<TicketRow> RowAsync(int id) => (await (await As(Admin)).GetAsync(id)).Value!.Row;

    private static async Task<DomainException?> Capture(Task task)
    {
        try { await task; return null; }
        catch (DomainException e) { return e; }
    }

    [Fact]
    public async Task Create_ForOwnCustomer_SetsCreatorAndTime_AndPublishesTheRowAfterCommit()
    {
        var id = await (await As(Am1)).CreateAsync(Input(Am1Customer, "complaint"));
        var row = await RowAsync(id);
        Assert.Equal((Am1.Id, fx.Clock.UtcNow, TicketStatus.Created, 0), (row.CreatedById, row.CreatedAt, row.Status, row.Version));
        var e = Assert.Single(await EventsForAsync(id));
        Assert.Equal((TicketChange.Created, Am1.Id, true), (e.Change, e.Row!.CustomerOwnerId, e.IsNewComplaint));
        Assert.True(e.Concerns(Am1.Id)); // the owner hears of a new complaint at once
    }

    [Fact]
    public async Task Create_ForACustomerTheCallerMayNotSee_IsRefused_NothingSaved_NothingPublished()
    {
        var before = await fx.CountAsync<ServiceTicket>();
        var e = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(Am1)).CreateAsync(Input(OutsiderCustomer)));
        Assert.Equal("Ticket.CustomerDenied", e.Code);
        Assert.Equal(before, await fx.CountAsync<ServiceTicket>());
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) Assert.DoesNotContain(_events.OfType<TicketChanged>(), t => t.Row?.CustomerId == OutsiderCustomer);
        // customer service serves every customer
        Assert.True(await (await As(Service)).CreateAsync(Input(OutsiderCustomer)) > 0);
    }

    [Fact]
    public async Task Create_WithATypeNotInTheDictionary_IsRefused()
    {
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As(Am1)).CreateAsync(Input(Am1Customer, "praise")));
        Assert.Equal("Ticket.UnknownType", e.Code);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(Exec)).CreateAsync(Input(Am1Customer)));
    }

    [Fact]
    public async Task Access_CreatorAssigneeOwnerAndManagers_SeeTheTicketAndItsHistory_OthersDoNot()
    {
        var id = await (await As(Service)).CreateAsync(Input(Am1Customer));
        await (await As(Manager)).AssignAsync(id, 0, Am2.Id);
        foreach (var who in new[] { Service, Am1, Am2, Manager, Admin, Exec })
        {
            var detail = await (await As(who)).GetAsync(id);
            Assert.True(detail.Status == LookupStatus.Found, $"{who.Role} should see the ticket");
            Assert.Equal([TicketHistoryKind.Assigned, TicketHistoryKind.Created], detail.Value!.History.Select(h => h.Kind));
        }
        Assert.Equal(LookupStatus.Denied, (await (await As(Outsider)).GetAsync(id)).Status);
        Assert.DoesNotContain(id, (await (await As(Outsider)).ListAsync(new TicketQuery { Take = 500 })).Items.Select(t => t.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(Outsider)).HandleAsync(id, 1, "x"));
        Assert.Contains(id, (await (await As(Am2)).ListAsync(new TicketQuery { AssignedToId = Am2.Id, Take = 500 })).Items.Select(t => t.Id));
    }

    [Fact]
    public async Task Flow_AssignHandleFeedback2_ReturnsToAssigned_ThenFeedback5Closes_ArchiveMakesItReadOnly()
    {
        var id = await (await As(Am1)).CreateAsync(Input(Am1Customer));
        await (await As(Manager)).AssignAsync(id, 0, Am2.Id);
        var notHandler = await Assert.ThrowsAsync<DomainException>(async () => await (await As(Am1)).HandleAsync(id, 1, "我来处理"));
        Assert.Equal("Ticket.NotHandler", notHandler.Code);
        await (await As(Am2)).HandleAsync(id, 1, "远程重置网络配置");
        await (await As(Am1)).GiveFeedbackAsync(id, 2, 2, "问题依旧");
        var back = await RowAsync(id);
        Assert.Equal((TicketStatus.Assigned, 1, Am2.Id), (back.Status, back.RehandleCount, back.AssignedToId));
        await (await As(Am2)).HandleAsync(id, 3, "上门更换网卡");
        await (await As(Am1)).GiveFeedbackAsync(id, 4, 5, "已解决");
        Assert.Equal((TicketStatus.FeedbackGiven, 5), ((await RowAsync(id)).Status, (await RowAsync(id)).Satisfaction));
        var detail = (await (await As(Am1)).GetAsync(id)).Value!;
        Assert.True(detail.CanArchive);
        Assert.False(detail.CanEdit);
        await (await As(Am1)).ArchiveAsync(id, 5);

        var archived = (await (await As(Manager)).GetAsync(id)).Value!;
        Assert.Equal(TicketStatus.Archived, archived.Row.Status);
        Assert.False(archived.CanEdit || archived.CanAssign || archived.CanHandle || archived.CanGiveFeedback || archived.CanArchive);
        var edit = await Assert.ThrowsAsync<DomainException>(async () => await (await As(Manager)).EditAsync(id, 6, Input(Am1Customer, summary: "改")));
        Assert.Equal("Ticket.NotEditable", edit.Code);
        var assign = await Assert.ThrowsAsync<DomainException>(async () => await (await As(Manager)).AssignAsync(id, 6, Am1.Id));
        Assert.Equal("Ticket.NotAssignable", assign.Code);
        // archiving planned the customer owner's revisit (客户回访) in the same save, and said so
        await using (var db = await fx.SystemDbAsync())
        {
            var revisit = await db.FollowUpTasks.SingleAsync(t => t.Kind == CrmBlazor.Domain.Lifecycle.FollowUpKind.Revisit && t.SourceId == id);
            Assert.Equal((Am1.Id, Am1Customer, CrmBlazor.Domain.Lifecycle.FollowUpStatus.Open), (revisit.AssignedToId, revisit.CustomerId, revisit.Status));
        }
        await fx.Services.GetRequiredService<CrmEventHub>().FlushAsync();
        lock (_events) Assert.Contains(_events, e => e is FollowUpTasksChanged f && f.CustomerId == Am1Customer && f.AssignedToId == Am1.Id);
        // archived tickets stay searchable
        Assert.Contains(id, (await (await As(Am1)).ListAsync(new TicketQuery { Text = "已解决", Status = TicketStatus.Archived, Take = 500 })).Items.Select(t => t.Id));
        Assert.Equal([TicketChange.Created, TicketChange.Assigned, TicketChange.Handled, TicketChange.ReturnedForRehandling, TicketChange.Handled, TicketChange.FeedbackGiven, TicketChange.Archived],
            (await EventsForAsync(id)).Select(e => e.Change));
    }

    [Fact]
    public async Task Assign_TwoManagersDropAtOnce_ExactlyOneWins_TheOtherLearnsWhoGotItAndFromWhom()
    {
        var id = await (await As(Service)).CreateAsync(Input(Am1Customer));
        var before = (await EventsForAsync(id)).Count;
        var results = await Task.WhenAll(
            Capture((await As(Manager)).AssignAsync(id, 0, Am1.Id)),
            Capture((await As(Admin)).AssignAsync(id, 0, Service.Id)));
        Assert.Single(results, r => r is null);
        var loser = Assert.Single(results, r => r is not null)!;
        Assert.Equal("Ticket.AssignConflict", loser.Code);
        var row = await RowAsync(id);
        var names = await fx.Services.GetRequiredService<UserDirectory>().GetAsync();
        Assert.Equal((names.NameOf(row.AssignedToId), names.NameOf(row.AssignedById)), ((string)loser.Args[0]!, (string)loser.Args[1]!));
        Assert.Equal(1, row.Version);
        Assert.Equal(before + 1, (await EventsForAsync(id)).Count); // only the winner published
    }

    [Fact]
    public async Task Handle_WithAStaleVersion_SaysChangedMeanwhile_AndPublishesNothing()
    {
        var id = await (await As(Service)).CreateAsync(Input(Am1Customer));
        await (await As(Manager)).AssignAsync(id, 0, Am1.Id);
        var count = (await EventsForAsync(id)).Count;
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As(Am1)).HandleAsync(id, 0, "处理"));
        Assert.Equal("Record.Changed", e.Code);
        Assert.Equal(count, (await EventsForAsync(id)).Count);
        Assert.Equal(TicketStatus.Assigned, (await RowAsync(id)).Status);
    }

    [Fact]
    public async Task Assign_OutsideTheTeam_OrToSomeoneWhoDoesNotHandleTickets_IsRefused()
    {
        var id = await (await As(Service)).CreateAsync(Input(Am1Customer));
        Assert.Equal("Ticket.HandlerNotInTeam", (await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(Manager)).AssignAsync(id, 0, Outsider.Id))).Code);
        Assert.Equal("Ticket.NotAHandler", (await Assert.ThrowsAsync<DomainException>(async () => await (await As(Manager)).AssignAsync(id, 0, Exec.Id))).Code);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As(Am1)).AssignAsync(id, 0, Am2.Id));
        Assert.Equal(TicketStatus.Created, (await RowAsync(id)).Status);
    }

    [Fact]
    public async Task Board_HasTheTeamsAccountManagersAndCustomerService_WithOpenLoad_AndTheOpenCards()
    {
        var a = await (await As(Service)).CreateAsync(Input(Am1Customer));
        var b = await (await As(Service)).CreateAsync(Input(Am2Customer));
        await (await As(Manager)).AssignAsync(b, 0, Am1.Id);
        var board = await fx.As<TicketBoardService>(await ScopeOf(Manager)).GetAsync();
        var columns = board.Columns.Select(c => c.UserId).ToHashSet();
        Assert.Contains(Am1.Id, columns);
        Assert.Contains(Service.Id, columns);
        Assert.DoesNotContain(Outsider.Id, columns);
        Assert.DoesNotContain(Exec.Id, columns);
        Assert.True(board.Columns.Single(c => c.UserId == Am1.Id).OpenLoad >= 1);
        Assert.Contains(a, board.Cards.Select(c => c.Id));
        Assert.Equal(Am1.Id, board.Cards.Single(c => c.Id == b).AssignedToId);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await fx.As<TicketBoardService>(await ScopeOf(Am1)).GetAsync());
    }

    [Fact]
    public async Task List_FiltersByTypeHandlerStarsDateAndCustomerName()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var complaint = await (await As(Service)).CreateAsync(Input(Am2Customer, "complaint", "投诉 " + tag));
        var other = await (await As(Service)).CreateAsync(Input(Am2Customer, "suggestion", "建议 " + tag));
        await (await As(Manager)).AssignAsync(complaint, 0, Service.Id);
        await (await As(Service)).HandleAsync(complaint, 1, "已致电致歉");
        await (await As(Service)).GiveFeedbackAsync(complaint, 2, 4, "满意");
        var svc = await As(Service);
        async Task<int[]> Ids(TicketQuery q) => (await svc.ListAsync(q with { Take = 500 })).Items.Select(t => t.Id).Where(i => i == complaint || i == other).Order().ToArray();
        Assert.Equal([complaint], await Ids(new TicketQuery { Text = tag, TypeCode = "complaint" }));
        Assert.Equal([complaint], await Ids(new TicketQuery { Text = tag, AssignedToId = Service.Id }));
        Assert.Equal([complaint], await Ids(new TicketQuery { Text = tag, Satisfaction = 4 }));
        Assert.Equal([complaint, other], await Ids(new TicketQuery { Text = tag, CreatedFrom = fx.Clock.Today, CreatedTo = fx.Clock.Today }));
        Assert.Empty(await Ids(new TicketQuery { Text = tag, CreatedFrom = fx.Clock.Today.AddDays(1) }));
        var customerName = (await RowAsync(other)).CustomerName;
        Assert.Equal([complaint, other], await Ids(new TicketQuery { Text = customerName }));
        Assert.Equal([other], await Ids(new TicketQuery { CustomerId = Am2Customer, OpenOnly = true, Text = tag }));
    }

    [Fact]
    public async Task Export_WritesUtf8WithBom_OnlyTheRowsTheCallerSees()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var mine = await (await As(Am1)).CreateAsync(Input(Am1Customer, summary: "导出=甲 " + tag));
        var notMine = await (await As(Service)).CreateAsync(Input(OutsiderCustomer, summary: "导出乙 " + tag));
        using var output = new MemoryStream();
        var count = await TicketCsvExport.WriteAsync((await As(Am1)).StreamAsync(new TicketQuery { Text = tag }), output, id => id ?? "");
        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, count);
        Assert.Equal(string.Join(',', TicketCsvExport.Columns), lines[0]);
        Assert.StartsWith($"T{mine:D6},consultation,Normal,Created,导出=甲 {tag},", lines[1]);
        Assert.DoesNotContain(lines, l => l.StartsWith($"T{notMine:D6}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reassign_TellsThePreviousHandler_WhoThenNoLongerSeesIt()
    {
        var id = await (await As(Am1)).CreateAsync(Input(Am1Customer));
        await (await As(Manager)).AssignAsync(id, 0, Am2.Id);
        await (await As(Manager)).AssignAsync(id, 1, Service.Id);
        var e = (await EventsForAsync(id))[^1];
        Assert.Equal((TicketChange.Reassigned, Am2.Id, Service.Id), (e.Change, e.PreviousAssigneeId, e.Row!.AssignedToId));
        var forAm2 = EventAccess.For(await ScopeOf(Am2), e) as TicketChanged;
        Assert.NotNull(forAm2);
        Assert.Null(forAm2.Row);
        Assert.Equal(LookupStatus.Denied, (await (await As(Am2)).GetAsync(id)).Status);
        await using var db = await fx.SystemDbAsync();
        Assert.Equal(3, await db.Set<TicketHistoryEntry>().CountAsync(h => h.TicketId == id));
    }
}

public sealed class TicketServiceTests_Sqlite(SqliteFixture fx) : TicketServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class TicketServiceTests_Postgres(PostgresFixture fx) : TicketServiceTests(fx), IClassFixture<PostgresFixture>;
