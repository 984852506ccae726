using System.Globalization;
using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Audit;

namespace CrmBlazor.Data.Audit;

/// <summary>A record that exists but is not the caller's to see is refused — and the attempt is on record (who, which record, from where).</summary>
internal static class RefusalAudit
{
    public static async Task<Lookup<T>> RefusedAsync<T>(this CrmDbContext db, string entityType, int id, CancellationToken ct)
    {
        db.AuditEntries.Add(new AuditEntry(db.Clock.GetUtcNow().UtcDateTime, db.Scope.UserId, db.Scope.UserName, AuditAction.AccessRefused,
            entityType, id.ToString(CultureInfo.InvariantCulture), null, db.ClientAddress));
        await db.SaveChangesAsync(ct);
        return Lookup<T>.Denied;
    }
}
