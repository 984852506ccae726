using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBlazor.Data.Configurations;

internal sealed class StageHistoryConfiguration : IEntityTypeConfiguration<StageHistoryEntry>
{
    public void Configure(EntityTypeBuilder<StageHistoryEntry> b)
    {
        b.ToTable("StageHistory");
        b.Property(x => x.Reasons).HasMaxLength(2000);
        b.HasIndex(x => new { x.CustomerId, x.At });
        b.HasIndex(x => x.At);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StagePlaybookConfiguration : IEntityTypeConfiguration<StagePlaybook>
{
    public void Configure(EntityTypeBuilder<StagePlaybook> b)
    {
        b.ToTable("StagePlaybooks");
        b.Property(x => x.GoalZh).HasMaxLength(300);
        b.Property(x => x.GoalEn).HasMaxLength(300);
        b.Property(x => x.ActionsZh).HasMaxLength(2000);
        b.Property(x => x.ActionsEn).HasMaxLength(2000);
        b.Property(x => x.OwnerZh).HasMaxLength(200);
        b.Property(x => x.OwnerEn).HasMaxLength(200);
        b.HasIndex(x => x.Stage).IsUnique();
    }
}

internal sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> b)
    {
        b.ToTable("FollowUpTasks");
        b.Property(x => x.AssignedToId).HasMaxLength(450);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.ChannelCode).HasMaxLength(32);
        b.Property(x => x.Content).HasMaxLength(4000);
        b.Property(x => x.NextPlan).HasMaxLength(1000);
        b.HasIndex(x => new { x.AssignedToId, x.Status, x.DueDate });
        b.HasIndex(x => new { x.CustomerId, x.Status });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AssignedToId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChurnCaseConfiguration : IEntityTypeConfiguration<ChurnCase>
{
    public void Configure(EntityTypeBuilder<ChurnCase> b)
    {
        b.ToTable("ChurnCases");
        b.Property(x => x.ConfirmedReasonCode).HasMaxLength(32);
        b.Ignore(x => x.IsActive);
        b.HasIndex(x => new { x.CustomerId, x.Status });
        b.HasIndex(x => x.Status);
        b.HasIndex(x => new { x.Status, x.ClosedAt }); // churned customers by when churn was confirmed (reports)
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.ChurnCaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ChurnCaseEntryConfiguration : IEntityTypeConfiguration<ChurnCaseEntry>
{
    public void Configure(EntityTypeBuilder<ChurnCaseEntry> b)
    {
        b.ToTable("ChurnCaseEntries");
        b.Property(x => x.Text).HasMaxLength(2000);
        b.Property(x => x.ByUserId).HasMaxLength(450);
        b.HasIndex(x => x.ChurnCaseId);
    }
}
