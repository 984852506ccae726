using System.Collections.Concurrent;
using CrmBlazor.Domain.Access;
using Microsoft.Extensions.Logging;

namespace CrmBlazor.Data.Events;

/// <summary>
/// The one in-process event hub: services publish after a successful commit; each subscriber (a
/// circuit, the SignalR bridge) receives only the events its <see cref="AccessScope"/> may see.
/// Subscribers are copied under the lock and invoked outside it; one subscriber's failure never
/// reaches the publisher or the others.
/// <para>
/// Two lanes: subscribers a change concerns directly (the new assignee) are served at once on the
/// publisher's thread; everyone else — observers such as other boards and dashboards, and their
/// coalesced re-reads (<see cref="RunInBackground"/>) — is served by one background thread, so on
/// a small server observers take at most about one core and never queue in front of the people
/// the change is for.
/// </para>
/// </summary>
public sealed class CrmEventHub : IDisposable
{
    /// <summary>How long the background lane waits for one observer before moving on (its work continues; the lane does not block on a busy circuit).</summary>
    private static readonly TimeSpan ObserverSlice = TimeSpan.FromMilliseconds(50);

    private readonly ILogger<CrmEventHub> _log;
    private readonly Lock _gate = new();
    private readonly BlockingCollection<Func<Task>> _background = [];
    private Subscription[] _subscribers = [];

    public CrmEventHub(ILogger<CrmEventHub> log)
    {
        _log = log;
        new Thread(RunBackgroundLane) { IsBackground = true, Name = "crm-event-observers" }.Start();
    }

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
    /// to re-render. Subscribers the change concerns directly are started first, on this thread;
    /// the others go to the background lane.
    /// </summary>
    public Task PublishAsync(CrmEvent e)
    {
        Subscription[] targets;
        lock (_gate) targets = _subscribers;
        List<(Subscription, CrmEvent)>? others = null;
        foreach (var s in targets)
        {
            if (EventAccess.For(s.Scope, e) is not { } visible) continue;
            if (s.Scope.UserId is { } user && e.Concerns(user)) _ = DeliverAsync(s, visible);
            else (others ??= []).Add((s, visible));
        }
        foreach (var (s, visible) in others ?? [])
            RunInBackground(() => DeliverAsync(s, visible));
        return Task.CompletedTask;
    }

    /// <summary>Queues observer work (a page's coalesced re-read) on the background lane.</summary>
    public void RunInBackground(Func<Task> work)
    {
        if (!_background.IsAddingCompleted) _background.TryAdd(work);
    }

    /// <summary>Completes when everything queued on the background lane before it has been started (tests; shutdown).</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_background.IsAddingCompleted || !_background.TryAdd(() => { done.TrySetResult(); return Task.CompletedTask; }))
            done.TrySetResult();
        return done.Task;
    }

    private void RunBackgroundLane()
    {
        LowerThisThreadsPriority();
        foreach (var work in _background.GetConsumingEnumerable())
        {
            try
            {
                work().Wait(ObserverSlice);
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "Background event work failed");
            }
        }
    }

    /// <summary>
    /// On Linux, gives the observers' thread a lower CPU priority (nice 10) so that the kernel, too,
    /// serves the interactive work first. A thread may always lower its own priority; elsewhere,
    /// or if the call fails, the lane simply runs at normal priority.
    /// </summary>
    private void LowerThisThreadsPriority()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            if (NativeMethods.setpriority(0, NativeMethods.gettid(), 10) != 0)
                _log.LogDebug("Could not lower the priority of the event observers' thread");
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _log.LogDebug(ex, "Could not lower the priority of the event observers' thread");
        }
    }

    private static class NativeMethods
    {
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        internal static extern int gettid();

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        internal static extern int setpriority(int which, int who, int prio);
    }

    private async Task DeliverAsync(Subscription s, CrmEvent e)
    {
        try
        {
            await s.Handler(e);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "An event subscriber of {User} failed on {Event}", s.Scope.UserId ?? s.Scope.UserName, e.GetType().Name); // the id: no e-mails in logs
        }
    }

    public void Dispose()
    {
        _background.CompleteAdding();
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
