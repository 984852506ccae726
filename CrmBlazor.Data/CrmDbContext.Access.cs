using System.Linq.Expressions;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.CustomerEvents;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Domain.Service;
using CrmBlazor.Domain.Value;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data;

/// <summary>
/// Record-level access (PRODUCT.md §1) as global query filters — the one mechanism every service
/// inherits by querying through a scoped context. The model is built once per
/// <see cref="AccessProfile"/> (see <see cref="Infrastructure.AccessModelCacheKeyFactory"/>), so a
/// profile that sees everything gets no filter at all and an account manager's query is a plain,
/// index-friendly <c>OwnerId = @me</c>. Child records (contacts, orders, plan steps, …) are
/// visible exactly when their parent is.
/// </summary>
public sealed partial class CrmDbContext
{
    // Referenced from the filters; EF re-reads them from the context that runs the query.
    private string? AccessUserId => Scope.UserId;
    private IReadOnlyList<string> AccessTeamUserIds => Scope.TeamUserIds;

    private void ApplyAccessFilters(ModelBuilder b)
    {
        var profile = Scope.Profile;
        var seesAllCustomers = profile is AccessProfile.System or AccessProfile.Admin or AccessProfile.Executive or AccessProfile.CustomerService;
        var seesAllOpportunities = profile is AccessProfile.System or AccessProfile.Admin or AccessProfile.Executive;
        var seesAllTickets = seesAllCustomers;

        Expression<Func<Customer, bool>>? customer = profile switch
        {
            _ when seesAllCustomers => null,
            AccessProfile.SalesManager => c => c.OwnerId == null || AccessTeamUserIds.Contains(c.OwnerId),
            AccessProfile.AccountManager => c => c.OwnerId == AccessUserId,
            _ => c => false,
        };
        if (customer is not null)
        {
            b.Entity<Customer>().HasQueryFilter(customer);
            b.Entity<Contact>().HasQueryFilter(x => Customers.Any(c => c.Id == x.CustomerId));
            b.Entity<Interaction>().HasQueryFilter(x => Customers.Any(c => c.Id == x.CustomerId));
            b.Entity<CustomerTag>().HasQueryFilter(x => Customers.Any(c => c.Id == x.CustomerId));
            b.Entity<Order>().HasQueryFilter(x => Customers.Any(c => c.Id == x.CustomerId));
            b.Entity<OrderLine>().HasQueryFilter(x => Orders.Any(o => o.Id == x.OrderId));
            b.Entity<BehaviourEvent>().HasQueryFilter(x => Customers.Any(c => c.Id == x.CustomerId));
            b.Entity<StageHistoryEntry>().HasQueryFilter(x => Customers.Any(c => c.Id == x.CustomerId));
            b.Entity<ChurnCase>().HasQueryFilter(x => Customers.Any(c => c.Id == x.CustomerId));
            b.Entity<ChurnCaseEntry>().HasQueryFilter(x => ChurnCases.Any(c => c.Id == x.ChurnCaseId));
            b.Entity<CustomerValueScore>().HasQueryFilter(x => Customers.Any(c => c.Id == x.CustomerId));
            b.Entity<EventInvitation>().HasQueryFilter(x => Customers.Any(c => c.Id == x.CustomerId));
        }
        // the report aggregates carry the owner ('' = unowned), so the same rule is a plain column test
        Expression<Func<string, bool>>? ownerSeen = profile switch
        {
            _ when seesAllCustomers => null,
            AccessProfile.SalesManager => o => o == "" || AccessTeamUserIds.Contains(o),
            AccessProfile.AccountManager => o => o == AccessUserId,
            _ => o => false,
        };
        if (ownerSeen is not null)
        {
            b.Entity<Reports.CustomerCubeFact>().HasQueryFilter(ReportFilter<Reports.CustomerCubeFact>(ownerSeen, x => x.OwnerId));
            b.Entity<Reports.CustomerRevenueFact>().HasQueryFilter(ReportFilter<Reports.CustomerRevenueFact>(ownerSeen, x => x.OwnerId));
            b.Entity<Reports.StageFlowFact>().HasQueryFilter(ReportFilter<Reports.StageFlowFact>(ownerSeen, x => x.OwnerId));
            b.Entity<Value.ValueSegmentFact>().HasQueryFilter(ReportFilter<Value.ValueSegmentFact>(ownerSeen, x => x.OwnerId));
            b.Entity<Value.ValueClvFact>().HasQueryFilter(ReportFilter<Value.ValueClvFact>(ownerSeen, x => x.OwnerId));
        }

        Expression<Func<Opportunity, bool>>? opportunity = profile switch
        {
            _ when seesAllOpportunities => null,
            AccessProfile.SalesManager => o => o.AssignedToId == null
                || AccessTeamUserIds.Contains(o.AssignedToId) || AccessTeamUserIds.Contains(o.CreatedById),
            AccessProfile.AccountManager => o => o.CreatedById == AccessUserId || o.AssignedToId == AccessUserId || o.InPool,
            _ => o => false,
        };
        if (opportunity is not null)
        {
            b.Entity<Opportunity>().HasQueryFilter(opportunity);
            b.Entity<DevelopmentPlanStep>().HasQueryFilter(x => Opportunities.Any(o => o.Id == x.OpportunityId));
            b.Entity<OpportunityHistoryEntry>().HasQueryFilter(x => Opportunities.Any(o => o.Id == x.OpportunityId));
        }

        Expression<Func<ServiceTicket, bool>>? ticket = profile switch
        {
            _ when seesAllTickets => null,
            AccessProfile.SalesManager => t => t.AssignedToId == null
                || AccessTeamUserIds.Contains(t.AssignedToId) || AccessTeamUserIds.Contains(t.CreatedById)
                || Customers.Any(c => c.Id == t.CustomerId),
            AccessProfile.AccountManager => t => t.CreatedById == AccessUserId || t.AssignedToId == AccessUserId
                || Customers.Any(c => c.Id == t.CustomerId),
            _ => t => false,
        };
        if (ticket is not null)
        {
            b.Entity<ServiceTicket>().HasQueryFilter(ticket);
            b.Entity<TicketHistoryEntry>().HasQueryFilter(x => Tickets.Any(t => t.Id == x.TicketId));
        }

        Expression<Func<FollowUpTask, bool>>? task = profile switch
        {
            AccessProfile.System or AccessProfile.Admin or AccessProfile.Executive => null,
            AccessProfile.SalesManager => t => AccessTeamUserIds.Contains(t.AssignedToId),
            AccessProfile.AccountManager or AccessProfile.CustomerService => t => t.AssignedToId == AccessUserId,
            _ => t => false,
        };
        if (task is not null) b.Entity<FollowUpTask>().HasQueryFilter(task);

        if (profile is not (AccessProfile.System or AccessProfile.Admin))
            b.Entity<AuditEntry>().HasQueryFilter(x => false);
    }

    private static Expression<Func<T, bool>> ReportFilter<T>(Expression<Func<string, bool>> ownerSeen, Expression<Func<T, string>> owner) =>
        Expression.Lambda<Func<T, bool>>(new ReplaceParameter(ownerSeen.Parameters[0], owner.Body).Visit(ownerSeen.Body), owner.Parameters[0]);

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
