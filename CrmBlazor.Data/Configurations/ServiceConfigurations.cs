using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBlazor.Data.Configurations;

internal sealed class ServiceTicketConfiguration : IEntityTypeConfiguration<ServiceTicket>
{
    public void Configure(EntityTypeBuilder<ServiceTicket> b)
    {
        b.ToTable("ServiceTickets");
        b.Property(x => x.TypeCode).HasMaxLength(32);
        b.Property(x => x.Summary).HasMaxLength(200);
        b.Property(x => x.Request).HasMaxLength(4000);
        b.Property(x => x.CreatedById).HasMaxLength(450);
        b.Property(x => x.AssignedToId).HasMaxLength(450);
        b.Property(x => x.AssignedById).HasMaxLength(450);
        b.Property(x => x.Handling).HasMaxLength(4000);
        b.Property(x => x.HandledById).HasMaxLength(450);
        b.Property(x => x.Result).HasMaxLength(2000);
        b.Ignore(x => x.ResolvedAtFirstContact);
        b.Ignore(x => x.IsComplaint);
        b.HasIndex(x => new { x.Status, x.AssignedToId });
        b.HasIndex(x => x.AssignedToId);
        b.HasIndex(x => x.CustomerId);
        b.HasIndex(x => x.CreatedAt);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AssignedToId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.History).WithOne().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TicketHistoryConfiguration : IEntityTypeConfiguration<TicketHistoryEntry>
{
    public void Configure(EntityTypeBuilder<TicketHistoryEntry> b)
    {
        b.ToTable("TicketHistory");
        b.Property(x => x.ByUserId).HasMaxLength(450);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.HasIndex(x => new { x.TicketId, x.At });
    }
}
