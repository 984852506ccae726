using CrmBlazor.Data.Care;
using CrmBlazor.Data.Churn;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.FollowUps;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Service;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Service;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Tests.Security;

/// <summary>
/// The access matrix exercised: each method below is called by every role on its own record, a team
/// member's and another team's, against a real database, and the outcome must be what its line in
/// <see cref="AccessRules"/> says — allowed: it succeeds with the record; refused: an
/// access refusal, a domain refusal, or the record is simply absent.
/// </summary>
public abstract class RecordAccessTests(DatabaseFixture fx) : IAsyncLifetime
{
    private AccessPeople _people = null!;
    private readonly Dictionary<string, OwnedRecords> _records = [];

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _people = await AccessPeople.OfAsync(fx);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var region = "m" + tag;
        foreach (var u in _people.ByRole.Values.Append(_people.Colleague).Append(_people.OtherTeam))
            _records[u.Id] = await OwnedRecords.CreateAsync(fx, u, tag, region);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Calls the service as the caller; true when the call succeeded and reached the record.</summary>
    public delegate Task<bool> Probe(Caller caller, OwnedRecords target);

    public sealed record Caller(DatabaseFixture Fx, AccessScope Scope)
    {
        public T Get<T>() where T : notnull => Fx.As<T>(Scope);

        public async Task<int> VersionAsync<T>(int id) where T : class, IVersioned
        {
            await using var db = await Fx.SystemDbAsync();
            return await db.Set<T>().Where(x => EF.Property<int>(x, "Id") == id).Select(x => x.Version).SingleAsync();
        }
    }

    private static string Key<T>(string method) => $"{typeof(T).Name}.{method}";

