using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBlazor.Tests.E2E;

/// <summary>
/// The real app on a free loopback port (Kestrel, not the in-memory test server, because a
/// browser connects to it), with its own SQLite file seeded with a smaller demo company.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "crm-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Configuration that differs from the shared server's (e.g. a short idle timeout).</param>
    public AppServer(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The test server has no addresses.");
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
    }

    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataFolder", _dataFolder);
        builder.UseSetting("ConnectionStrings:Crm", "");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Customers", "160");
        builder.UseSetting("Lifecycle:RecomputeEnabled", "false"); // the daily job must not re-evaluate under a test
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Log)));
    }

    /// <summary>Every warning and error the server logged, oldest first (shown when a browser test fails).</summary>
    public ServerLog Log { get; } = new();

    public sealed class ServerLog
    {
        private readonly List<string> _lines = [];
        public int Count { get { lock (_lines) return _lines.Count; } }
        public void Add(string line) { lock (_lines) _lines.Add(line); }
        public IEnumerable<string> Skip(int count) { lock (_lines) return _lines.Skip(count).ToArray(); }
    }

    private sealed class CapturingLoggerProvider(ServerLog log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log, categoryName);
        public void Dispose() { }

        private sealed class Logger(ServerLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel)) return;
                log.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception.GetType().Name + ": " + exception.Message)}");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(_dataFolder, recursive: true); }
        catch (IOException) { /* the file may still be locked on some systems; it is in the temp folder */ }
    }
}
