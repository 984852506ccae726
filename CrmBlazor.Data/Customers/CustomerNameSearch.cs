using System.Linq.Expressions;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Customers;

/// <summary>
/// Customers whose name contains a text anywhere ("科技", "远航物流", "littel"), A–Z matching a–z.
/// Backed by the trigram index of migration 0007 (docs/decisions/010): on SQLite the FTS5 table
/// <c>CustomerNameSearch</c> finds the candidates and the plain test confirms them, so the result is
/// exactly the plain test's; on PostgreSQL <c>ILIKE</c> reads the pg_trgm GIN index. A trigram needs
/// three characters: shorter texts (common in Chinese: "科技") are the plain test alone — a scan.
/// The customers passed in keep their query filters, so record access still applies.
/// </summary>
public static class CustomerNameSearch
{
    /// <summary>The shortest text the trigram index can answer.</summary>
    public const int IndexedLength = 3;

    public static IQueryable<Customer> Matching(this IQueryable<Customer> customers, CrmDbContext db, string text)
    {
        if (SqlDialect.For(db.Database.ProviderName).Provider == DatabaseProvider.Postgres)
        {
            // only a LIKE pattern can use the trigram index. Npgsql's Contains is one (LIKE '%…%', escaped);
            // a text without cased letters ("远航物流") needs nothing more, and ILIKE's folding costs about
            // five times LIKE's when a short text scans
            if (text.ToLowerInvariant() == text.ToUpperInvariant()) return customers.Where(c => c.Name.Contains(text));
            var pattern = "%" + EscapeLike(text) + "%";
            return customers.Where(c => EF.Functions.ILike(c.Name, pattern, @"\"));
        }
        var contains = Contains(text);
        if (text.EnumerateRunes().Count() < IndexedLength) return customers.Where(contains);
        var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var candidates = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"CustomerNameSearch\" WHERE \"CustomerNameSearch\" MATCH {phrase}");
        // a cross join: SQLite keeps the index's few candidates as the outer loop instead of scanning an
        // owner's (or the pool's) customers and testing each against them
        var found = from id in candidates
                    from c in customers
                    where c.Id == id
                    select c;
        return found.Where(contains);
    }

    /// <summary>
    /// The plain test on SQLite. Its lower() folds A–Z only, so the text is folded the same way; a text
    /// without A–Z letters (most Chinese searches) is found the same with or without folding the name,
    /// and the name is then not folded at all (a million lower() calls cost as much as the scan).
    /// </summary>
    private static Expression<Func<Customer, bool>> Contains(string text)
    {
        if (!text.Any(char.IsAsciiLetter)) return c => c.Name.Contains(text);
        var folded = AsciiLower(text);
        return c => c.Name.ToLower().Contains(folded);
    }

    /// <summary>The ids of the matching customers among <paramref name="customers"/> (for reports that join them to their facts).</summary>
    public static IQueryable<int> MatchingIds(this IQueryable<Customer> customers, CrmDbContext db, string text) =>
        customers.Matching(db, text).Select(c => c.Id);

    internal static string AsciiLower(string text) =>
        string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = char.IsAsciiLetterUpper(s[i]) ? (char)(s[i] | 0x20) : s[i];
        });

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
