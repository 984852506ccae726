using System.Text.Json;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Audit;

/// <summary>
/// Writes audit entries for events that are not row changes: sign-ins, failed sign-ins, lockouts,
/// refused access, exports, reveals. Each method records the caller's own act only (any signed-in
/// caller may record what they do; nobody can write an entry for someone else through these).
/// </summary>
public sealed class AuditLog(IDbContextFactory<CrmDbContext> factory, TimeProvider clock)
{
    public async Task WriteAsync(AuditAction action, string? userId, string userName, string entityType, string? entityId,
        object? detail, string? ipAddress, CancellationToken ct = default)
    {
        await using var db = await factory.CreateSystemContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, userId, userName, action, entityType, entityId,
            detail is null ? null : JsonSerializer.Serialize(detail), ipAddress));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A personal field shown in clear on request: which record and field — never the value.</summary>
    public Task RevealAsync(AccessScope who, string entityType, string entityId, string field, string? ipAddress, CancellationToken ct = default) =>
        WriteAsync(AuditAction.Reveal, who.UserId, who.UserName, entityType, entityId, new { field }, ipAddress, ct);

    /// <summary>A file that left the system (a CSV download): what it held, e.g. the filter and the row count.</summary>
    public Task ExportAsync(AccessScope who, string entityType, object? detail, string? ipAddress, CancellationToken ct = default) =>
        WriteAsync(AuditAction.Export, who.UserId, who.UserName, entityType, null, detail, ipAddress, ct);

    /// <summary>A page or record the caller was refused.</summary>
    public Task RefusedAsync(AccessScope who, string entityType, string? entityId, string? ipAddress, CancellationToken ct = default) =>
        WriteAsync(AuditAction.AccessRefused, who.UserId, who.UserName, entityType, entityId, null, ipAddress, ct);
}
