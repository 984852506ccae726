using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Campaigns;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBlazor.Data.Configurations;

internal sealed class CustomerSegmentConfiguration : IEntityTypeConfiguration<CustomerSegment>
{
    public void Configure(EntityTypeBuilder<CustomerSegment> b)
    {
        b.ToTable("CustomerSegments");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.OwnerId).HasMaxLength(450);
        b.Property(x => x.Filter).HasMaxLength(4000);
        b.HasIndex(x => new { x.OwnerId, x.Name }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("Campaigns");
        b.Property(x => x.Theme).HasMaxLength(200);
        b.Property(x => x.Goal).HasMaxLength(1000);
        b.Property(x => x.Script).HasMaxLength(4000);
        b.Property(x => x.OwnerId).HasMaxLength(450);
        b.Property(x => x.CreatedById).HasMaxLength(450);
        b.Property(x => x.LaunchedById).HasMaxLength(450);
        b.HasIndex(x => x.StartDate);
        b.HasOne<CustomerSegment>().WithMany().HasForeignKey(x => x.SegmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignTargetConfiguration : IEntityTypeConfiguration<CampaignTarget>
{
    public void Configure(EntityTypeBuilder<CampaignTarget> b)
    {
        b.ToTable("CampaignTargets");
        b.Property(x => x.OwnerId).HasMaxLength(450);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasIndex(x => new { x.CampaignId, x.CustomerId }).IsUnique();
        b.HasIndex(x => x.TaskId);
        b.HasIndex(x => x.CustomerId);
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<FollowUpTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.SetNull);
    }
}
