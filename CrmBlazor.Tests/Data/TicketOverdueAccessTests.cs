using CrmBlazor.Data.Events;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;

namespace CrmBlazor.Tests.Data;

/// <summary>Who receives an overdue-ticket event: the same people who see the ticket.</summary>
public sealed class TicketOverdueAccessTests
{
    private static readonly TicketOverdue Event = new(7, 3, "am1", ["mgr"], DateTime.UtcNow, DateTime.UtcNow);

    [Fact]
    public void For_OverdueTicket_HandlerSupervisorTeamAndAllSeeingRoles_NotOthers()
    {
        Assert.NotNull(EventAccess.For(AccessScope.ForUser("am1", "am1", [Roles.AccountManager]), Event));
        Assert.Null(EventAccess.For(AccessScope.ForUser("am2", "am2", [Roles.AccountManager]), Event));
        Assert.NotNull(EventAccess.For(AccessScope.ForUser("mgr", "mgr", [Roles.SalesManager], ["am1"]), Event));
        Assert.Null(EventAccess.For(AccessScope.ForUser("mgr2", "mgr2", [Roles.SalesManager], ["am9"]), Event));
        Assert.NotNull(EventAccess.For(AccessScope.ForUser("cs", "cs", [Roles.CustomerService]), Event));
        Assert.NotNull(EventAccess.For(AccessScope.ForUser("ex", "ex", [Roles.Executive]), Event));
        Assert.True(Event.Concerns("mgr") && Event.Concerns("am1") && !Event.Concerns("am2"));
    }
}
