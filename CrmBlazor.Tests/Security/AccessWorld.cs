using System.Runtime.CompilerServices;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Domain.Service;
using CrmBlazor.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Security;

/// <summary>How a record stands to the caller: theirs, a team member's (team A), or another team's.</summary>
public enum Relation { Own, Team, Other }

/// <summary>
/// The people of the access matrix, made once per database: one user per role, the sales manager
/// leading team A (the account manager and a colleague), and an account manager of team B.
/// </summary>
public sealed class AccessPeople
{
    private static readonly ConditionalWeakTable<DatabaseFixture, Task<AccessPeople>> Made = new();

    public required IReadOnlyDictionary<string, TestData.User> ByRole { get; init; }
    public required TestData.User Colleague { get; init; }
    public required TestData.User OtherTeam { get; init; }

    public TestData.User Actor(string role) => ByRole[role];

    /// <summary>Whom a record in <paramref name="relation"/> to <paramref name="role"/>'s actor belongs to.</summary>
    public TestData.User OwnerFor(string role, Relation relation) => relation switch
    {
        Relation.Own => ByRole[role],
        Relation.Team => Colleague,
        _ => OtherTeam,
    };

    /// <summary>Team A: the sales manager, the account manager and the colleague.</summary>
    public bool InTeamA(TestData.User u) => u.Id == ByRole[Roles.SalesManager].Id || u.Id == ByRole[Roles.AccountManager].Id || u.Id == Colleague.Id;

    public static Task<AccessPeople> OfAsync(DatabaseFixture fx)
    {
        lock (Made) return Made.GetValue(fx, CreateAsync);
    }

    private static async Task<AccessPeople> CreateAsync(DatabaseFixture fx)
    {
        var manager = await fx.AddUserAsync(Roles.SalesManager);
        var teamA = await fx.AddTeamAsync("Matrix A " + Guid.NewGuid().ToString("N")[..6], manager.Id);
        var otherManager = await fx.AddUserAsync(Roles.SalesManager);
        var teamB = await fx.AddTeamAsync("Matrix B " + Guid.NewGuid().ToString("N")[..6], otherManager.Id);
        return new AccessPeople
        {
            ByRole = new Dictionary<string, TestData.User>
            {
                [Roles.Admin] = await fx.AddUserAsync(Roles.Admin),
                [Roles.SalesManager] = manager,
                [Roles.AccountManager] = await fx.AddUserAsync(Roles.AccountManager, teamA),
                [Roles.CustomerService] = await fx.AddUserAsync(Roles.CustomerService),
                [Roles.Executive] = await fx.AddUserAsync(Roles.Executive),
            },
            Colleague = await fx.AddUserAsync(Roles.AccountManager, teamA),
            OtherTeam = await fx.AddUserAsync(Roles.AccountManager, teamB),
        };
    }

    public async Task<AccessScope> ScopeAsync(DatabaseFixture fx, TestData.User u) =>
        await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]);
}

/// <summary>One user's records: a customer with a contact, an interaction, an order with a line, a ticket, an opportunity, a follow-up task, a revisit and a churn warning.</summary>
public sealed record OwnedRecords(
    string OwnerId, string Name, int CustomerId, int ContactId, int InteractionId, int OrderId, int TicketId, int OpportunityId,
    int TaskId, int RevisitId, int ChurnCaseId)
{
    /// <summary>Writes the records of <paramref name="owner"/> straight to the database (as the system), tagged with <paramref name="tag"/> so searches find only them.</summary>
    public static async Task<OwnedRecords> CreateAsync(DatabaseFixture fx, TestData.User owner, string tag, string region)
    {
        var now = fx.Clock.UtcNow;
        var name = $"矩阵 {tag} {owner.Email[..8]}";
        await using var db = await fx.SystemDbAsync();
        var customer = Customer.Create("M" + Guid.NewGuid().ToString("N")[..12],
            new CustomerDetails { Name = name, RegionCode = region, IndustryCode = "it", Phone = "021-62345678" }, owner.Id, now);
        customer.AddContact(new ContactDetails { Name = "联系人 " + tag, Mobile = "13812348888", Email = "contact@example.com", IsPrimary = true });
        customer.MoveToStage(LifecycleStage.New, "[]", now);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();

        var order = Order.Create("MO-" + Guid.NewGuid().ToString("N")[..12], customer.Id, fx.Clock.Today.AddDays(-3), 1200m, now);
        order.AddLine("P-100", 2, 600m);
        db.Orders.Add(order);
        customer.RecordOrder(order.OrderDate, order.Amount);
        var interaction = Interaction.Create(customer.Id, fx.Clock.Today.AddDays(-1), "上海", "拜访 " + tag, null, null, owner.Id, now);
        db.Interactions.Add(interaction);
        var ticket = ServiceTicket.Create("consultation", TicketPriority.Normal, "工单 " + tag, customer.Id, "客户来电 " + tag, owner.Id, now);
        ticket.AssignTo(owner.Id, owner.Id, now);
        db.Tickets.Add(ticket);
        var opportunity = Opportunity.Create(new OpportunityDetails
        {
            SourceCode = "website", CustomerName = name, Probability = 40, Summary = "机会 " + tag, ContactName = "王芳",
            ContactPhone = "13812348888", ExpectedAmount = 50_000m, RegionCode = region, IndustryCode = "it",
        }, owner.Id, now);
        opportunity.AssignTo(owner.Id, owner.Id, now);
        opportunity.AddPlanStep(fx.Clock.Today.AddDays(1), "电话沟通需求", owner.Id, now);
        db.Opportunities.Add(opportunity);
        var task = FollowUpTask.Create(customer.Id, owner.Id, FollowUpKind.FollowUp, LifecycleStage.New, "跟进 " + tag, fx.Clock.Today, now);
        var revisit = FollowUpTask.Create(customer.Id, owner.Id, FollowUpKind.Revisit, null, "回访 " + tag, fx.Clock.Today, now);
        db.FollowUpTasks.AddRange(task, revisit);
        var churn = ChurnCase.Raise(customer.Id, ChurnTrigger.NoOrders, fx.Clock.Today.AddMonths(-7), now);
        db.ChurnCases.Add(churn);
        await db.SaveChangesAsync();
        return new OwnedRecords(owner.Id, name, customer.Id, customer.Contacts.Single().Id, interaction.Id, order.Id, ticket.Id, opportunity.Id,
            task.Id, revisit.Id, churn.Id);
    }
}
