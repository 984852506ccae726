using System.Data.Common;

namespace CrmBlazor.Data.Infrastructure;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL, behind the provider switch
/// (docs/decisions/002). Everything else goes through LINQ.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect For(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? new PostgresDialect() : new SqliteDialect();

    public static SqlDialect For(string? efProviderName) =>
        efProviderName?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true ? new PostgresDialect() : new SqliteDialect();

    public abstract DatabaseProvider Provider { get; }

    public abstract string Quote(string identifier);

    /// <summary>A CLR value as the provider stores it (EF's conventions here: enums by name; on SQLite decimals as REAL, dates and times as text).</summary>
    public object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        Enum e => e.ToString(),
        decimal d when Provider == DatabaseProvider.Sqlite => (double)d,
        DateTime dt when Provider == DatabaseProvider.Sqlite => dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d when Provider == DatabaseProvider.Sqlite => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        bool b when Provider == DatabaseProvider.Sqlite => b ? 1 : 0,
        _ => value,
    };

    /// <summary>A parameter in a SELECT list, typed where PostgreSQL cannot infer it (SQLite takes it as it is).</summary>
    public string Typed(string parameter, string postgresType) =>
        Provider == DatabaseProvider.Postgres ? $"CAST({parameter} AS {postgresType})" : parameter;

    /// <summary>
    /// Rows per bulk INSERT statement. Measured with <c>seed --customers 50000 --orders-per-customer 10</c>
    /// (docs/benchmarks.md): SQLite looks named parameters up one by one, so many-row statements get
    /// quadratically slower — one prepared row per statement is 7.7× faster than 500; PostgreSQL pays
    /// a round trip per statement, so 100–500 rows per statement is 2.9× faster than one.
    /// </summary>
    public abstract int RowsPerInsert { get; }

    /// <summary>Serialises concurrent migrators (two servers starting at once).</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, CancellationToken ct);

    public abstract Task UnlockForMigrationAsync(DbConnection connection, CancellationToken ct);

    /// <summary>After rows were inserted with explicit ids, moves the identity sequence past them.</summary>
    public abstract Task ResetIdentityAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken ct);

    /// <summary>Per-connection settings applied once after the schema is migrated.</summary>
    public abstract Task TuneAsync(DbConnection connection, CancellationToken ct);

    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
        public override int RowsPerInsert => 1;
        public override string Quote(string identifier) => $"\"{identifier}\"";
        public override Task LockForMigrationAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;
        public override Task UnlockForMigrationAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;
        // AUTOINCREMENT-free INTEGER PRIMARY KEY continues from max(rowid): nothing to do.
        public override Task ResetIdentityAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken ct) => Task.CompletedTask;
        public override Task TuneAsync(DbConnection connection, CancellationToken ct) =>
            ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", ct);
    }

    private sealed class PostgresDialect : SqlDialect
    {
        private const long MigrationLockKey = 7_420_611_001;
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;
        public override int RowsPerInsert => 250;
        public override string Quote(string identifier) => $"\"{identifier}\"";
        public override Task LockForMigrationAsync(DbConnection connection, CancellationToken ct) =>
            ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", ct);
        public override Task UnlockForMigrationAsync(DbConnection connection, CancellationToken ct) =>
            ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", ct);
        public override Task ResetIdentityAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken ct) =>
            ExecuteAsync(connection, transaction,
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST((SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"), 1))", ct);
        public override Task TuneAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;
    }
}
