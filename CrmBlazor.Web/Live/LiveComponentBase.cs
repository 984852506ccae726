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
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private CultureInfo _culture = CultureInfo.CurrentCulture;
    private CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    [Inject] private CrmEventHub Hub { get; set; } = default!;
    [Inject] private CrmDbFactory Db { get; set; } = default!;

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
            _subscription = Hub.Subscribe(scope, e => InvokeAsync(() => HandleAsync(e)));
        }
        await base.OnAfterRenderAsync(firstRender);
    }

    private async Task HandleAsync(CrmEvent e)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        try
        {
            if (await OnEventAsync(e)) StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    /// <summary>Patches the component's state for one event; returns whether anything changed (then it re-renders).</summary>
    protected abstract Task<bool> OnEventAsync(CrmEvent e);

    public virtual void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
