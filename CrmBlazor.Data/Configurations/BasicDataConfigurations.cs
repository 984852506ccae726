using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Organisation;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBlazor.Data.Configurations;

internal sealed class DictionaryEntryConfiguration : IEntityTypeConfiguration<DictionaryEntry>
{
    public void Configure(EntityTypeBuilder<DictionaryEntry> b)
    {
        b.ToTable("DictionaryEntries");
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.LabelZh).HasMaxLength(100);
        b.Property(x => x.LabelEn).HasMaxLength(100);
        b.HasIndex(x => new { x.Kind, x.Code }).IsUnique();
    }
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> b)
    {
        b.ToTable("Settings");
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Value).HasMaxLength(2000);
        b.Property(x => x.UpdatedById).HasMaxLength(450);
        b.HasIndex(x => x.Key).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.EntityId).HasMaxLength(200);
        b.Property(x => x.IpAddress).HasMaxLength(64);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class ErasureTombstoneConfiguration : IEntityTypeConfiguration<ErasureTombstone>
{
    public void Configure(EntityTypeBuilder<ErasureTombstone> b)
    {
        b.ToTable("ErasureTombstones");
        b.Property(x => x.KeyHash).HasMaxLength(64);
        b.Property(x => x.ErasedById).HasMaxLength(450);
        b.HasIndex(x => x.KeyHash).IsUnique();
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("Teams");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.ManagerId).HasMaxLength(450);
        b.HasIndex(x => x.Name).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ManagerId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(100);
        b.Property(x => x.PreferredCulture).HasMaxLength(10);
        b.Property(x => x.RegionCodes).HasMaxLength(500);
        b.Property(x => x.IndustryCodes).HasMaxLength(500);
        b.Ignore(x => x.Regions);
        b.Ignore(x => x.Industries);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.TeamId);
    }
}