    private static readonly Dictionary<string, Probe> Probes = new()
    {
        // customers and what hangs off them (IDOR by id, related lists, exports)
        [Key<CustomerService>(nameof(CustomerService.GetAsync))] = async (c, r) => (await c.Get<CustomerService>().GetAsync(r.CustomerId)).Value?.Id == r.CustomerId,
        [Key<CustomerService>(nameof(CustomerService.ListAsync))] = async (c, r) =>
            (await c.Get<CustomerService>().ListAsync(new CustomerQuery { Text = r.Name, Take = 50 })).Items.Any(x => x.Id == r.CustomerId),
        [Key<CustomerService>(nameof(CustomerService.StreamAsync))] = async (c, r) =>
            await c.Get<CustomerService>().StreamAsync(new CustomerQuery { Text = r.Name }).AnyAsync(x => x.Id == r.CustomerId),
        [Key<CustomerService>(nameof(CustomerService.ListOrdersAsync))] = async (c, r) =>
            (await c.Get<CustomerService>().ListOrdersAsync(r.CustomerId, new PageRequest())).Items.Any(o => o.Id == r.OrderId),
        [Key<CustomerService>(nameof(CustomerService.ListInteractionsAsync))] = async (c, r) =>
            (await c.Get<CustomerService>().ListInteractionsAsync(r.CustomerId, new PageRequest())).Items.Any(i => i.Id == r.InteractionId),
        [Key<CustomerRecordsService>(nameof(CustomerRecordsService.GetInteractionAsync))] = async (c, r) =>
            await c.Get<CustomerRecordsService>().GetInteractionAsync(r.CustomerId, r.InteractionId) is not null,
        [Key<CustomerRecordsService>(nameof(CustomerRecordsService.GetContactAsync))] = async (c, r) =>
            await c.Get<CustomerRecordsService>().GetContactAsync(r.CustomerId, r.ContactId) is not null,
        [Key<CustomerTrackingService>(nameof(CustomerTrackingService.ListTicketsAsync))] = async (c, r) =>
            (await c.Get<CustomerTrackingService>().ListTicketsAsync(r.CustomerId, new PageRequest())).Items.Any(t => t.Id == r.TicketId),
        [Key<CustomerTrackingService>(nameof(CustomerTrackingService.OrderLinesAsync))] = async (c, r) =>
            (await c.Get<CustomerTrackingService>().OrderLinesAsync(r.OrderId)).Count > 0,
        [Key<CustomerTrackingService>(nameof(CustomerTrackingService.TimelineAsync))] = async (c, r) =>
            (await c.Get<CustomerTrackingService>().TimelineAsync(r.CustomerId)).Entries.Any(e => e.RecordId == r.OrderId),
        [Key<TicketService>(nameof(TicketService.CustomerChoicesAsync))] = async (c, r) =>
            (await c.Get<TicketService>().CustomerChoicesAsync(r.Name)).Any(x => x.Id == r.CustomerId),
        [Key<ChurnService>(nameof(ChurnService.GetAsync))] = async (c, r) => (await c.Get<ChurnService>().GetAsync(r.ChurnCaseId)).Status == LookupStatus.Found,
        [Key<ChurnService>(nameof(ChurnService.ListAsync))] = async (c, r) =>
            (await c.Get<ChurnService>().ListAsync(new ChurnQuery { Text = r.Name, Take = 50 })).Items.Any(x => x.Id == r.ChurnCaseId),

        // opportunities
        [Key<OpportunityService>(nameof(OpportunityService.GetAsync))] = async (c, r) => (await c.Get<OpportunityService>().GetAsync(r.OpportunityId)).Status == LookupStatus.Found,
        [Key<OpportunityService>(nameof(OpportunityService.ListAsync))] = async (c, r) =>
            (await c.Get<OpportunityService>().ListAsync(new OpportunityQuery { Text = r.Name, Take = 50 })).Items.Any(x => x.Id == r.OpportunityId),
        [Key<OpportunityBoardService>(nameof(OpportunityBoardService.GetAsync))] = async (c, r) =>
            (await c.Get<OpportunityBoardService>().GetAsync(new BoardFilter())).Cards.Any(x => x.Id == r.OpportunityId),

        // tickets
        [Key<TicketService>(nameof(TicketService.GetAsync))] = async (c, r) => (await c.Get<TicketService>().GetAsync(r.TicketId)).Status == LookupStatus.Found,
        [Key<TicketService>(nameof(TicketService.ListAsync))] = async (c, r) =>
            (await c.Get<TicketService>().ListAsync(new TicketQuery { CustomerId = r.CustomerId })).Items.Any(x => x.Id == r.TicketId),
        [Key<TicketService>(nameof(TicketService.StreamAsync))] = async (c, r) =>
            await c.Get<TicketService>().StreamAsync(new TicketQuery { CustomerId = r.CustomerId }).AnyAsync(x => x.Id == r.TicketId),
        [Key<TicketBoardService>(nameof(TicketBoardService.GetAsync))] = async (c, r) => (await c.Get<TicketBoardService>().GetAsync()).Cards.Any(x => x.Id == r.TicketId),

        // follow-up tasks and revisits
        [Key<FollowUpService>(nameof(FollowUpService.GetAsync))] = async (c, r) => (await c.Get<FollowUpService>().GetAsync(r.TaskId)).Status == LookupStatus.Found,
        [Key<FollowUpService>(nameof(FollowUpService.ListAsync))] = async (c, r) =>
        {
            // every page: a database shared with other test classes may hold many more tasks due today
            for (var skip = 0; ; skip += 200)
            {
                var page = await c.Get<FollowUpService>().ListAsync(new FollowUpQuery { Bucket = FollowUpBucket.DueToday, Skip = skip, Take = 200 });
                if (page.Items.Any(x => x.Id == r.TaskId)) return true;
                if (page.Items.Count == 0 || skip + page.Items.Count >= page.Total) return false;
            }
        },
        [Key<RevisitService>(nameof(RevisitService.GetAsync))] = async (c, r) => (await c.Get<RevisitService>().GetAsync(r.RevisitId)).Status == LookupStatus.Found,

        // changes through a record's id (the "inline edit with a foreign id" hole)
        [Key<CustomerEditService>(nameof(CustomerEditService.EditAsync))] = async (c, r) =>
        {
            await c.Get<CustomerEditService>().EditAsync(r.CustomerId, await c.VersionAsync<Customer>(r.CustomerId),
                new CustomerDetails { Name = r.Name, RegionCode = null, IndustryCode = "it", Phone = "021-62345679" }, r.OwnerId);
            return true;
        },
        [Key<CustomerEditService>(nameof(CustomerEditService.AddTagAsync))] = async (c, r) =>
        {
            await c.Get<CustomerEditService>().AddTagAsync(r.CustomerId, "vip");
            return true;
        },
        [Key<CustomerRecordsService>(nameof(CustomerRecordsService.EditContactAsync))] = async (c, r) =>
            await c.Get<CustomerRecordsService>().EditContactAsync(r.CustomerId, await c.VersionAsync<Customer>(r.CustomerId), r.ContactId,
                new ContactDetails { Name = "改名 联系人", Mobile = "13912345678", IsPrimary = true }) == r.ContactId,
        [Key<CustomerRecordsService>(nameof(CustomerRecordsService.AddInteractionAsync))] = async (c, r) =>
            await c.Get<CustomerRecordsService>().AddInteractionAsync(r.CustomerId, new InteractionInput(c.Fx.Clock.Today, null, "电话沟通", null, null)) > 0,
        [Key<CustomerRecordsService>(nameof(CustomerRecordsService.EditInteractionAsync))] = async (c, r) =>
        {
            await c.Get<CustomerRecordsService>().EditInteractionAsync(r.CustomerId, r.InteractionId, await c.VersionAsync<Interaction>(r.InteractionId),
                new InteractionInput(c.Fx.Clock.Today, "北京", "改过的拜访", null, null));
            return true;
        },
        [Key<TicketService>(nameof(TicketService.CreateAsync))] = async (c, r) =>
            await c.Get<TicketService>().CreateAsync(new TicketInput("consultation", TicketPriority.Normal, "新工单", r.CustomerId, "客户来电")) > 0,
        [Key<TicketService>(nameof(TicketService.EditAsync))] = async (c, r) =>
        {
            await c.Get<TicketService>().EditAsync(r.TicketId, await c.VersionAsync<ServiceTicket>(r.TicketId),
                new TicketInput("consultation", TicketPriority.High, "改过的工单", r.CustomerId, "客户来电"));
            return true;
        },
        [Key<TicketService>(nameof(TicketService.HandleAsync))] = async (c, r) =>
        {
            await c.Get<TicketService>().HandleAsync(r.TicketId, await c.VersionAsync<ServiceTicket>(r.TicketId), "已电话解决");
            return true;
        },
        [Key<OpportunityService>(nameof(OpportunityService.AddPlanStepAsync))] = async (c, r) =>
        {
            await c.Get<OpportunityService>().AddPlanStepAsync(r.OpportunityId, await c.VersionAsync<Opportunity>(r.OpportunityId),
                c.Fx.Clock.Today.AddDays(3), "上门演示");
            return true;
        },
        [Key<CustomerEditService>(nameof(CustomerEditService.RemoveTagAsync))] = async (c, r) =>
        {
            await c.Get<CustomerEditService>().RemoveTagAsync(r.CustomerId, "vip");
            return true;
        },
        [Key<CustomerRecordsService>(nameof(CustomerRecordsService.AddContactAsync))] = async (c, r) =>
            await c.Get<CustomerRecordsService>().AddContactAsync(r.CustomerId, await c.VersionAsync<Customer>(r.CustomerId),
                new ContactDetails { Name = "新联系人", Mobile = "13700001111" }) > 0,
        [Key<OpportunityService>(nameof(OpportunityService.StartDevelopmentAsync))] = async (c, r) =>
        {
            await c.Get<OpportunityService>().StartDevelopmentAsync(r.OpportunityId, await c.VersionAsync<Opportunity>(r.OpportunityId));
            return true;
        },
        [Key<OpportunityService>(nameof(OpportunityService.MarkLostAsync))] = async (c, r) =>
        {
            var opportunities = c.Get<OpportunityService>();
            await opportunities.StartDevelopmentAsync(r.OpportunityId, await c.VersionAsync<Opportunity>(r.OpportunityId));
            await opportunities.MarkLostAsync(r.OpportunityId, await c.VersionAsync<Opportunity>(r.OpportunityId), "预算取消");
            return true;
        },
        [Key<ChurnService>(nameof(ChurnService.ConfirmAsync))] = async (c, r) =>
        {
            await c.Get<ChurnService>().ConfirmAsync(r.ChurnCaseId, await c.VersionAsync<ChurnCase>(r.ChurnCaseId), "price", "转向低价供应商");
            return true;
        },
        [Key<FollowUpService>(nameof(FollowUpService.CompleteAsync))] = async (c, r) =>
        {
            await c.Get<FollowUpService>().CompleteAsync(r.TaskId, await c.VersionAsync<FollowUpTask>(r.TaskId),
                new FollowUpRecord(c.Fx.Clock.Today, "phone", "电话回访", null, null));
            return true;
        },
        [Key<RevisitService>(nameof(RevisitService.CompleteAsync))] = async (c, r) =>
        {
            await c.Get<RevisitService>().CompleteAsync(r.RevisitId, await c.VersionAsync<FollowUpTask>(r.RevisitId),
                new RevisitRecord(c.Fx.Clock.Today, "phone", "满意", 5, null));
            return true;
        },
        [Key<ChurnService>(nameof(ChurnService.PostponeAsync))] = async (c, r) =>
        {
            await c.Get<ChurnService>().PostponeAsync(r.ChurnCaseId, await c.VersionAsync<ChurnCase>(r.ChurnCaseId), "安排回访");
            return true;
        },
    };

