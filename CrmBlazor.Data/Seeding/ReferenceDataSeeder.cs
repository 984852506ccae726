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
    /// <summary>The account leads from the HTTP endpoint are attributed to; it cannot sign in.</summary>
    public const string LeadIntakeUserName = "lead-intake@system.local";

    public static async Task EnsureAsync(CrmDbContext db, DateTime now, CancellationToken ct = default)
    {
        if (!await db.Users.AnyAsync(u => u.UserName == LeadIntakeUserName, ct))
            db.Users.Add(new Identity.AppUser
            {
                UserName = LeadIntakeUserName, NormalizedUserName = LeadIntakeUserName.ToUpperInvariant(),
                Email = LeadIntakeUserName, NormalizedEmail = LeadIntakeUserName.ToUpperInvariant(), EmailConfirmed = true,
                DisplayName = "线索接口 Lead intake API", IsActive = false, CreatedAt = now,
                SecurityStamp = Guid.NewGuid().ToString(), ConcurrencyStamp = Guid.NewGuid().ToString(),
            });

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
