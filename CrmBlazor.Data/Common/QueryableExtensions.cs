using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Common;

public static class QueryableExtensions
{
    /// <summary>Counts, then reads one page — both in the database.</summary>
    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest page, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        if (total == 0) return PagedResult<T>.Empty;
        var items = await query.Skip(page.SafeSkip).Take(page.SafeTake).ToListAsync(ct);
        return new PagedResult<T>(items, total);
    }

    /// <summary>Sorts by a whitelisted key; unknown keys fall back to <paramref name="fallback"/>.</summary>
    public static IQueryable<T> SortBy<T>(this IQueryable<T> query, string? key, bool descending,
        IReadOnlyDictionary<string, Expression<Func<T, object?>>> columns, string fallback)
    {
        if (key is null || !columns.TryGetValue(key, out var selector))
        {
            selector = columns[fallback];
        }
        return descending ? query.OrderByDescending(selector) : query.OrderBy(selector);
    }
}
