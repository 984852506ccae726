using System.Diagnostics;

namespace CrmBlazor.Tests.TestSupport;

public readonly record struct CliResult(int Exit, string Out, string Err);

/// <summary>
/// The web app's command-line modes run as a user runs them — <c>dotnet CrmBlazor.Web.dll MODE</c> —
/// in a throw-away folder whose SQLite file (<see cref="Database"/>) is chosen through the same
/// environment variables the server reads. The folder is removed on dispose.
/// </summary>
public sealed class CliProcess : IDisposable
{
    public CliProcess(string prefix)
    {
        Folder = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Database => Path.Combine(Folder, "cli.db");

    /// <summary>The environment every run gets: SQLite in <see cref="Database"/>.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Crm"] = $"Data Source={Database}",
    };

    public Task<CliResult> RunAsync(params string[] args) => RunWithAsync(Environment, args);

    public async Task<CliResult> RunWithAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CrmBlazor.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
