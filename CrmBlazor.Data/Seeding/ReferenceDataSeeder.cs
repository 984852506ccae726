using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Seeding;

/// <summary>
/// Puts the configuration every installation needs into a new database: the five roles, the data
/// dictionary, the stage playbooks and the default stage thresholds. Only fills what is empty —
/// an admin's later edits are never overwritten.
/// </summary>
public static class ReferenceDataSeeder
{
    public static async Task EnsureAsync(CrmDbContext db, DateTime now, CancellationToken ct = default)
    {
        var existingRoles = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Except(existingRoles!))
            db.Roles.Add(new IdentityRole(role!) { NormalizedName = role!.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });

        if (!await db.Dictionary.AnyAsync(ct))
            db.Dictionary.AddRange(ReferenceData.DictionaryEntries());

        if (!await db.Playbooks.AnyAsync(ct))
            db.Playbooks.AddRange(ReferenceData.Playbooks());

        var keys = await db.Settings.Select(s => s.Key).ToListAsync(ct);
        foreach (var (key, value) in new StageThresholds().ToSettings().Where(kv => !keys.Contains(kv.Key)))
            db.Settings.Add(new Setting(key, value, now));

        await db.SaveChangesAsync(ct);
    }
}
