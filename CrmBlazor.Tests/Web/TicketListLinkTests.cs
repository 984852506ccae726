using CrmBlazor.Data.Service;
using CrmBlazor.Domain.Service;
using CrmBlazor.Web.Features.Service;

namespace CrmBlazor.Tests.Web;

/// <summary>The drill-down from the service analysis to the ticket list, and the reminder titles the dashboard translates.</summary>
public sealed class TicketListLinkTests
{
    [Fact]
    public void For_FiltersAsQueryParameters_UnassignedAsNone()
    {
        Assert.Equal("service?type=complaint&from=2026-10-01&to=2026-10-31&handler=none",
            TicketListLink.For("complaint", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), ServiceQuality.Unassigned));
        Assert.Equal("service?status=Assigned&handler=a%20b", TicketListLink.For(handler: "a b", status: TicketStatus.Assigned));
        Assert.Equal("service", TicketListLink.For());
    }

    [Fact]
    public void Month_ClippedToTheReportsRange()
    {
        Assert.Equal((new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 28)), TicketListLink.Month("2026-02", new DateOnly(2026, 2, 10), new DateOnly(2026, 11, 22)));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 22)), TicketListLink.Month("2026-11", new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 22)));
    }

    [Fact]
    public void ReminderTitle_RoundTrips()
    {
        Assert.True(TicketReminderService.TryParseTitle(TicketReminderService.Title(42), out var id));
        Assert.Equal(42, id);
        Assert.False(TicketReminderService.TryParseTitle("Ticket x is overdue", out _));
    }
}
