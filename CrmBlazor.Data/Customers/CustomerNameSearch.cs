using System.Linq.Expressions;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace CrmBlazor.Data.Customers;

/// <summary>
/// Customers whose name contains a text anywhere ("科技", "远航物流", "littel"), A–Z matching a–z.
/// Backed by the trigram index of migration 0007 (docs/decisions/010): on SQLite the FTS5 table
/// <c>CustomerNameSearch</c> finds the candidates and the plain test confirms them, so the result is
/// exactly the plain test's; on PostgreSQL <c>ILIKE</c> reads the pg_trgm GIN index. A trigram needs
/// three characters: shorter texts (common in Chinese: "科技") are the plain test alone — a scan (the
/// contribution report scans its customer-years' copy of the names instead, migration 0008).
/// The customers passed in keep their query filters, so record access still applies.
/// </summary>
public static class CustomerNameSearch
{
    /// <summary>The shortest text the trigram index can answer.</summary>
    public const int IndexedLength = 3;

    public static IQueryable<Customer> Matching(this IQueryable<Customer> customers, CrmDbContext db, string text)
    {
        if (SqlDialect.For(db.Database.ProviderName).Provider == DatabaseProvider.Postgres || !IsIndexed(text))
            return customers.WhereNameContains(c => c.Name, db, text);
        var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var candidates = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"CustomerNameSearch\" WHERE \"CustomerNameSearch\" MATCH {phrase}");
        // a cross join: SQLite keeps the index's few candidates as the outer loop instead of scanning an
        // owner's (or the pool's) customers and testing each against them
        var found = from id in candidates
                    from c in customers
                    where c.Id == id
                    select c;
        return found.WhereNameContains(c => c.Name, db, text);
    }

    /// <summary>Whether the trigram index can answer <paramref name="text"/> (three characters or more).</summary>
    public static bool IsIndexed(string text) => text.EnumerateRunes().Count() >= IndexedLength;

    /// <summary>
    /// The plain test "the name contains the text", A–Z matching a–z, on any rows with a name (the
    /// contribution report's customer-years carry their customer's name). On PostgreSQL only a LIKE
    /// pattern can use the trigram index: Npgsql's Contains is one (LIKE '%…%', escaped); a text without
    /// cased letters ("远航物流") needs nothing more, and ILIKE's folding costs about five times LIKE's
    /// when a short text scans. On SQLite lower() folds A–Z only, so the text is folded the same way; a
    /// text without A–Z letters (most Chinese searches) is found the same with or without folding the
    /// name, and the name is then not folded at all (a million lower() calls cost as much as the scan).
    /// </summary>
    public static IQueryable<T> WhereNameContains<T>(this IQueryable<T> rows, Expression<Func<T, string>> name, CrmDbContext db, string text)
    {
        Expression<Func<string, bool>> test;
        if (SqlDialect.For(db.Database.ProviderName).Provider == DatabaseProvider.Postgres)
        {
            var pattern = "%" + EscapeLike(text) + "%";
            test = text.ToLowerInvariant() == text.ToUpperInvariant() ? n => n.Contains(text) : n => EF.Functions.ILike(n, pattern, @"\");
        }
        else if (!text.Any(char.IsAsciiLetter)) test = n => n.Contains(text);
        else
        {
            var folded = AsciiLower(text);
            test = n => n.ToLower().Contains(folded);
        }
        var body = ReplacingExpressionVisitor.Replace(test.Parameters[0], name.Body, test.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, name.Parameters));
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
