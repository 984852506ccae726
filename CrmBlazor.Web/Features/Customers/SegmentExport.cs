using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Audit;
using CrmBlazor.Data.Segments;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Web.Features.Customers;

/// <summary>
/// CSV of a saved segment's contacts (GET /segments/{id}/export.csv, <c>consent=1</c> for consenting
/// contacts only): the members as the caller sees them today, personal fields masked where the caller
/// may not see them in clear, audited like the customer export.
/// </summary>
public static class SegmentExport
{
    public static void MapSegmentExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/segments/{id:int}/export.csv", ExportAsync).RequireAuthorization(Security.Policies.Customers);

    public static string Link(int id, bool consentOnly) => $"segments/{id}/export.csv" + (consentOnly ? "?consent=1" : "");

    private static async Task<IResult> ExportAsync(int id, HttpContext http, UserDirectory users, AuditLog audit, UiText text, CancellationToken ct)
    {
        await text.LoadAsync(ct);
        var user = http.User;
        var userId = user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (userId is null) return Results.Unauthorized();
        var scope = await users.ScopeForAsync(userId, user.Identity?.Name ?? userId, user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value), ct);
        if (!scope.Can(Capability.EditCustomers)) return Results.Forbid();
        var consentOnly = http.Request.Query["consent"] == "1";
        var factory = new CrmDbFactory(http.RequestServices.GetRequiredService<IDbContextFactory<CrmDbContext>>(), new FixedCurrentUser(scope), http.RequestServices.GetRequiredService<TimeProvider>());
        var segments = new SegmentService(factory, http.RequestServices.GetRequiredService<TimeProvider>());
        var found = await segments.GetAsync(id, ct);
        if (found.Status == Data.Common.LookupStatus.NotFound) return Results.NotFound(text["Error.Record.NotFound"]);
        if (found.Status == Data.Common.LookupStatus.Denied) return Results.Forbid();
        var filter = new { segment = id, consentOnly };
        await audit.WriteAsync(AuditAction.Export, scope.UserId, scope.UserName, nameof(Contact), null, new { started = true, filter }, http.Connection.RemoteIpAddress?.ToString(), ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"segment-{id}-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        var directory = await users.GetAsync(ct);
        string Owner(string? o) => o is not null && directory.Users.TryGetValue(o, out var u) ? u.Email : "";
        var count = await SegmentCsvExport.WriteAsync(segments.StreamContactsAsync(id, consentOnly, ct), http.Response.Body, Owner, ct);
        await audit.WriteAsync(AuditAction.Export, scope.UserId, scope.UserName, nameof(Contact), null, new { rows = count, filter }, http.Connection.RemoteIpAddress?.ToString(), CancellationToken.None);
        return Results.Empty;
    }
}
