using System.Globalization;
using CrmBlazor.Data;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Web.Features.Customers;

namespace CrmBlazor.Web.CommandLine;

/// <summary>
/// <c>export customers FILE [--lang en|zh-CN] [filters]</c>: the customer list as CSV, streamed (a
/// million customers never sit in memory). Written to a temporary file first and moved into place,
/// so a failed run never leaves a half file where a complete one is expected.
/// </summary>
public sealed class CustomerExportCommand
{
    private CustomerExportCommand(string file, CultureInfo culture, CustomerQuery query, string? ownerEmail)
    {
        File = file;
        Culture = culture;
        Query = query;
        OwnerEmail = ownerEmail;
    }

    public string File { get; }
    public CultureInfo Culture { get; }
    public CustomerQuery Query { get; }
    public string? OwnerEmail { get; }

    public static CustomerExportCommand Parse(CliArguments options)
    {
        if (options.Positional.FirstOrDefault() != "customers")
            throw new CliUsageException("export needs what to export: export customers FILE [--lang en|zh-CN]");
        if (options.Positional.Count != 2)
            throw new CliUsageException("export customers needs exactly one FILE.");
        var culture = (options.String("lang") ?? "en").ToLowerInvariant() switch
        {
            "en" or "en-us" => new CultureInfo("en-US"),
            "zh" or "zh-cn" => new CultureInfo("zh-CN"),
            var other => throw new CliUsageException($"Unknown language '{other}' (en or zh-CN)."),
        };
        LifecycleStage? stage = null;
        if (options.String("stage") is { } s)
            stage = LifecycleStages.TryParse(s, out var parsed) ? parsed : throw new CliUsageException($"Unknown stage '{s}' (prospect, new, growing, mature, declining, churned).");
        var query = new CustomerQuery
        {
            Stage = stage, RegionCode = options.String("region"), IndustryCode = options.String("industry"), LevelCode = options.String("level"),
            TagCode = options.String("tag"), Text = options.String("text"), LastOrderFrom = Date(options, "from"), LastOrderTo = Date(options, "to"),
        };
        var owner = options.String("owner");
        options.EnsureAllUsed();
        return new CustomerExportCommand(options.Positional[1], culture, query, owner);
    }

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        var query = Query;
        if (OwnerEmail is not null)
        {
            var directory = await services.GetRequiredService<UserDirectory>().GetAsync(ct);
            var owner = directory.Users.Values.FirstOrDefault(u => string.Equals(u.Email, OwnerEmail, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliUsageException($"No user with the e-mail '{OwnerEmail}'.");
            query = query with { OwnerId = owner.Id };
        }
        var full = Path.GetFullPath(File);
        var temp = full + ".part";
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (Culture, Culture);
        await using var scope = services.CreateAsyncScope();
        var started = System.Diagnostics.Stopwatch.StartNew();
        long count;
        try
        {
            await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                count = await CustomerExport.WriteAsync(scope.ServiceProvider, AccessScope.System, query, output, ct);
            System.IO.File.Move(temp, full, overwrite: true);
        }
        catch
        {
            System.IO.File.Delete(temp);
            throw;
        }
        // the command line acts as the system; the file still leaves the system, so it is on record
        await services.GetRequiredService<Data.Audit.AuditLog>().ExportAsync(AccessScope.System, "Customer", new { file = Path.GetFileName(full), rows = count, via = "cli" }, null, ct);
        Console.WriteLine($"Exported {count:N0} customers to {full} in {started.Elapsed.TotalSeconds:N1} s.");
        return 0;
    }

    private static DateOnly? Date(CliArguments options, string name)
    {
        var text = options.String(name);
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new CliUsageException($"--{name} must be a date yyyy-MM-dd, not '{text}'.");
    }
}
