using CrmBlazor.Data.Access;
using CrmBlazor.Data.Migrations;
using CrmBlazor.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data;

/// <summary>Brings a database to the current schema and puts in the reference data every installation needs.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<CrmDbContext> factory, SchemaMigrator migrator, TimeProvider clock)
{
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateSystemContextAsync(ct);
        var applied = await migrator.MigrateAsync(db, null, ct);
        await ReferenceDataSeeder.EnsureAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        return applied;
    }
}
