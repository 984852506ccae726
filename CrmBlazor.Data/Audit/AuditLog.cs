using System.Text.Json;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Audit;

/// <summary>Writes audit entries for events that are not row changes: sign-ins, failed sign-ins, lockouts, refused access.</summary>
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
}
