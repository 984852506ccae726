using System.Data.Common;
using CrmBlazor.Data;
using CrmBlazor.Data.Migrations;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Tests.Data;

/// <summary>
/// The versioned SQL migrations: a database built by them equals what the current model
/// creates, and upgrading a filled database of an earlier version keeps every row.
/// Each test works in databases of its own (the fixture's is not touched).
/// </summary>
public abstract class MigrationTests(DatabaseFixture fx)
{
    /// <summary>Makes an empty database next to the fixture's and returns a context on it (no scope: schema work only).</summary>
    protected abstract Task<(CrmDbContext Db, Func<Task> Drop)> CreateEmptyDatabaseAsync();

    [Fact]
    public void Scripts_ArePresentForBothProviders_WithTheSameVersions()
    {
        var sqlite = SchemaMigrator.Scripts(DatabaseProvider.Sqlite).Select(s => s.Version).ToArray();
        var postgres = SchemaMigrator.Scripts(DatabaseProvider.Postgres).Select(s => s.Version).ToArray();
        Assert.True(sqlite.Length >= 2, "the upgrade test needs at least two versions");
        Assert.Equal(sqlite, postgres);
        Assert.Equal(Enumerable.Range(1, sqlite.Length), sqlite);
    }

    [Fact]
    public async Task MigrateAsync_FromEmpty_GivesExactlyTheModelsSchema()
    {
        fx.RequireAvailable();
        var (migrated, dropMigrated) = await CreateEmptyDatabaseAsync();
        var (expected, dropExpected) = await CreateEmptyDatabaseAsync();
        try
        {
            await new SchemaMigrator().MigrateAsync(migrated);
            await expected.Database.ExecuteSqlRawAsync(expected.Database.GenerateCreateScript());
            var differences = SchemaInspector.Differences(await SchemaInspector.DescribeAsync(expected), await SchemaInspector.DescribeAsync(migrated));
            Assert.True(differences.Count == 0, "schema differs from the model:\n" + string.Join("\n", differences));
        }
        finally
        {
            await dropMigrated();
            await dropExpected();
        }
    }

    [Fact]
    public async Task MigrateAsync_FilledDatabaseAtPreviousVersion_KeepsRowsAndReachesTheModelsSchema()
    {
        fx.RequireAvailable();
        var provider = fx.Provider;
        var latest = SchemaMigrator.LatestVersion(provider);
        var (db, drop) = await CreateEmptyDatabaseAsync();
        var (expected, dropExpected) = await CreateEmptyDatabaseAsync();
        try
        {
            var migrator = new SchemaMigrator();
            Assert.Equal(Enumerable.Range(1, latest - 1), await migrator.MigrateAsync(db, targetVersion: latest - 1));

            // Rows written the way an installation of the previous version wrote them: plain SQL.
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await ExecAsync(connection, """
                INSERT INTO "Customers" ("Number","Name","ConsentToContact","Status","CreatedAt","Stage","StageEnteredAt","StageReasons","OrderCount","TotalSpend","Version")
                VALUES ('C9000001','上海老客户有限公司',TRUE,'Active','2025-01-02 03:04:05','Mature','2025-06-01 00:00:00','[]',2,1234.5,3)
                """, provider);
            var customerId = Convert.ToInt32(await ScalarAsync(connection, "SELECT \"Id\" FROM \"Customers\" WHERE \"Number\" = 'C9000001'"));
            await ExecAsync(connection, $"""
                INSERT INTO "Contacts" ("CustomerId","Name","Gender","IsPrimary","ConsentGiven","Mobile","Version") VALUES ({customerId},'王芳','Female',TRUE,TRUE,'13900001111',0);
                INSERT INTO "Orders" ("OrderNo","CustomerId","OrderDate","Amount","ImportedAt") VALUES ('SO-OLD-1',{customerId},'2025-05-01',1000.25,'2025-05-02 00:00:00');
                INSERT INTO "Orders" ("OrderNo","CustomerId","OrderDate","Amount","ImportedAt") VALUES ('SO-OLD-2',{customerId},'2025-06-01',234.25,'2025-06-02 00:00:00');
                """, provider);
            await connection.CloseAsync();

            Assert.Equal([latest], await migrator.MigrateAsync(db));
            Assert.Empty(await migrator.MigrateAsync(db)); // idempotent

            db.ChangeTracker.Clear();
            await using var read = new CrmDbContext(DependencyInjection.BuildOptions(provider, db.Database.GetConnectionString()!));
            read.Bind(CrmBlazor.Domain.Access.AccessScope.System);
            var customer = await read.Customers.Include(c => c.Contacts).SingleAsync(c => c.Number == "C9000001");
            Assert.Equal("上海老客户有限公司", customer.Name);
            Assert.Equal(LifecycleStage.Mature, customer.Stage);
            Assert.Equal(1234.5m, customer.TotalSpend);
            Assert.Equal(3, customer.Version);
            Assert.Equal("13900001111", Assert.Single(customer.Contacts).Mobile);
            Assert.Null(customer.Contacts[0].ErasedAt);
            var orders = await read.Orders.Where(o => o.CustomerId == customer.Id).OrderBy(o => o.OrderDate).ToListAsync();
            Assert.Equal([1000.25m, 234.25m], orders.Select(o => o.Amount));
            Assert.Equal(new DateOnly(2025, 5, 1), orders[0].OrderDate);

            await expected.Database.ExecuteSqlRawAsync(expected.Database.GenerateCreateScript());
            var differences = SchemaInspector.Differences(await SchemaInspector.DescribeAsync(expected), await SchemaInspector.DescribeAsync(read));
            Assert.True(differences.Count == 0, "upgraded schema differs from the model:\n" + string.Join("\n", differences));
        }
        finally
        {
            await drop();
            await dropExpected();
        }
    }

