using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Lookups;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.BasicData;

public sealed record DictionaryEntryRow(int Id, DictionaryKind Kind, string Code, string LabelZh, string LabelEn, int SortOrder, bool IsActive, int Version);

/// <summary>What a new entry or a rename says: the labels in both languages and the position in its list.</summary>
public sealed record DictionaryEntryInput(string Code, string LabelZh, string LabelEn, int SortOrder);

/// <summary>
/// The data dictionary (基础数据 — 数据字典) as admins manage it: add, rename, reorder, activate and
/// deactivate entries, and delete one nobody uses. Every change is saved (and audited by
/// SaveChanges), the app-wide <see cref="DictionaryCache"/> is re-read, and
/// <see cref="DictionaryChanged"/> is published so open pages re-render their labels.
/// Access: every method needs <see cref="Capability.ManageSettings"/> (admins); entries are company-wide.
/// </summary>
public sealed class DictionaryService(CrmDbFactory dbFactory, DictionaryCache cache, CrmEventHub events, TimeProvider clock)
{
    public async Task<IReadOnlyList<DictionaryEntryRow>> ListAsync(DictionaryKind kind, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        return await db.Dictionary.AsNoTracking().Where(e => e.Kind == kind).OrderBy(e => e.SortOrder).ThenBy(e => e.Code)
            .Select(e => new DictionaryEntryRow(e.Id, e.Kind, e.Code, e.LabelZh, e.LabelEn, e.SortOrder, e.IsActive, e.Version)).ToListAsync(ct);
    }

    /// <summary>Adds an entry; a code already in the list (active or not) is refused.</summary>
    public async Task<int> AddAsync(DictionaryKind kind, DictionaryEntryInput input, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var entry = DictionaryEntry.Create(kind, input.Code, input.LabelZh, input.LabelEn, input.SortOrder);
        if (await db.Dictionary.AnyAsync(e => e.Kind == kind && e.Code == entry.Code, ct))
            throw new DomainException("Dictionary.DuplicateCode", $"The list already has the code {entry.Code}.", entry.Code);
        db.Dictionary.Add(entry);
        await db.SaveChangesAsync(ct);
        await ChangedAsync(entry, ct);
        return entry.Id;
    }

    /// <summary>Renames an entry and/or moves it in its list; the code never changes (records store it).</summary>
    public Task RenameAsync(int id, int expectedVersion, string labelZh, string labelEn, int sortOrder, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, e => e.Rename(labelZh, labelEn, sortOrder), ct);

    /// <summary>Deactivated entries are no longer offered by forms; records that hold them keep showing their label.</summary>
    public Task SetActiveAsync(int id, int expectedVersion, bool active, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, e => e.SetActive(active), ct);

    /// <summary>Moves an entry one place up (<paramref name="step"/> -1) or down (+1), renumbering the list 10, 20, 30 …</summary>
    public async Task MoveAsync(int id, int step, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var entry = await db.Dictionary.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound(id);
        var list = await db.Dictionary.Where(e => e.Kind == entry.Kind).OrderBy(e => e.SortOrder).ThenBy(e => e.Code).ToListAsync(ct);
        var at = list.IndexOf(entry);
        var to = Math.Clamp(at + Math.Sign(step), 0, list.Count - 1);
        if (to == at) return;
        (list[at], list[to]) = (list[to], list[at]);
        for (var i = 0; i < list.Count; i++)
            if (list[i].SortOrder != (i + 1) * 10) list[i].Rename(list[i].LabelZh, list[i].LabelEn, (i + 1) * 10);
        await SaveAsync(db, ct);
        await ChangedAsync(entry, ct);
    }

    /// <summary>Where an entry's code is stored: the number of records per place (empty when unused).</summary>
    public async Task<IReadOnlyList<DictionaryUse>> UsageAsync(int id, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var entry = await db.Dictionary.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound(id);
        return await DictionaryUsage.CountAsync(db, entry.Kind, entry.Code, ct);
    }

    /// <summary>Deletes an unused entry; one in use is refused with <see cref="DictionaryEntryInUseException"/> naming where (deactivate it instead).</summary>
    public async Task DeleteAsync(int id, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var entry = await db.Dictionary.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound(id);
        if (entry.Version != expectedVersion) throw Conflict();
        var uses = await DictionaryUsage.CountAsync(db, entry.Kind, entry.Code, ct);
        if (uses.Count > 0) throw new DictionaryEntryInUseException(entry.Code, uses);
        db.Dictionary.Remove(entry);
        await SaveAsync(db, ct);
        await ChangedAsync(entry, ct);
    }

    private async Task ChangeAsync(int id, int expectedVersion, Action<DictionaryEntry> change, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var entry = await db.Dictionary.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound(id);
        db.Entry(entry).Property(e => e.Version).OriginalValue = expectedVersion;
        change(entry);
        await SaveAsync(db, ct);
        await ChangedAsync(entry, ct);
    }

    private async Task<CrmDbContext> OpenAsync(CancellationToken ct)
    {
        var db = await dbFactory.CreateAsync(ct);
        try
        {
            db.Scope.Require(Capability.ManageSettings);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static async Task SaveAsync(CrmDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
    }

    private async Task ChangedAsync(DictionaryEntry entry, CancellationToken ct)
    {
        await cache.ReloadAsync(ct);
        await events.PublishAsync(new DictionaryChanged(entry.Kind, entry.Code, clock.GetUtcNow().UtcDateTime));
    }

    private static DomainException NotFound(int id) => new("Dictionary.NotFound", $"Dictionary entry {id} does not exist.", id);

    private static DomainException Conflict() =>
        new("Dictionary.Conflict", "Someone else changed this entry meanwhile; the list shows its current state.");
}
