using CrmBlazor.Data.Events;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Service;
using CrmBlazor.Domain.Service;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>Live events reach exactly the users who may see the record — the same answer as the query filters.</summary>
public sealed class EventAccessTests(SqliteFixture fx) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task EventVisibility_EqualsQueryVisibility_ForEveryRoleAndRecord()
    {
        var manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Events " + Guid.NewGuid().ToString("N")[..6], manager.Id);
        var am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        var am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        var outsider = await fx.AddUserAsync(Roles.AccountManager);
        var service = await fx.AddUserAsync(Roles.CustomerService);
        var exec = await fx.AddUserAsync(Roles.Executive);
        var directory = fx.Services.GetRequiredService<UserDirectory>();
        var mgr = fx.As<OpportunityService>(await directory.ScopeForAsync(manager.Id, manager.Email, [manager.Role]));

        // a spread of states: unassigned, assigned in team, assigned to an outsider, pooled, created by an AM
        OpportunityDetails D(string n) => new() { SourceCode = "website", CustomerName = n, Probability = 20, Summary = "s", ContactName = "c" };
        var unassigned = await mgr.CreateAsync(D("u"));
        var inTeam = await mgr.CreateAsync(D("t"));
        await mgr.AssignAsync(inTeam, 0, am1.Id);
        var byAm2 = await fx.As<OpportunityService>(await directory.ScopeForAsync(am2.Id, am2.Email, [am2.Role])).CreateAsync(D("a2"));
        var pooled = (await fx.As<LeadService>(await directory.ScopeForAsync(manager.Id, manager.Email, [manager.Role]))
            .SubmitAsync(new LeadInput { CustomerName = "p " + Guid.NewGuid().ToString("N")[..4], ContactName = "c", Summary = "s", RegionCode = "overseas" })).OpportunityId;
        await using (var db = await fx.SystemDbAsync())
        {
            var o = Opportunity.Create(D("outsider"), outsider.Id, fx.Clock.UtcNow);
            db.Opportunities.Add(o);
            await db.SaveChangesAsync();
        }
        var rows = new List<OpportunityRow>();
        await using (var db = await fx.SystemDbAsync())
            rows = await db.Opportunities.Select(OpportunityRow.Projection).ToListAsync();

        foreach (var user in new[] { manager, am1, am2, outsider, service, exec })
        {
            var scope = await directory.ScopeForAsync(user.Id, user.Email, [user.Role]);
            await using var db = await fx.DbAsAsync(scope);
            var visible = (await db.Opportunities.Select(o => o.Id).ToListAsync()).ToHashSet();
            foreach (var row in rows)
            {
                var e = new OpportunityChanged(row.Id, OpportunityChange.Edited, row, null, null, fx.Clock.UtcNow);
                Assert.True(visible.Contains(row.Id) == (EventAccess.For(scope, e) is not null),
                    $"{user.Role} {(visible.Contains(row.Id) ? "sees" : "does not see")} opportunity {row.Id} but the event rule disagrees");
            }
        }
        Assert.NotEqual(0, unassigned + byAm2 + pooled);
    }

    [Fact]
    public async Task TicketEventVisibility_EqualsQueryVisibility_ForEveryRoleAndTicket()
    {
        var manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Tickets " + Guid.NewGuid().ToString("N")[..6], manager.Id);
        var am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        var am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        var outsider = await fx.AddUserAsync(Roles.AccountManager);
        var service = await fx.AddUserAsync(Roles.CustomerService);
        var exec = await fx.AddUserAsync(Roles.Executive);
        var directory = fx.Services.GetRequiredService<UserDirectory>();
        async Task<AccessScope> Scope(TestData.User u) => await directory.ScopeForAsync(u.Id, u.Email, [u.Role]);
        var am1Customer = await fx.AddCustomerAsync("事件甲 " + Guid.NewGuid().ToString("N")[..4], am1.Id);
        var outsiderCustomer = await fx.AddCustomerAsync("事件丙 " + Guid.NewGuid().ToString("N")[..4], outsider.Id);
        var unowned = await fx.AddCustomerAsync("事件无主 " + Guid.NewGuid().ToString("N")[..4], null);
        TicketInput In(int customer) => new("complaint", TicketPriority.High, "s", customer, "r");

        // a spread: unassigned, assigned in team, assigned to an outsider, about an unowned customer, created by customer service
        var svc = fx.As<TicketService>(await Scope(service));
        var mgr = fx.As<TicketService>(await Scope(manager));
        await svc.CreateAsync(In(am1Customer));
        var toAm2 = await svc.CreateAsync(In(am1Customer));
        await mgr.AssignAsync(toAm2, 0, am2.Id);
        var toOutsider = await svc.CreateAsync(In(outsiderCustomer));
        var admin = await fx.AddUserAsync(Roles.Admin);
        await fx.As<TicketService>(await Scope(admin)).AssignAsync(toOutsider, 0, outsider.Id);
        await svc.CreateAsync(In(unowned));
        await fx.As<TicketService>(await Scope(outsider)).CreateAsync(In(outsiderCustomer));

        var rows = (await fx.As<TicketService>(AccessScope.System).ListAsync(new TicketQuery { Take = 500 })).Items;
        Assert.True(rows.Count >= 5);
        foreach (var user in new[] { manager, am1, am2, outsider, service, exec })
        {
            var scope = await Scope(user);
            await using var db = await fx.DbAsAsync(scope);
            var visible = (await db.Tickets.Select(t => t.Id).ToListAsync()).ToHashSet();
            foreach (var row in rows)
            {
                var e = new TicketChanged(row.Id, TicketChange.Edited, row, null, null, fx.Clock.UtcNow);
                Assert.True(visible.Contains(row.Id) == (EventAccess.For(scope, e) is not null),
                    $"{user.Role} {(visible.Contains(row.Id) ? "sees" : "does not see")} ticket {row.Id} but the event rule disagrees");
            }
        }
    }

    [Fact]
    public async Task Reassignment_ThePreviousAssigneeLearnsOnlyThatItLeft()
    {
        var am = await fx.AddUserAsync(Roles.AccountManager);
        var scope = AccessScope.ForUser(am.Id, am.Email, [Roles.AccountManager]);
        var row = new OpportunityRow(1, "c", "s", "website", 10, null, OpportunityStatus.Assigned, "creator", fx.Clock.UtcNow, "someone-else", "mgr", fx.Clock.UtcNow, false, null, null, 2);
        var before = row with { AssignedToId = am.Id, Version = 1 };
        var delivered = EventAccess.For(scope, new OpportunityChanged(1, OpportunityChange.Reassigned, row, am.Id, "mgr", fx.Clock.UtcNow) { Previous = before }) as OpportunityChanged;
        Assert.NotNull(delivered);
        Assert.Null(delivered.Row);
        Assert.Null(EventAccess.For(scope, new OpportunityChanged(1, OpportunityChange.Edited, row, null, "mgr", fx.Clock.UtcNow)));
    }

    [Fact]
    public async Task AssignedToAnotherTeam_AManagerWhoSawItUnassigned_LearnsOnlyThatItLeft()
    {
        var manager = await fx.AddUserAsync(Roles.SalesManager);
        var scope = AccessScope.ForUser(manager.Id, manager.Email, [Roles.SalesManager], []);
        var opportunity = new OpportunityRow(1, "c", "s", "website", 10, null, OpportunityStatus.Assigned, "creator", fx.Clock.UtcNow, "other-team-am", "admin", fx.Clock.UtcNow, false, null, null, 2);
        var wasUnassigned = opportunity with { Status = OpportunityStatus.Unassigned, AssignedToId = null, AssignedById = null, AssignedAt = null, Version = 1 };
        var o = EventAccess.For(scope, new OpportunityChanged(1, OpportunityChange.Assigned, opportunity, null, "admin", fx.Clock.UtcNow) { Previous = wasUnassigned }) as OpportunityChanged;
        Assert.NotNull(o);
        Assert.Null(o.Row);

        var ticket = new TicketRow(1, "complaint", TicketPriority.Normal, "s", 1, "c", "other-team-owner", TicketStatus.Assigned, "other-team-cs", fx.Clock.UtcNow,
            "other-team-am", "admin", fx.Clock.UtcNow, null, null, 0, 2);
        var t = EventAccess.For(scope, new TicketChanged(1, TicketChange.Assigned, ticket, null, "admin", fx.Clock.UtcNow)) as TicketChanged;
        Assert.NotNull(t);
        Assert.Null(t.Row);
        Assert.Null(EventAccess.For(scope, new TicketChanged(1, TicketChange.Handled, ticket, null, "other-team-am", fx.Clock.UtcNow)));
    }

    [Fact]
    public async Task Hub_OneFailingSubscriber_DoesNotStopTheOthers_AndDisposedOnesGetNothing()
    {
        var hub = fx.Services.GetRequiredService<CrmEventHub>();
        var received = 0;
        using var failing = hub.Subscribe(AccessScope.System, _ => throw new InvalidOperationException("boom"));
        using var good = hub.Subscribe(AccessScope.System, _ => { Interlocked.Increment(ref received); return Task.CompletedTask; });
        var gone = hub.Subscribe(AccessScope.System, _ => { Interlocked.Add(ref received, 100); return Task.CompletedTask; });
        gone.Dispose();
        var row = new OpportunityRow(1, "c", "s", "website", 10, null, OpportunityStatus.Unassigned, "x", fx.Clock.UtcNow, null, null, null, false, null, null, 0);
        await hub.PublishAsync(new OpportunityChanged(1, OpportunityChange.Created, row, null, null, fx.Clock.UtcNow));
        await hub.FlushAsync();
        Assert.Equal(1, received);
    }
}