    [Fact]
    public async Task MigrateAsync_DatabaseNewerThanTheApp_IsRefusedAndUntouched()
    {
        fx.RequireAvailable();
        var (db, drop) = await CreateEmptyDatabaseAsync();
        try
        {
            await new SchemaMigrator().MigrateAsync(db);
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO \"{SchemaMigrator.HistoryTable}\" (version, name, applied_at) VALUES (999, 'future', 'x')");
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new SchemaMigrator().MigrateAsync(db));
            Assert.Contains("999", e.Message);
        }
        finally
        {
            await drop();
        }
    }

    private static async Task ExecAsync(DbConnection c, string sql, DatabaseProvider provider)
    {
        await using var cmd = c.CreateCommand();
        // SQLite stores booleans as 0/1 and accepts TRUE as 1; PostgreSQL wants TRUE.
        cmd.CommandText = provider == DatabaseProvider.Sqlite ? sql.Replace("TRUE", "1") : sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }
}

public sealed class MigrationTests_Sqlite(SqliteFixture fx) : MigrationTests(fx), IClassFixture<SqliteFixture>
{
    protected override async Task<(CrmDbContext Db, Func<Task> Drop)> CreateEmptyDatabaseAsync()
    {
        var cs = $"Data Source=crm-migrate-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keep = new Microsoft.Data.Sqlite.SqliteConnection(cs);
        await keep.OpenAsync();
        var db = new CrmDbContext(DependencyInjection.BuildOptions(DatabaseProvider.Sqlite, cs));
        return (db, async () => { await db.DisposeAsync(); await keep.DisposeAsync(); });
    }
}

public sealed class MigrationTests_Postgres(PostgresFixture fx) : MigrationTests(fx), IClassFixture<PostgresFixture>
{
    protected override async Task<(CrmDbContext Db, Func<Task> Drop)> CreateEmptyDatabaseAsync()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(fx.ConnectionString) { Database = "postgres" }.ConnectionString;
        var name = $"crm_migrate_{Guid.NewGuid():N}";
        await using (var admin = new Npgsql.NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(fx.ConnectionString) { Database = name }.ConnectionString;
        var db = new CrmDbContext(DependencyInjection.BuildOptions(DatabaseProvider.Postgres, cs));
        return (db, async () =>
        {
            await db.DisposeAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var dropCmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await dropCmd.ExecuteNonQueryAsync();
        });
    }
}
