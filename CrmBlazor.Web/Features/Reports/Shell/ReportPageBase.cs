using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Reports;
using CrmBlazor.Web.Features.Customers;
using CrmBlazor.Web.Live;
using CrmBlazor.Web.Localization;
using Microsoft.AspNetCore.Components;

namespace CrmBlazor.Web.Features.Reports.Shell;

/// <summary>
/// A report page: holds the filter, loads the report through its service (which enforces access
/// and applies the filter), re-loads when committed changes arrive through the event hub — customers
/// changed or imported, stages moved, churn warnings, a recompute, an opportunity won (it creates an
/// order) — and builds drill-down links to the customer list behind a bar or slice.
/// </summary>
public abstract class ReportPageBase : LiveComponentBase
{
    [Inject] protected UiText T { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] private Radzen.NotificationService Notifications { get; set; } = default!;

    protected ReportFilter Filter { get; set; } = new();

    /// <summary>When the data shown was read (UTC); the page says so, and shows it changing on a live refresh.</summary>
    protected DateTime? LoadedAt { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        await T.LoadAsync();
        // the address carries the filter (bookmarks, shared links); a malformed one is said, and ignored
        var linked = ReportLink.FromQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query, InitialFilter(), out var badLink);
        Filter = linked ?? InitialFilter();
        if (badLink is not null)
            Notifications.Notify(Radzen.NotificationSeverity.Warning, T["Reports.BadLinkTitle"], T["Reports.BadLink", badLink], TimeSpan.FromSeconds(8));
        await ReloadAsync();
    }

    /// <summary>The filter a page opens with.</summary>
    protected virtual ReportFilter InitialFilter() => new();

    /// <summary>Reads the report for <see cref="Filter"/> through its service.</summary>
    protected abstract Task LoadAsync();

    protected async Task OnFilterChangedAsync(ReportFilter filter)
    {
        Filter = filter;
        var query = ReportLink.ToQueryString(filter);
        var path = Navigation.ToAbsoluteUri(Navigation.Uri).GetLeftPart(UriPartial.Path);
        Navigation.NavigateTo(query.Length == 0 ? path : path + "?" + query, replace: true);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        await LoadAsync();
        LoadedAt = DateTime.UtcNow;
    }

    protected override Task<bool> OnEventAsync(CrmEvent e)
    {
        if (e is CustomerChanged or CustomerStageChanged or ChurnWarningChanged or LifecycleRecomputed
            or OpportunityChanged { Change: OpportunityChange.Won })
            RefreshSoon();
        return Task.FromResult(false);
    }

    protected override Task RefreshAsync() => ReloadAsync();

    /// <summary>Opens the customer list filtered to exactly the customers behind a bar or slice: the report's dimensions plus <paramref name="behind"/>.</summary>
    protected void DrillDown(CustomerQuery behind) => Navigation.NavigateTo(CustomerLink(behind));

    protected string CustomerLink(CustomerQuery behind) => "customers?" + CustomerExport.ToQueryString(behind with
    {
        RegionCode = behind.RegionCode ?? Filter.RegionCode,
        IndustryCode = behind.IndustryCode ?? Filter.IndustryCode,
        OwnerId = behind.OwnerId ?? Filter.OwnerId,
        LevelCode = behind.LevelCode ?? Filter.LevelCode,
        Stage = behind.Stage ?? Filter.Stage,
    });
}
