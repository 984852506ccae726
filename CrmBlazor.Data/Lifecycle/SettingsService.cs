using System.Globalization;
using System.Text.Json;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Lifecycle;

/// <summary>One threshold as the settings page shows it: what it is (unit, range, default) and its current value.</summary>
public sealed record ThresholdSetting(ThresholdDescriptor Descriptor, int Value);

/// <summary>
/// The stage thresholds as saved, with a <see cref="Version"/> that grows with every write to any of
/// them (the sum of the rows' versions plus their count) — the caller hands it back when saving so a
/// concurrent change by another admin is refused rather than overwritten.
/// </summary>
public sealed record StageThresholdSettings(IReadOnlyList<ThresholdSetting> Thresholds, int Version, DateTime? UpdatedAt, string? UpdatedById)
{
    public StageThresholds Values => StageThresholds.With(Thresholds.ToDictionary(t => t.Descriptor.Key, t => t.Value));
}

/// <summary>
/// The admin's stage rules (PRODUCT.md §2): reads and saves the <c>Stage.&lt;Name&gt;</c> settings.
/// Values are checked by <see cref="StageThresholds.With"/> (range and cross-rules) before anything
/// is written; a save writes one audit entry listing every changed threshold as before → after.
/// Changes take effect at the next evaluation — the engine reads the settings each run.
/// </summary>
public sealed class StageSettingsService(CrmDbFactory dbFactory, TimeProvider clock)
{
    public async Task<StageThresholdSettings> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ManageSettings);
        return Present(await LoadAsync(db, ct));
    }

    /// <summary>
    /// Saves a full set of values (key without prefix → value). Refused with a <see cref="DomainException"/>
    /// when a value is missing, out of range or contradicts another (<c>Threshold.*</c>), or when
    /// someone saved since <paramref name="expectedVersion"/> (<c>Record.Changed</c>); nothing is written then.
    /// </summary>
    public async Task<StageThresholdSettings> SaveAsync(IReadOnlyDictionary<string, int> values, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ManageSettings);
        var me = db.Scope.RequireUserId();
        var thresholds = StageThresholds.With(values);
        var rows = await LoadAsync(db, ct);
        if (VersionOf(rows) != expectedVersion)
            throw new DomainException("Record.Changed", "Someone else changed the stage rules meanwhile.");

        var now = clock.GetUtcNow().UtcDateTime;
        var changes = new SortedDictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var (key, value) in thresholds.ToSettings())
        {
            var row = rows.FirstOrDefault(r => r.Key == key);
            if (row is null)
            {
                row = new Setting(key, value, now);
                row.Change(value, me, now);
                db.Settings.Add(row);
                rows.Add(row);
                changes[key] = [null, value];
            }
            else if (row.Value != value)
            {
                changes[key] = [row.Value, value];
                row.Change(value, me, now);
            }
        }
        if (changes.Count == 0) return Present(rows);

        // One entry naming each threshold with before → after; the row-by-row capture would only say "Setting 17: Value 60 → 45".
        db.SuppressAudit = true;
        db.AuditEntries.Add(new AuditEntry(now, me, db.Scope.UserName, AuditAction.Update, AuditEntityType, null, JsonSerializer.Serialize(changes), db.ClientAddress));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Record.Changed", "Someone else changed the stage rules meanwhile.");
        }
        catch (DbUpdateException) when (changes.Values.Any(c => c[0] is null))
        {
            // another admin inserted a missing key at the same moment (unique key)
            throw new DomainException("Record.Changed", "Someone else changed the stage rules meanwhile.");
        }
        return Present(rows);
    }

    /// <summary>The audit trail's entity name for a save of the stage rules.</summary>
    public const string AuditEntityType = "StageThresholds";

    private static Task<List<Setting>> LoadAsync(CrmDbContext db, CancellationToken ct) =>
        db.Settings.Where(s => s.Key.StartsWith(StageThresholds.KeyPrefix)).ToListAsync(ct);

    private static int VersionOf(IEnumerable<Setting> rows) => rows.Sum(r => r.Version + 1);

    private static StageThresholdSettings Present(List<Setting> rows)
    {
        var byKey = rows.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var list = StageThresholds.Descriptors.Select(d => new ThresholdSetting(d,
            byKey.TryGetValue(StageThresholds.KeyPrefix + d.Key, out var row) && int.TryParse(row.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : d.Default)).ToArray();
        var latest = rows.Where(r => r.UpdatedById is not null).MaxBy(r => r.UpdatedAt);
        return new StageThresholdSettings(list, VersionOf(rows), latest?.UpdatedAt, latest?.UpdatedById);
    }
}
