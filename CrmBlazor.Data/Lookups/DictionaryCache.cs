using CrmBlazor.Data.Access;
using CrmBlazor.Domain.BasicData;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Lookups;

public sealed record DictionaryItem(DictionaryKind Kind, string Code, string LabelZh, string LabelEn, int SortOrder, bool IsActive)
{
    public string Label(bool chinese) => chinese ? LabelZh : LabelEn;
}

/// <summary>
/// The data dictionary, cached for the whole app and reloaded when an admin changes it, so every
/// page shows labels in the reader's language without a query per row.
/// </summary>
public sealed class DictionaryCache(IDbContextFactory<CrmDbContext> factory)
{
    private volatile IReadOnlyDictionary<(DictionaryKind, string), DictionaryItem>? _items;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IReadOnlyList<DictionaryItem>> ListAsync(DictionaryKind kind, bool activeOnly = true, CancellationToken ct = default) =>
        (await ItemsAsync(ct)).Values.Where(i => i.Kind == kind && (!activeOnly || i.IsActive))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// What a form offers: the active entries, plus those of <paramref name="current"/> (the values the
    /// record already holds) even when an admin has since deactivated them, so editing keeps them.
    /// </summary>
    public async Task<IReadOnlyList<DictionaryItem>> FormOptionsAsync(DictionaryKind kind, IEnumerable<string?> current, CancellationToken ct = default)
    {
        var keep = current.OfType<string>().ToHashSet(StringComparer.Ordinal);
        return (await ListAsync(kind, activeOnly: false, ct)).Where(i => i.IsActive || keep.Contains(i.Code)).ToArray();
    }

    /// <summary>
    /// The label of <paramref name="code"/> in the reader's language (inactive entries included); the
    /// code itself when unknown. The function reads the cache as it is when called, so a renamed entry
    /// shows its new label on the next render of a page loaded before the rename.
    /// </summary>
    public async Task<Func<DictionaryKind, string?, string>> LabellerAsync(bool chinese, CancellationToken ct = default)
    {
        var loaded = await ItemsAsync(ct);
        return (kind, code) => code is null ? "" : (_items ?? loaded).TryGetValue((kind, code), out var item) ? item.Label(chinese) : code;
    }

    public void Invalidate() => _items = null;

    /// <summary>Re-reads the dictionary now (after an admin changed it), so the next label lookup anywhere sees the change.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _items = await LoadAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<(DictionaryKind, string), DictionaryItem>> ItemsAsync(CancellationToken ct)
    {
        if (_items is { } items) return items;
        await _gate.WaitAsync(ct);
        try
        {
            if (_items is { } loaded) return loaded;
            return _items = await LoadAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<(DictionaryKind, string), DictionaryItem>> LoadAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateSystemContextAsync(ct);
        var list = await db.Dictionary.AsNoTracking()
            .Select(e => new DictionaryItem(e.Kind, e.Code, e.LabelZh, e.LabelEn, e.SortOrder, e.IsActive)).ToListAsync(ct);
        return list.ToDictionary(i => (i.Kind, i.Code));
    }
}
