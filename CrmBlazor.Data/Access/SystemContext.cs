using CrmBlazor.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Access;

public static class SystemContext
{
    /// <summary>A context for company-wide work (caches, jobs, the command line) — sees every record.</summary>
    public static async Task<CrmDbContext> CreateSystemContextAsync(this IDbContextFactory<CrmDbContext> factory, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        db.Bind(AccessScope.System);
        return db;
    }
}
