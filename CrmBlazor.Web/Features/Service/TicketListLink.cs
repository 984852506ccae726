using System.Globalization;
using CrmBlazor.Domain.Service;

namespace CrmBlazor.Web.Features.Service;

/// <summary>
/// The drill-down from a report to the ticket list behind a bar: the list's page with the filters
/// as query parameters <c>type</c>, <c>status</c>, <c>from</c>, <c>to</c> (yyyy-MM-dd, creation date)
/// and <c>handler</c> (a user id; <c>none</c> for unassigned tickets).
/// </summary>
public static class TicketListLink
{
    public const string Path = "service";
    public const string Unassigned = "none";

    public static string For(string? type = null, DateOnly? from = null, DateOnly? to = null, string? handler = null, TicketStatus? status = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("type", type);
        Add("status", status?.ToString());
        Add("from", from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("handler", handler == ServiceQuality.Unassigned ? Unassigned : handler);
        return parts.Count == 0 ? Path : $"{Path}?{string.Join('&', parts)}";
    }

    /// <summary>The first and last day of a <see cref="ServiceQuality.MonthKey"/> month, clipped to the report's range.</summary>
    public static (DateOnly From, DateOnly To) Month(string monthKey, DateOnly from, DateOnly to)
    {
        var first = DateOnly.ParseExact(monthKey + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = first.AddMonths(1).AddDays(-1);
        return (first < from ? from : first, last > to ? to : last);
    }
}
