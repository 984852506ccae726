using CrmBlazor.Domain.Access;
using Microsoft.Extensions.Logging;

namespace CrmBlazor.Data.Events;

/// <summary>
/// The one in-process event hub: services publish after a successful commit; each subscriber (a
/// circuit, the SignalR bridge) receives only the events its <see cref="AccessScope"/> may see.
/// Subscribers are copied under the lock and invoked outside it, concurrently; one subscriber's
/// failure never reaches the publisher or the others.
/// </summary>
public sealed class CrmEventHub(ILogger<CrmEventHub> log)
{
    private readonly Lock _gate = new();
    private Subscription[] _subscribers = [];

    public int SubscriberCount => _subscribers.Length;

    public IDisposable Subscribe(AccessScope scope, Func<CrmEvent, Task> handler)
    {
        var subscription = new Subscription(this, scope, handler);
        lock (_gate) _subscribers = [.. _subscribers, subscription];
        return subscription;
    }

    /// <summary>
    /// Starts delivery to every subscriber that may see <paramref name="e"/> and returns without
    /// waiting for them: the user who made the change does not wait for a hundred other circuits
    /// to re-render. Each delivery runs on its subscriber's own circuit.
    /// </summary>
    public Task PublishAsync(CrmEvent e)
    {
        Subscription[] targets;
        lock (_gate) targets = _subscribers;
        foreach (var s in targets)
        {
            if (EventAccess.For(s.Scope, e) is { } visible)
                _ = DeliverAsync(s, visible);
        }
        return Task.CompletedTask;
    }

    private async Task DeliverAsync(Subscription s, CrmEvent e)
    {
        try
        {
            await s.Handler(e);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "An event subscriber of {User} failed on {Event}", s.Scope.UserName, e.GetType().Name);
        }
    }

    private void Remove(Subscription s)
    {
        lock (_gate) _subscribers = _subscribers.Where(x => !ReferenceEquals(x, s)).ToArray();
    }

    private sealed class Subscription(CrmEventHub hub, AccessScope scope, Func<CrmEvent, Task> handler) : IDisposable
    {
        public AccessScope Scope { get; } = scope;
        public Func<CrmEvent, Task> Handler { get; } = handler;
        public void Dispose() => hub.Remove(this);
    }
}
