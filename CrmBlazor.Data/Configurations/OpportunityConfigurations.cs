using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Opportunities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBlazor.Data.Configurations;

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> b)
    {
        b.ToTable("Opportunities");
        b.Property(x => x.SourceCode).HasMaxLength(32);
        b.Property(x => x.CustomerName).HasMaxLength(200);
        b.Property(x => x.Summary).HasMaxLength(200);
        b.Property(x => x.ContactName).HasMaxLength(100);
        b.Property(x => x.ContactPhone).HasMaxLength(30);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.RegionCode).HasMaxLength(32);
        b.Property(x => x.IndustryCode).HasMaxLength(32);
        b.Property(x => x.CreatedById).HasMaxLength(450);
        b.Property(x => x.AssignedToId).HasMaxLength(450);
        b.Property(x => x.AssignedById).HasMaxLength(450);
        b.Property(x => x.LostReason).HasMaxLength(500);
        b.Property(x => x.IntakeChannel).HasMaxLength(32);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.WeightedAmount);
        b.HasIndex(x => new { x.Status, x.AssignedToId });
        b.HasIndex(x => x.AssignedToId);
        b.HasIndex(x => x.CreatedById);
        b.HasIndex(x => new { x.InPool, x.Status });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AssignedToId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.PlanSteps).WithOne().HasForeignKey(x => x.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.History).WithOne().HasForeignKey(x => x.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.PlanSteps).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DevelopmentPlanStepConfiguration : IEntityTypeConfiguration<DevelopmentPlanStep>
{
    public void Configure(EntityTypeBuilder<DevelopmentPlanStep> b)
    {
        b.ToTable("DevelopmentPlanSteps");
        b.Property(x => x.Action).HasMaxLength(500);
        b.Property(x => x.Result).HasMaxLength(1000);
        b.HasIndex(x => new { x.OpportunityId, x.Sequence }).IsUnique();
    }
}

internal sealed class OpportunityHistoryConfiguration : IEntityTypeConfiguration<OpportunityHistoryEntry>
{
    public void Configure(EntityTypeBuilder<OpportunityHistoryEntry> b)
    {
        b.ToTable("OpportunityHistory");
        b.Property(x => x.ByUserId).HasMaxLength(450);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.HasIndex(x => new { x.OpportunityId, x.At });
    }
}

internal sealed class LeadDistributionRuleConfiguration : IEntityTypeConfiguration<LeadDistributionRule>
{
    public void Configure(EntityTypeBuilder<LeadDistributionRule> b)
    {
        b.ToTable("LeadDistributionRules");
        b.Property(x => x.MatchCode).HasMaxLength(32);
        b.Property(x => x.EligibleUserIds).HasMaxLength(4000);
        b.Property(x => x.LastAssignedUserId).HasMaxLength(450);
        b.HasIndex(x => x.Order);
    }
}
