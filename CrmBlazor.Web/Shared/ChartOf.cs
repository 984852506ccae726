using Microsoft.AspNetCore.Components;

namespace CrmBlazor.Web.Shared;

/// <summary>
/// A chart drawn from one list of immutable rows: it prepares its points and renders only when
/// the rows' values changed. A live page re-renders on every pushed change and re-reads its
/// aggregates shortly after; an unchanged chart then costs neither the server's rendering nor the
/// browser's redrawing.
/// </summary>
public abstract class ChartOf<TRow> : ComponentBase
{
    private IReadOnlyList<TRow>? _drawn;
    private bool _changed = true;

    /// <summary>The rows the chart shows (the component's one data parameter).</summary>
    protected abstract IReadOnlyList<TRow> Rows { get; }

    /// <summary>Turns <see cref="Rows"/> into what the markup draws; called only when they changed.</summary>
    protected abstract void Prepare();

    protected sealed override void OnParametersSet()
    {
        _changed = _drawn is null || !_drawn.SequenceEqual(Rows);
        if (!_changed) return;
        _drawn = Rows;
        Prepare();
    }

    protected override bool ShouldRender() => _changed;
}
