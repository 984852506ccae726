using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBlazor.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("Orders");
        b.Property(x => x.OrderNo).HasMaxLength(40);
        b.HasIndex(x => x.OrderNo).IsUnique();
        b.HasIndex(x => new { x.CustomerId, x.OrderDate });
        b.HasIndex(x => x.OrderDate);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("OrderLines");
        b.Property(x => x.ProductCode).HasMaxLength(40);
        b.Ignore(x => x.LineTotal);
        b.HasIndex(x => x.OrderId);
        b.HasIndex(x => x.ProductId);
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("Products");
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.Model).HasMaxLength(100);
        b.Property(x => x.Specification).HasMaxLength(200);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class InventoryItemConfiguration : IEntityTypeConfiguration<InventoryItem>
{
    public void Configure(EntityTypeBuilder<InventoryItem> b)
    {
        b.ToTable("Inventory");
        b.Property(x => x.Warehouse).HasMaxLength(100);
        b.HasIndex(x => new { x.ProductId, x.Warehouse }).IsUnique();
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BehaviourEventConfiguration : IEntityTypeConfiguration<BehaviourEvent>
{
    public void Configure(EntityTypeBuilder<BehaviourEvent> b)
    {
        b.ToTable("BehaviourEvents");
        b.Property(x => x.ExternalId).HasMaxLength(64);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasIndex(x => new { x.CustomerId, x.Type, x.OccurredAt });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
