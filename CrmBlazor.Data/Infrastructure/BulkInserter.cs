using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CrmBlazor.Data.Infrastructure;

/// <summary>
/// Fast, provider-neutral bulk writes: multi-row parameterised <c>INSERT … VALUES</c> statements in
/// large transactions — for seeding volume data and imports, where tracking one entity at a time
/// would take hours at 10,000,000 rows. Tables are written in the order they were opened (parents
/// first), so foreign keys hold at every flush. Table and column names come from the EF model.
/// </summary>
public sealed class BulkSession : IAsyncDisposable
{
    private const int RowsPerTransaction = 100_000;
    private readonly DbConnection _connection;
    private readonly List<BulkInserter> _tables = [];
    private DbTransaction? _transaction;
    private long _sinceCommit;

    private BulkSession(DbConnection connection, SqlDialect dialect)
    {
        _connection = connection;
        Dialect = dialect;
    }

    internal SqlDialect Dialect { get; }

    public static async Task<BulkSession> OpenAsync(CrmDbContext db, CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        return new BulkSession(connection, SqlDialect.For(db.Database.ProviderName));
    }

    /// <summary>Opens a table for <typeparamref name="T"/> with the given properties (CLR names). Open parents before children.</summary>
    public BulkInserter Table<T>(CrmDbContext db, params string[] properties)
    {
        var inserter = BulkInserter.For<T>(db, _connection, Dialect, properties);
        _tables.Add(inserter);
        return inserter;
    }

    public long PendingRows => _tables.Sum(t => t.Pending);

    /// <summary>Writes everything buffered, parents first; commits every <see cref="RowsPerTransaction"/> rows.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        foreach (var table in _tables)
        {
            if (table.Pending == 0) continue;
            _transaction ??= await _connection.BeginTransactionAsync(ct);
            _sinceCommit += await table.FlushAsync(_transaction, ct);
        }
        if (_sinceCommit >= RowsPerTransaction) await CommitAsync(ct);
    }

    public async Task CompleteAsync(CancellationToken ct = default)
    {
        await FlushAsync(ct);
        await CommitAsync(ct);
        foreach (var table in _tables.Where(t => t.HasIdColumn))
            await Dialect.ResetIdentityAsync(_connection, null, table.Table, ct);
    }

    private async Task CommitAsync(CancellationToken ct)
    {
        if (_transaction is null) return;
        await _transaction.CommitAsync(ct);
        await _transaction.DisposeAsync();
        _transaction = null;
        _sinceCommit = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        foreach (var table in _tables) await table.DisposeAsync();
    }
}

/// <summary>One table of a <see cref="BulkSession"/>: buffers rows until the session flushes.</summary>
public sealed class BulkInserter : IAsyncDisposable
{
    private const int MaxParameters = 30_000;
    private readonly DbConnection _connection;
    private readonly SqlDialect _dialect;
    private readonly bool _sqlite;
    private readonly string[] _columns;
    private readonly int _rowsPerStatement;
    private readonly List<object?[]> _pending = [];
    private DbCommand? _fullBatch;

    internal BulkInserter(DbConnection connection, SqlDialect dialect, string table, string[] columns)
    {
        _connection = connection;
        _dialect = dialect;
        _sqlite = dialect.Provider == DatabaseProvider.Sqlite;
        Table = table;
        _columns = columns;
        _rowsPerStatement = Math.Max(1, Math.Min(dialect.RowsPerInsert, MaxParameters / columns.Length));
    }

    /// <summary>A stand-alone inserter for the table of <typeparamref name="T"/>; the caller flushes it in its own transaction.</summary>
    internal static BulkInserter For<T>(CrmDbContext db, DbConnection connection, SqlDialect dialect, params string[] properties)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = properties.Select(p => (entity.FindProperty(p) ?? throw new InvalidOperationException($"{typeof(T).Name}.{p} is not mapped."))
            .GetColumnName(store)!).ToArray();
        return new BulkInserter(connection, dialect, table, columns);
    }

    public string Table { get; }
    public long Written { get; private set; }
    public int Pending => _pending.Count;
    internal bool HasIdColumn => _columns.Contains("Id");

    public void Add(params object?[] values)
    {
        if (values.Length != _columns.Length) throw new ArgumentException($"Expected {_columns.Length} values for {Table}.");
        _pending.Add(values);
    }

    private object ToProvider(object? value) => _dialect.ToDb(value);

    internal async Task<int> FlushAsync(DbTransaction transaction, CancellationToken ct)
    {
        var written = 0;
        while (_pending.Count > 0)
        {
            var take = Math.Min(_rowsPerStatement, _pending.Count);
            var cmd = take == _rowsPerStatement ? _fullBatch ??= BuildCommand(take) : BuildCommand(take);
            cmd.Transaction = transaction;
            var p = 0;
            for (var r = 0; r < take; r++)
                foreach (var value in _pending[r])
                    cmd.Parameters[p++].Value = ToProvider(value);
            await cmd.ExecuteNonQueryAsync(ct);
            if (!ReferenceEquals(cmd, _fullBatch)) await cmd.DisposeAsync();
            _pending.RemoveRange(0, take);
            written += take;
        }
        Written += written;
        return written;
    }

    private DbCommand BuildCommand(int rows)
    {
        var cmd = _connection.CreateCommand();
        var sql = new StringBuilder($"INSERT INTO {_dialect.Quote(Table)} ({string.Join(", ", _columns.Select(_dialect.Quote))}) VALUES ");
        var p = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                var name = "@p" + p++;
                sql.Append(c == 0 ? name : ", " + name);
                var parameter = cmd.CreateParameter();
                parameter.ParameterName = name;
                cmd.Parameters.Add(parameter);
            }
            sql.Append(')');
        }
        cmd.CommandText = sql.ToString();
        cmd.CommandTimeout = 600;
        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        if (_fullBatch is not null) await _fullBatch.DisposeAsync();
    }
}
