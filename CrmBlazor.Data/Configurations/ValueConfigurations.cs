using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Value;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBlazor.Data.Configurations;

internal sealed class CustomerValueScoreConfiguration : IEntityTypeConfiguration<CustomerValueScore>
{
    public void Configure(EntityTypeBuilder<CustomerValueScore> b)
    {
        b.ToTable("CustomerValueScores");
        b.HasKey(x => x.CustomerId);
        b.Property(x => x.CustomerId).ValueGeneratedNever();
        b.HasIndex(x => x.Clv);
        b.HasIndex(x => x.RfmSegment);
        b.HasIndex(x => x.ValueTier);
        b.HasIndex(x => x.ChurnRiskScore);
        b.HasOne<Customer>().WithOne(c => c.ValueScore).HasForeignKey<CustomerValueScore>(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ValueModelRunConfiguration : IEntityTypeConfiguration<ValueModelRun>
{
    public void Configure(EntityTypeBuilder<ValueModelRun> b)
    {
        b.ToTable("ValueModelRuns");
        b.Ignore(x => x.BgNbd);
        b.Ignore(x => x.GammaGamma);
        b.Property(x => x.FitError).HasMaxLength(200);
        b.HasIndex(x => x.ComputedAt);
    }
}

internal sealed class ValueSegmentFactConfiguration : IEntityTypeConfiguration<Data.Value.ValueSegmentFact>
{
    public void Configure(EntityTypeBuilder<Data.Value.ValueSegmentFact> b)
    {
        b.ToTable("ReportValueSegments");
        b.HasKey(x => new { x.OwnerId, x.Stage, x.LevelCode, x.RegionCode, x.IndustryCode, x.RfmR, x.RfmFm });
    }
}

internal sealed class ValueClvFactConfiguration : IEntityTypeConfiguration<Data.Value.ValueClvFact>
{
    public void Configure(EntityTypeBuilder<Data.Value.ValueClvFact> b)
    {
        b.ToTable("ReportValueClv");
        b.HasKey(x => new { x.OwnerId, x.Stage, x.LevelCode, x.RegionCode, x.IndustryCode, x.Band });
    }
}
