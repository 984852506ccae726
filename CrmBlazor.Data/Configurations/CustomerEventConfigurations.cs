using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.CustomerEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBlazor.Data.Configurations;

internal sealed class CustomerEventConfiguration : IEntityTypeConfiguration<CustomerEvent>
{
    public void Configure(EntityTypeBuilder<CustomerEvent> b)
    {
        b.ToTable("CustomerEvents");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.OnlineLink).HasMaxLength(300);
        b.Property(x => x.OwnerId).HasMaxLength(450);
        b.Property(x => x.CreatedById).HasMaxLength(450);
        b.Property(x => x.CancelReason).HasMaxLength(500);
        b.Ignore(x => x.IsTraining);
        b.HasIndex(x => x.StartsAt);
        b.HasIndex(x => new { x.Status, x.StartsAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EventInvitationConfiguration : IEntityTypeConfiguration<EventInvitation>
{
    public void Configure(EntityTypeBuilder<EventInvitation> b)
    {
        b.ToTable("EventInvitations");
        b.Property(x => x.InvitedById).HasMaxLength(450);
        b.Property(x => x.RecordedById).HasMaxLength(450);
        b.HasIndex(x => new { x.EventId, x.ContactId }).IsUnique();
        b.HasIndex(x => x.CustomerId);
        b.HasOne<CustomerEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
