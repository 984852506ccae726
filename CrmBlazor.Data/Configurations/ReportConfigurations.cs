using CrmBlazor.Data.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBlazor.Data.Configurations;

internal sealed class CustomerCubeFactConfiguration : IEntityTypeConfiguration<CustomerCubeFact>
{
    public void Configure(EntityTypeBuilder<CustomerCubeFact> b)
    {
        b.ToTable("ReportCustomerCube");
        b.HasKey(x => new { x.OwnerId, x.Stage, x.LevelCode, x.RegionCode, x.IndustryCode, x.Credit, x.Satisfaction });
    }
}

internal sealed class CustomerRevenueFactConfiguration : IEntityTypeConfiguration<CustomerRevenueFact>
{
    public void Configure(EntityTypeBuilder<CustomerRevenueFact> b)
    {
        b.ToTable("ReportCustomerRevenue");
        b.HasKey(x => new { x.CustomerId, x.Year });
        b.HasIndex(x => new { x.Year, x.AmountBin, x.Amount, x.OwnerId, x.Stage, x.LevelCode, x.RegionCode, x.IndustryCode, x.CustomerId, x.Name })
            .HasDatabaseName("IX_ReportCustomerRevenue_Year_AmountBin_Amount");
    }
}

internal sealed class StageFlowFactConfiguration : IEntityTypeConfiguration<StageFlowFact>
{
    public void Configure(EntityTypeBuilder<StageFlowFact> b)
    {
        b.ToTable("ReportStageFlows");
        b.HasKey(x => new { x.Month, x.FromStage, x.ToStage, x.OwnerId, x.LevelCode, x.RegionCode, x.IndustryCode, x.WeeksInFromStage });
    }
}