    public static TheoryData<string> ProbedMethods() => [.. Probes.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether the rule lets <paramref name="role"/> reach a record of <paramref name="owner"/>.</summary>
    private bool Expected(MethodRule rule, string role, TestData.User owner) => rule.ReachFor(role) switch
    {
        Reach.All => true,
        Reach.Team => _people.InTeamA(owner),
        Reach.Own => owner.Id == _people.Actor(role).Id,
        _ => false,
    };

    [Theory]
    [MemberData(nameof(ProbedMethods))]
    public async Task Method_EveryRoleOnOwnTeamAndOtherRecords_MatchesItsRule(string method)
    {
        var rule = AccessRules.Methods.Single(r => r.Key == method);
        var wrong = new List<string>();
        foreach (var role in Roles.All)
        {
            var scope = await _people.ScopeAsync(fx, _people.Actor(role));
            foreach (var relation in Enum.GetValues<Relation>())
            {
                var owner = _people.OwnerFor(role, relation);
                var expected = Expected(rule, role, owner);
                var (actual, why) = await RunAsync(Probes[method], new Caller(fx, scope), _records[owner.Id]);
                if (actual != expected)
                    wrong.Add($"{role} on {relation.ToString().ToLowerInvariant()} record: expected {(expected ? "allowed" : "refused")}, got {(actual ? "allowed" : "refused")}{why}");
            }
        }
        Assert.True(wrong.Count == 0, $"{method} ({rule.Kind}, rule: {string.Join(", ", Roles.All.Select(r => $"{r}={rule.RecordsFor(r)}"))}):\n  {string.Join("\n  ", wrong)}");
    }

    private static async Task<(bool Reached, string Why)> RunAsync(Probe probe, Caller caller, OwnedRecords target)
    {
        try
        {
            return (await probe(caller, target), "");
        }
        catch (DomainException e)
        {
            return (false, $" ({e.Code}: {e.Message})");
        }
    }
}

public sealed class RecordAccessTests_Sqlite(SqliteFixture fx) : RecordAccessTests(fx), IClassFixture<SqliteFixture>;

public sealed class RecordAccessTests_Postgres(PostgresFixture fx) : RecordAccessTests(fx), IClassFixture<PostgresFixture>;
