using System.Globalization;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Audit;
using CrmBlazor.Data.Service;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Service;
using CrmBlazor.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Web.Features.Service;

/// <summary>
/// CSV export of the filtered ticket list (GET /service/export.csv with the list's filters as query
/// parameters). Rows stream from the database to the response; the caller's record access applies
/// (the same scoped service the page uses); the export is audited before the first row leaves.
/// </summary>
public static class TicketExport
{
    public static void MapTicketExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/service/export.csv", ExportAsync).RequireAuthorization(Security.Policies.Service);

    public static string ToQueryString(TicketQuery q)
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("text", q.Text?.Trim());
        Add("status", q.Status?.ToString());
        Add("type", q.TypeCode);
        Add("customer", q.CustomerId?.ToString(CultureInfo.InvariantCulture));
        Add("handler", q.Unassigned ? TicketListLink.Unassigned : q.AssignedToId);
        Add("from", q.CreatedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", q.CreatedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("stars", q.Satisfaction?.ToString(CultureInfo.InvariantCulture));
        Add("sort", q.SortBy);
        if (q.Descending) Add("desc", "1");
        return string.Join('&', parts);
    }

    /// <summary>Reads the filters back; null with the offending parameter when a value is malformed.</summary>
    public static TicketQuery? FromQuery(IQueryCollection query, out string? error)
    {
        error = null;
        string? Opt(string name) => string.IsNullOrWhiteSpace(query[name].ToString()) ? null : query[name].ToString().Trim();
        TicketStatus? status = null;
        if (Opt("status") is { } s)
        {
            if (!Enum.TryParse<TicketStatus>(s, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)) { error = $"status: '{s}'"; return null; }
            status = parsed;
        }
        int? Int(string name, int min, int max, ref string? err)
        {
            if (Opt(name) is not { } text) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
            err = $"{name}: '{text}'";
            return null;
        }
        DateOnly? Date(string name, ref string? err)
        {
            if (Opt(name) is not { } text) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            err = $"{name}: '{text}'";
            return null;
        }
        var customer = Int("customer", 1, int.MaxValue, ref error);
        var stars = Int("stars", 1, 5, ref error);
        var from = Date("from", ref error);
        var to = Date("to", ref error);
        if (error is not null) return null;
        return new TicketQuery
        {
            Text = Opt("text"), Status = status, TypeCode = Opt("type"), CustomerId = customer,
            AssignedToId = Opt("handler") is { } h && h != TicketListLink.Unassigned ? h : null, Unassigned = Opt("handler") == TicketListLink.Unassigned,
            CreatedFrom = from, CreatedTo = to, Satisfaction = stars, SortBy = Opt("sort"), Descending = query["desc"] == "1",
        };
    }

    /// <summary>The ticket service acting for an explicit caller (the export's signed-in user).</summary>
    private static TicketService ServiceFor(IServiceProvider services, Domain.Access.AccessScope scope) => new(
        new CrmDbFactory(services.GetRequiredService<IDbContextFactory<Data.CrmDbContext>>(), new FixedCurrentUser(scope), services.GetRequiredService<TimeProvider>()),
        services.GetRequiredService<Data.Events.CrmEventHub>(), services.GetRequiredService<UserDirectory>(), services.GetRequiredService<Data.Lookups.DictionaryCache>(),
        services.GetRequiredService<Data.Lifecycle.LifecycleEvaluator>(), services.GetRequiredService<TimeProvider>());

    private static async Task<IResult> ExportAsync(HttpContext http, UserDirectory users, AuditLog audit, UiText text, CancellationToken ct)
    {
        var query = FromQuery(http.Request.Query, out var error);
        await text.LoadAsync(ct);
        if (query is null) return Results.BadRequest(text["Service.ExportBadFilter", error]);
        var id = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (id is null) return Results.Unauthorized();
        var scope = await users.ScopeForAsync(id, http.User.Identity?.Name ?? id, http.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value), ct);
        var tickets = ServiceFor(http.RequestServices, scope);
        // audited before the first row leaves, so an interrupted download is on record too
        await audit.WriteAsync(AuditAction.Export, scope.UserId, scope.UserName, nameof(ServiceTicket), null,
            new { started = true, filter = ToQueryString(query) }, http.Connection.RemoteIpAddress?.ToString(), ct);
        var directory = await users.GetAsync(ct);
        string Person(string? id) => id is not null && directory.Users.TryGetValue(id, out var u) ? u.Email : "";
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"tickets-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        var count = await TicketCsvExport.WriteAsync(tickets.StreamAsync(query, ct), http.Response.Body, Person, ct);
        await audit.WriteAsync(AuditAction.Export, scope.UserId, scope.UserName, nameof(ServiceTicket), null,
            new { rows = count, filter = ToQueryString(query) }, http.Connection.RemoteIpAddress?.ToString(), CancellationToken.None);
        return Results.Empty;
    }
}
