using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBlazor.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("Customers");
        b.Property(x => x.Number).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.RegionCode).HasMaxLength(32);
        b.Property(x => x.IndustryCode).HasMaxLength(32);
        b.Property(x => x.LevelCode).HasMaxLength(32);
        b.Property(x => x.OwnerId).HasMaxLength(450);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.Postcode).HasMaxLength(12);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.Fax).HasMaxLength(30);
        b.Property(x => x.Website).HasMaxLength(300);
        b.Property(x => x.LicenceNumber).HasMaxLength(64);
        b.Property(x => x.LegalRepresentative).HasMaxLength(100);
        b.Property(x => x.Bank).HasMaxLength(100);
        b.Property(x => x.BankAccount).HasMaxLength(64);
        b.Property(x => x.TaxId).HasMaxLength(64);
        b.Property(x => x.StageReasons).HasMaxLength(2000);
        b.Ignore(x => x.AverageOrderValue);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.OwnerId, x.Stage });
        b.HasIndex(x => x.Stage);
        b.HasIndex(x => x.Name);
        b.HasIndex(x => x.LastOrderDate);
        b.HasIndex(x => x.RegionCode);
        b.HasIndex(x => x.IndustryCode);
        // migration 0003: the customer list's common sorts per owner and per stage (bench/customer-list)
        b.HasIndex(x => new { x.OwnerId, x.Number });
        b.HasIndex(x => new { x.OwnerId, x.LastOrderDate });
        b.HasIndex(x => new { x.OwnerId, x.TotalSpend });
        b.HasIndex(x => new { x.Stage, x.LastOrderDate, x.Id });
        b.HasIndex(x => x.TotalSpend);
        b.HasIndex(x => x.LevelCode);
        b.HasIndex(x => new { x.RegionCode, x.IndustryCode, x.Name });
        b.HasIndex(x => new { x.LevelCode, x.StageEnteredAt, x.Id });
        b.HasIndex(x => new { x.OwnerId, x.Name });
        b.HasIndex(x => new { x.LastOrderDate, x.Id });
        b.HasIndex(x => new { x.OwnerId, x.LevelCode, x.StageEnteredAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Contacts).WithOne(x => x.Customer).HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("Contacts");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.OfficePhone).HasMaxLength(30);
        b.Property(x => x.Mobile).HasMaxLength(30);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.Property(x => x.ConsentChannel).HasMaxLength(50);
        b.Property(x => x.ConsentRecordedById).HasMaxLength(450);
        b.Property(x => x.CollectionPurpose).HasMaxLength(300);
        b.HasIndex(x => x.CustomerId);
        b.HasIndex(x => x.Mobile);
    }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b)
    {
        b.ToTable("Interactions");
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.Summary).HasMaxLength(200);
        b.Property(x => x.Details).HasMaxLength(4000);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.Property(x => x.CreatedById).HasMaxLength(450);
        b.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CustomerId, x.Date });
    }
}

internal sealed class CustomerTagConfiguration : IEntityTypeConfiguration<CustomerTag>
{
    public void Configure(EntityTypeBuilder<CustomerTag> b)
    {
        b.ToTable("CustomerTags");
        b.HasKey(x => new { x.CustomerId, x.TagCode });
        b.Property(x => x.TagCode).HasMaxLength(32);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.TagCode);
    }
}

/// <summary>
/// The trigram index of the name search on PostgreSQL (migration 0007, <see cref="Customers.CustomerNameSearch"/>).
/// SQLite's is an FTS5 table the model cannot describe; it lives in the migration only.
/// </summary>
internal static class CustomerNameSearchIndex
{
    public static void Apply(ModelBuilder builder, string? providerName)
    {
        if (SqlDialect.For(providerName).Provider != DatabaseProvider.Postgres) return;
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Customer>().HasIndex(c => c.Name, "IX_Customers_Name_Trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
