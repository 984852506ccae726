using CrmBlazor.Domain.CustomerEvents;
using CrmBlazor.Web.Localization;

namespace CrmBlazor.Web.Features.CustomerEvents;

/// <summary>How event figures read: rates as percentages ("—" without data), stars with one decimal.</summary>
public static class EventText
{
    public static string Rate(double? fraction) => Formats.Percent(fraction is { } f ? f * 100 : null, 1);

    public static string Stars(double? average) => average is { } a ? Formats.Number((decimal)a, 1) + " / 5" : "—";

    public static string Place(UiText t, string? place, string? link) => (place, link) switch
    {
        ({ } p, { } l) => $"{p} · {l}",
        ({ } p, null) => p,
        (null, { } l) => t["Events.Online"] + " · " + l,
        _ => "—",
    };

    public static string StatusClass(CustomerEventStatus status) => "crm-status crm-status-event-" + status.ToString().ToLowerInvariant();
}
