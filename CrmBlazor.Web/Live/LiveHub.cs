using System.Security.Claims;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CrmBlazor.Web.Live;

/// <summary>
/// <c>/hubs/live</c>: the same live events the Blazor pages receive, for non-Blazor clients such as a
/// wall display (docs/live-hub.md). Signed-in users only; each connection joins the group of its user
/// and of each of its roles. Messages: <c>opportunityChanged</c>, <c>ticketChanged</c>.
/// </summary>
[Authorize]
public sealed class LiveHub : Hub
{
    public static string UserGroup(string userId) => "user:" + userId;
    public static string RoleGroup(string role) => "role:" + role;

    public override async Task OnConnectedAsync()
    {
        if (Context.UserIdentifier is { } id) await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(id));
        foreach (var role in Context.User?.FindAll(ClaimTypes.Role) ?? [])
            await Groups.AddToGroupAsync(Context.ConnectionId, RoleGroup(role.Value));
        await base.OnConnectedAsync();
    }
}

/// <summary>
/// Forwards hub events to <see cref="LiveHub"/> clients: once to the Admin and Executive role groups
/// (they see everything), and to the group of every other user who may see the record — with the
/// record stripped for someone who only learns it left their view. The same rules as the pages.
/// </summary>
public sealed class LiveHubBridge(CrmEventHub events, IHubContext<LiveHub> hub, UserDirectory users, ILogger<LiveHubBridge> log) : IHostedService
{
    private static readonly string[] SeeEverything = [Roles.Admin, Roles.Executive];
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(AccessScope.System, ForwardAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task ForwardAsync(CrmEvent e)
    {
        var method = e switch
        {
            OpportunityChanged => "opportunityChanged",
            TicketChanged => "ticketChanged",
            _ => null,
        };
        if (method is null) return;
        var sends = new List<Task>();
        foreach (var role in SeeEverything)
            sends.Add(hub.Clients.Group(LiveHub.RoleGroup(role)).SendAsync(method, e));
        var directory = await users.GetAsync();
        foreach (var user in directory.Users.Values.Where(u => u.IsActive && !u.Roles.Any(SeeEverything.Contains)))
        {
            var scope = await users.ScopeForAsync(user.Id, user.Email, user.Roles);
            if (EventAccess.For(scope, e) is { } visible)
                sends.Add(hub.Clients.Group(LiveHub.UserGroup(user.Id)).SendAsync(method, visible));
        }
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Forwarding {Event} to /hubs/live failed", e.GetType().Name);
        }
    }
}
