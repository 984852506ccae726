using System.Data.Common;
using CrmBlazor.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Migrations;

/// <summary>
/// Describes a live database schema as comparable lines (one per column, index and foreign key),
/// so a migrated database can be checked against the schema the current model creates.
/// </summary>
public static class SchemaInspector
{
    public static async Task<IReadOnlySet<string>> DescribeAsync(CrmDbContext db, CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            return SqlDialect.For(db.Database.ProviderName).Provider == DatabaseProvider.Postgres
                ? await PostgresAsync(connection, ct)
                : await SqliteAsync(connection, ct);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    /// <summary>The lines only in <paramref name="actual"/> (+) or only in <paramref name="expected"/> (−).</summary>
    public static IReadOnlyList<string> Differences(IReadOnlySet<string> expected, IReadOnlySet<string> actual) =>
        actual.Except(expected).Select(l => "+ " + l).Concat(expected.Except(actual).Select(l => "- " + l)).Order(StringComparer.Ordinal).ToArray();

    private static async Task<IReadOnlySet<string>> SqliteAsync(DbConnection c, CancellationToken ct)
    {
        var lines = new HashSet<string>(StringComparer.Ordinal);
        // ordinary tables only: a virtual table and its shadow tables (the FTS5 name search of migration
        // 0007) are the migrations' own, outside what the model can describe
        var tables = await QueryAsync(c, $"SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '{SchemaMigrator.HistoryTable}'", r => r.GetString(0), ct);
        foreach (var t in tables)
        {
            lines.UnionWith(await QueryAsync(c, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{t}')",
                r => $"column {t}.{r.GetString(0)} {r.GetString(1).ToUpperInvariant()} {(r.GetInt64(2) == 1 ? "NOT NULL" : "NULL")}{(r.GetInt64(3) > 0 ? " PK" : "")}", ct));
            var indexes = await QueryAsync(c, $"SELECT name, \"unique\" FROM pragma_index_list('{t}') WHERE origin = 'c'", r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1), ct);
            foreach (var (name, unique) in indexes)
            {
                var columns = await QueryAsync(c, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno", r => r.GetString(0), ct);
                lines.Add($"index {t}.{name} ({string.Join(",", columns)}){(unique ? " UNIQUE" : "")}");
            }
            lines.UnionWith(await QueryAsync(c, $"SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list('{t}')",
                r => $"fk {t}.{r.GetString(0)} -> {r.GetString(1)}.{r.GetString(2)} ON DELETE {r.GetString(3)}", ct));
        }
        return lines;
    }

    private static async Task<IReadOnlySet<string>> PostgresAsync(DbConnection c, CancellationToken ct)
    {
        var lines = new HashSet<string>(StringComparer.Ordinal);
        lines.UnionWith(await QueryAsync(c, $"""
            SELECT table_name, column_name, data_type, COALESCE(character_maximum_length, -1), COALESCE(numeric_precision, -1), COALESCE(numeric_scale, -1), is_nullable
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '{SchemaMigrator.HistoryTable}'
            """,
            r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}({r.GetInt32(3)},{r.GetInt32(4)},{r.GetInt32(5)}) {(r.GetString(6) == "YES" ? "NULL" : "NOT NULL")}", ct));
        lines.UnionWith(await QueryAsync(c, $"SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '{SchemaMigrator.HistoryTable}'",
            r => $"index {r.GetString(0)}: {r.GetString(1)}", ct));
        lines.UnionWith(await QueryAsync(c, """
            SELECT rel.relname, con.conname, pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = 'public' AND con.contype IN ('f', 'p', 'u') AND rel.relname <> '__crm_schema_history'
            """,
            r => $"constraint {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}", ct));
        lines.UnionWith(await QueryAsync(c, """
            SELECT table_name, column_name, is_identity FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'
            """,
            r => $"identity {r.GetString(0)}.{r.GetString(1)}", ct));
        return lines;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection c, string sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct)) list.Add(read(reader));
        return list;
    }
}
