using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Migrations;
using CrmBlazor.Data.Seeding;
using CrmBlazor.Domain.Access;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmBlazor.Tests.TestSupport;

/// <summary>
/// A fresh, migrated database for one test class, with the data layer's services wired as in
/// production. SQLite: a named in-memory database kept alive by one open connection.
/// PostgreSQL: a throw-away database on the server named by <c>CRM_TEST_POSTGRES</c>.
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private ServiceProvider? _services;

    public abstract DatabaseProvider Provider { get; }
    public TestClock Clock { get; } = new();
    public string? Unavailable { get; protected set; }
    public string ConnectionString { get; protected set; } = "";

    public IServiceProvider Services => _services ?? throw new InvalidOperationException(Unavailable ?? "Fixture not initialised.");

    protected abstract Task<string?> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        var cs = await CreateDatabaseAsync();
        if (cs is null) return;
        ConnectionString = cs;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddScoped<TestCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestCurrentUser>());
        services.AddCrmData(Provider, db => DependencyInjection.ConfigureProvider(db, Provider, cs));
        _services = services.BuildServiceProvider();
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync();
        await new SchemaMigrator().MigrateAsync(db);
        await ReferenceDataSeeder.EnsureAsync(db, Clock.UtcNow);
    }

    /// <summary>Skips the calling test when this database is not available here (and fails it in CI, where it must be).</summary>
    public void RequireAvailable()
    {
        if (Unavailable is null) return;
        if (Environment.GetEnvironmentVariable("CRM_REQUIRE_POSTGRES") == "1")
            Assert.Fail($"PostgreSQL is required (CRM_REQUIRE_POSTGRES=1) but unavailable: {Unavailable}");
        Assert.Skip(Unavailable);
    }

    /// <summary>A service as <paramref name="scope"/> would get it in a request or circuit.</summary>
    public T As<T>(AccessScope scope) where T : notnull
    {
        var services = Services.CreateScope().ServiceProvider;
        services.GetRequiredService<TestCurrentUser>().Scope = scope;
        return services.GetRequiredService<T>();
    }

    public Task<CrmDbContext> SystemDbAsync() => Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateSystemContextAsync();

    public Task<CrmDbContext> DbAsAsync(AccessScope scope) => As<CrmDbFactory>(scope).CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class TestCurrentUser : ICurrentUser
{
    public AccessScope Scope { get; set; } = AccessScope.None;
    public Task<AccessScope> GetScopeAsync(CancellationToken cancellationToken = default) => Task.FromResult(Scope);
}

public sealed class SqliteFixture : DatabaseFixture
{
    private SqliteConnection? _keepAlive;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override async Task<string?> CreateDatabaseAsync()
    {
        var cs = $"Data Source=crm-test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared;Default Timeout=30";
        _keepAlive = new SqliteConnection(cs);
        await _keepAlive.OpenAsync();
        return cs;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_keepAlive is not null) await _keepAlive.DisposeAsync();
    }
}

public sealed class PostgresFixture : DatabaseFixture
{
    private string? _database;
    private string? _server;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string?> CreateDatabaseAsync()
    {
        _server = Environment.GetEnvironmentVariable("CRM_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_server))
        {
            Unavailable = "CRM_TEST_POSTGRES is not set: PostgreSQL tests skipped (.ci/run sets it).";
            return null;
        }
        _database = $"crm_test_{Guid.NewGuid():N}";
        try
        {
            await using var admin = new NpgsqlConnection(_server);
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_database}\" ENCODING 'UTF8' TEMPLATE template0", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            Unavailable = $"PostgreSQL at CRM_TEST_POSTGRES is not reachable: {e.Message}";
            return null;
        }
        return new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is null || _server is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await cmd.ExecuteNonQueryAsync();
    }
}
