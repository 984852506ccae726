using CrmBlazor.Data.Import;
using System.Globalization;
using System.Text;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Audit;
using CrmBlazor.Data.CustomerEvents;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.CustomerEvents;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Web.Features.CustomerEvents;

/// <summary>
/// The participants of an event as CSV (GET /events/{id}/participants.csv): the invitations the
/// caller may see (own customers' for an account manager), contact name and e-mail masked as the
/// caller must see them (<see cref="Domain.Privacy.PersonalDataPolicy"/>), UTF-8 with BOM. The
/// export is audited before the first row leaves and again with the row count.
/// </summary>
public static class EventExport
{
    public static readonly string[] Columns =
        ["customer", "contact", "email", "registration", "responded_at", "attendance", "score", "passed", "satisfaction"];

    public static void MapEventExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/events/{id:int}/participants.csv", ExportAsync).RequireAuthorization(Security.Policies.Events);

    /// <returns>The number of participants written.</returns>
    public static async Task<long> WriteAsync(IAsyncEnumerable<InvitationRow> rows, Stream output, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Columns));
        long count = 0;
        var line = new StringBuilder(256);
        await foreach (var r in rows.WithCancellation(ct))
        {
            line.Clear();
            CsvWriting.AppendCell(line, r.CustomerName).Append(',');
            CsvWriting.AppendCell(line, r.ContactName).Append(',');
            CsvWriting.AppendCell(line, r.ContactEmail).Append(',');
            line.Append(r.Registration).Append(',');
            line.Append(r.RespondedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',');
            line.Append(r.Attendance?.ToString()).Append(',');
            line.Append(r.Score?.ToString("0.##", CultureInfo.InvariantCulture)).Append(',');
            line.Append(r.Passed switch { true => "yes", false => "no", null => "" }).Append(',');
            line.Append(r.Satisfaction?.ToString(CultureInfo.InvariantCulture));
            await writer.WriteLineAsync(line, ct);
            count++;
        }
        await writer.FlushAsync(ct);
        return count;
    }

    private static async Task<IResult> ExportAsync(int id, HttpContext http, UserDirectory users, AuditLog audit, CancellationToken ct)
    {
        var userId = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (userId is null) return Results.Unauthorized();
        var scope = await users.ScopeForAsync(userId, http.User.Identity?.Name ?? userId, http.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value), ct);
        var services = http.RequestServices;
        var factory = new CrmDbFactory(services.GetRequiredService<IDbContextFactory<Data.CrmDbContext>>(), new FixedCurrentUser(scope), services.GetRequiredService<TimeProvider>());
        var events = new CustomerEventService(factory, services.GetRequiredService<Data.Events.CrmEventHub>(), users, services.GetRequiredService<TimeProvider>());
        if ((await events.GetAsync(id, ct)).Status != Data.Common.LookupStatus.Found) return Results.NotFound();
        var invitations = new EventInvitationService(factory, services.GetRequiredService<Data.Events.CrmEventHub>(),
            services.GetRequiredService<Data.Lifecycle.LifecycleEvaluator>(), services.GetRequiredService<TimeProvider>());
        var ip = http.Connection.RemoteIpAddress?.ToString();
        // audited before the first row leaves, so an interrupted download is on record too
        await audit.WriteAsync(AuditAction.Export, scope.UserId, scope.UserName, nameof(EventInvitation), id.ToString(CultureInfo.InvariantCulture), new { started = true, eventId = id }, ip, ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"event-{id}-participants-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        var count = await WriteAsync(invitations.StreamAsync(id, ct), http.Response.Body, ct);
        await audit.WriteAsync(AuditAction.Export, scope.UserId, scope.UserName, nameof(EventInvitation), id.ToString(CultureInfo.InvariantCulture), new { rows = count, eventId = id }, ip, CancellationToken.None);
        return Results.Empty;
    }
}
