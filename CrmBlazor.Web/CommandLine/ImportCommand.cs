using System.Diagnostics;
using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Import;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Web.CommandLine;

/// <summary>
/// <c>import customers|orders|events|products|inventory FILE [--all-or-nothing] [--as EMAIL]</c>: imports a CSV file
/// with system rights, or with the rights of the user named by <c>--as</c>; prints progress, a
/// summary and each rejected row. Exit 0 when every row was imported, 1 when a row was rejected or
/// the import failed.
/// </summary>
public sealed record ImportCommand(ImportKind Kind, string File, bool AllOrNothing, string? AsEmail)
{
    public static ImportCommand Parse(CliArguments options)
    {
        if (options.Positional.Count != 2)
            throw new CliUsageException("import needs a kind and a file: import customers|orders|events|products|inventory FILE [--all-or-nothing] [--as EMAIL]");
        var kind = options.Positional[0].ToLowerInvariant() switch
        {
            "customers" => ImportKind.Customers,
            "orders" => ImportKind.Orders,
            "events" => ImportKind.Events,
            "products" => ImportKind.Products,
            "inventory" => ImportKind.Inventory,
            var other => throw new CliUsageException($"Unknown import kind '{other}' (customers, orders, events, products or inventory)."),
        };
        var file = options.Positional[1];
        var allOrNothing = options.Flag("all-or-nothing");
        var asEmail = options.String("as");
        if (asEmail is "") throw new CliUsageException("--as needs a user's e-mail address.");
        options.EnsureAllUsed();
        if (!System.IO.File.Exists(file)) throw new CliUsageException($"File not found: {file}");
        return new ImportCommand(kind, file, allOrNothing, asEmail);
    }

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        var scope = await ScopeAsync(services, ct);
        if (scope is null)
        {
            Console.Error.WriteLine($"error: {AsEmail} is not an active user.");
            return 2;
        }
        var dbFactory = new CrmDbFactory(services.GetRequiredService<IDbContextFactory<CrmDbContext>>(), new FixedCurrentUser(scope), services.GetRequiredService<TimeProvider>());
        var importer = ActivatorUtilities.CreateInstance<ImportService>(services, dbFactory);
        var noun = Kind.ToString().ToLowerInvariant();
        Console.WriteLine($"Importing {noun} from {File} as {scope.UserName}{(AllOrNothing ? " (all or nothing)" : "")} …");
        var watch = Stopwatch.StartNew();
        var progress = new SynchronousProgress(p => Console.WriteLine(p.Total > 0
            ? $"{p.Phase} {p.Done:N0}/{p.Total:N0} — {watch.Elapsed:mm\\:ss}"
            : $"{p.Phase} … — {watch.Elapsed:mm\\:ss}"));
        ImportReport report;
        try
        {
            await using var stream = System.IO.File.OpenRead(File);
            report = await importer.ImportAsync(Kind, stream, new ImportOptions(AllOrNothing), progress, ct);
        }
        catch (DomainException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        Console.WriteLine(Summary(report, noun));
        if (report.UnknownColumns.Count > 0) Console.WriteLine($"Columns ignored (not recognised): {string.Join(", ", report.UnknownColumns)}");
        if (AllOrNothing && report.Rejected.Count > 0) Console.WriteLine("Nothing was imported (all or nothing).");
        foreach (var r in report.Rejected) Console.WriteLine($"line {r.Line}: {r.Reason.Message}");
        return report.AllImported ? 0 : 1;
    }

    private static string Summary(ImportReport r, string noun)
    {
        var lines = r.Kind == ImportKind.Orders ? $" ({r.LinesAdded:N0} lines)" : "";
        var updated = r.Kind is ImportKind.Customers or ImportKind.Products or ImportKind.Inventory ? $", {r.Updated:N0} updated" : "";
        return $"Done in {r.Elapsed.TotalSeconds:N1} s: {r.Rows:N0} rows read; {r.Added:N0} {noun} added{lines}{updated}, {r.Unchanged:N0} already present, "
            + $"{r.Rejected.Count:N0} rows rejected; {r.CustomersAffected:N0} customers re-evaluated.";
    }

    private async Task<AccessScope?> ScopeAsync(IServiceProvider services, CancellationToken ct)
    {
        if (AsEmail is null) return AccessScope.System;
        var directory = services.GetRequiredService<UserDirectory>();
        var user = (await directory.GetAsync(ct)).Users.Values.FirstOrDefault(u => u.IsActive && string.Equals(u.Email, AsEmail, StringComparison.OrdinalIgnoreCase));
        return user is null ? null : await directory.ScopeForAsync(user.Id, user.Email, user.Roles, ct);
    }

    /// <summary>Prints on the reporting thread (Progress&lt;T&gt; would post to the thread pool and interleave with the summary).</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
