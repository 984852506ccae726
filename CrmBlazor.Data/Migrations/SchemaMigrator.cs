using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using CrmBlazor.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBlazor.Data.Migrations;

/// <summary>A versioned schema script for one provider: <c>Migrations/&lt;Provider&gt;/NNNN_name.sql</c>.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql);

/// <summary>
/// Creates and upgrades the schema at start-up from versioned, hand-reviewed SQL scripts per
/// provider (docs/decisions/002). Applied versions are recorded in <c>__crm_schema_history</c>;
/// each script runs in its own transaction; scripts only add — they never drop data. A database
/// newer than the application is refused instead of being touched.
/// </summary>
public sealed partial class SchemaMigrator(ILogger<SchemaMigrator>? logger = null)
{
    public const string HistoryTable = "__crm_schema_history";
    private readonly ILogger _log = logger ?? NullLogger<SchemaMigrator>.Instance;

    public static IReadOnlyList<MigrationScript> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"Migrations/{provider}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var match = ScriptName().Match(file);
                if (!match.Success) throw new InvalidOperationException($"Migration script '{n}' is not named NNNN_name.sql.");
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new MigrationScript(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToArray();
    }

    public static int LatestVersion(DatabaseProvider provider) => Scripts(provider).Max(s => s.Version);

    /// <summary>Applies every pending script up to <paramref name="targetVersion"/> (default: all). Returns the versions applied.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CrmDbContext db, int? targetVersion = null, CancellationToken ct = default)
    {
        var dialect = SqlDialect.For(db.Database.ProviderName);
        var scripts = Scripts(dialect.Provider);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        var applied = new List<int>();
        await dialect.LockForMigrationAsync(connection, ct);
        try
        {
            await ExecuteAsync(connection, null,
                $"CREATE TABLE IF NOT EXISTS \"{HistoryTable}\" (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)", ct);
            var current = await CurrentVersionAsync(connection, ct);
            var latest = scripts.Count == 0 ? 0 : scripts[^1].Version;
            if (current > latest)
                throw new InvalidOperationException(
                    $"The database schema is at version {current}, newer than this application's {latest}. Upgrade the application; the database was not changed.");

            foreach (var script in scripts.Where(s => s.Version > current && (targetVersion is null || s.Version <= targetVersion)))
            {
                _log.LogInformation("Applying schema migration {Version} {Name}", script.Version, script.Name);
                await using var tx = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, tx, script.Sql, ct);
                await using (var cmd = connection.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = $"INSERT INTO \"{HistoryTable}\" (version, name, applied_at) VALUES (@v, @n, @a)";
                    AddParameter(cmd, "@v", script.Version);
                    AddParameter(cmd, "@n", script.Name);
                    AddParameter(cmd, "@a", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                applied.Add(script.Version);
            }
            await dialect.TuneAsync(connection, ct);
            // a migration that fills tables by INSERT … SELECT leaves PostgreSQL without planner statistics
            // until autovacuum gets to them, and the reports' plans depend on them (docs/benchmarks.md)
            if (applied.Count > 0 && dialect.Provider == DatabaseProvider.Postgres) await ExecuteAsync(connection, null, "ANALYZE", ct);
        }
        finally
        {
            await dialect.UnlockForMigrationAsync(connection, ct);
            if (opened) await connection.CloseAsync();
        }
        return applied;
    }

    public static async Task<int> CurrentVersionAsync(DbConnection connection, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT COALESCE(MAX(version), 0) FROM \"{HistoryTable}\"";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    [GeneratedRegex(@"^(\d{4})_([A-Za-z0-9_\-]+)$")]
    private static partial Regex ScriptName();
}
