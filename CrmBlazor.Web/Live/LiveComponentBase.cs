using System.Globalization;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using Microsoft.AspNetCore.Components;

namespace CrmBlazor.Web.Live;

/// <summary>
/// A component that reacts to committed changes pushed by <see cref="CrmEventHub"/>: it subscribes
/// after its first render with the circuit's access scope (so it only hears about records the user
/// may see), handles each event on its own circuit with the circuit's culture restored (an event
/// runs on the publisher's thread, whose culture may be another user's), surfaces handler errors
/// through the error boundary, and unsubscribes when disposed.
/// <para>
/// Two speeds: <see cref="OnEventAsync"/> patches what the event itself carries and re-renders at
/// once (a new assignment, a card moving); re-reading aggregates or a page of a list goes through
/// <see cref="RefreshSoon"/>, which coalesces a burst of events into one <see cref="RefreshAsync"/>
/// shortly after the first — a hundred open pages do not each run a query per event.
/// </para>
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IDisposable? _subscription;
    private CultureInfo _culture = CultureInfo.CurrentCulture;
    private CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private DateTime? _refreshDue;
    private long _refreshGeneration;

    [Inject] private CrmEventHub Hub { get; set; } = default!;
    [Inject] private CrmDbFactory Db { get; set; } = default!;

    /// <summary>
    /// How long <see cref="RefreshSoon"/> gathers events before re-reading: 300 ms after a change to
    /// the user's own work, 1–2 s after other people's (at random, so that a hundred open pages do
    /// not all re-read in the same instant).
    /// </summary>
    private TimeSpan RefreshDelay(bool mine) => TimeSpan.FromMilliseconds(mine ? 300 : 1_000 + Random.Shared.Next(1_000));

    private string? _userId;
    private bool _handlingMine;

    protected override void OnInitialized()
    {
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        base.OnInitialized();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            var scope = await Db.GetScopeAsync();
            _userId = scope.UserId;
            _subscription = Hub.Subscribe(scope, e => InvokeAsync(() => InCircuitCultureAsync(async () =>
            {
                _handlingMine = _userId is not null && e.Concerns(_userId);
                try
                {
                    // a renamed dictionary entry: labels are read from the cache at render time, so rendering shows it
                    if (await OnEventAsync(e) || e is DictionaryChanged) StateHasChanged();
                }
                finally
                {
                    _handlingMine = false;
                }
            })));
        }
        await base.OnAfterRenderAsync(firstRender);
    }

    /// <summary>Patches the component's state for one event; returns whether to re-render now.</summary>
    protected abstract Task<bool> OnEventAsync(CrmEvent e);

    /// <summary>Re-reads what events cannot patch (aggregates, a page of a list); run by <see cref="RefreshSoon"/>, followed by a render.</summary>
    protected virtual Task RefreshAsync() => Task.CompletedTask;

    /// <summary>
    /// Asks for one <see cref="RefreshAsync"/> and render shortly (see <see cref="RefreshDelay"/>);
    /// further calls meanwhile join it, unless they need it sooner.
    /// </summary>
    protected void RefreshSoon()
    {
        if (_disposed.IsCancellationRequested) return;
        var delay = RefreshDelay(_handlingMine);
        var due = DateTime.UtcNow + delay;
        if (_refreshDue is { } pending && pending <= due) return;
        _refreshDue = due;
        _ = RefreshLaterAsync(delay, ++_refreshGeneration, _handlingMine);
    }

    private async Task RefreshLaterAsync(TimeSpan delay, long generation, bool mine)
    {
        try
        {
            await Task.Delay(delay, _disposed.Token);
            Task Refresh() => _disposed.IsCancellationRequested ? Task.CompletedTask : InvokeAsync(() => InCircuitCultureAsync(async () =>
            {
                if (generation != _refreshGeneration) return; // a sooner one replaced this
                _refreshDue = null;
                await RefreshAsync();
                StateHasChanged();
            }));
            if (mine) await Refresh();
            else Hub.RunInBackground(Refresh); // other people's changes: the observers' lane
        }
        catch (Exception) when (_disposed.IsCancellationRequested)
        {
            // the page was closed meanwhile
        }
    }

    private async Task InCircuitCultureAsync(Func<Task> work)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await DispatchExceptionAsync(ex);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    public virtual void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        GC.SuppressFinalize(this);
    }
}
