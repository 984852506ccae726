using System.Globalization;
using CrmBlazor.Domain.Value;

namespace CrmBlazor.Tests.TestSupport;

/// <summary>
/// The CDNOW reference data in <c>shared/data/cdnow</c>, which sits beside the repository
/// (<c>../shared</c> from the folder holding CrmBlazor.sln); <c>CRM_SHARED</c> overrides the location.
/// </summary>
public static class Cdnow
{
    public static string Folder { get; } = FindFolder();

    public static string SummaryFile => Path.Combine(Folder, "cdnow_customers_summary.csv");
    public static string SummaryWithSpendFile => Path.Combine(Folder, "cdnow_customers_summary_with_transactions.csv");
    public static string TransactionsFile => Path.Combine(Folder, "CDNOW_sample.txt");

    /// <summary>Rows of a summary file: ID and the summary (monetary value 0 when the file has none).</summary>
    public static (int Id, RepeatSummary Summary)[] ReadSummary(string file)
    {
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        var hasSpend = header.Length == 5;
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return (int.Parse(f[0], CultureInfo.InvariantCulture), new RepeatSummary(D(1), D(2), D(3), hasSpend ? D(4) : 0));
        })];
    }

    public static RepeatSummary[] Summaries(string file) => [.. ReadSummary(file).Select(r => r.Summary)];

    /// <summary>The sample's transactions: (sample_id, date, dollar_value).</summary>
    public static IEnumerable<Purchase> Transactions() =>
        File.ReadLines(TransactionsFile).Where(l => l.Trim().Length > 0).Select(l =>
        {
            var f = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new Purchase(int.Parse(f[1], CultureInfo.InvariantCulture),
                DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture),
                decimal.Parse(f[4], CultureInfo.InvariantCulture));
        });

    private static string FindFolder()
    {
        if (Environment.GetEnvironmentVariable("CRM_SHARED") is { Length: > 0 } shared) return Path.Combine(shared, "data", "cdnow");
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmBlazor.sln"))) dir = dir.Parent;
        if (dir?.Parent is null) throw new InvalidOperationException("Repository root not found.");
        var folder = Path.Combine(dir.Parent.FullName, "shared", "data", "cdnow");
        return Directory.Exists(folder) ? folder
            : throw new InvalidOperationException($"The CDNOW data are expected in {folder} (shared/ beside the repository) or under $CRM_SHARED.");
    }
}
