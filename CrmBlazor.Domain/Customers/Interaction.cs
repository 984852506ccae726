using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Customers;

/// <summary>An interaction record (交往记录): a meeting, call or visit with the customer.</summary>
public sealed class Interaction : VersionedEntity
{
    private Interaction() { }

    public int CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    public DateOnly Date { get; private set; }
    public string? Place { get; private set; }
    public string Summary { get; private set; } = "";
    public string? Details { get; private set; }
    public string? Notes { get; private set; }
    public string? CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static Interaction Create(int customerId, DateOnly date, string? place, string summary, string? details, string? notes, string? createdById, DateTime now)
    {
        var interaction = new Interaction { CustomerId = customerId, CreatedById = createdById, CreatedAt = now };
        interaction.Update(date, place, summary, details, notes, now);
        return interaction;
    }

    public void Update(DateOnly date, string? place, string summary, string? details, string? notes, DateTime now)
    {
        if (LocalToday.IsFuture(date, now))
            throw new DomainException("Interaction.FutureDate", "An interaction cannot be dated in the future.");
        Date = date;
        Place = Check.Optional(place, "Place", 200);
        Summary = Check.Required(summary, "Summary", 200);
        Details = Check.Optional(details, "Details", 4000);
        Notes = Check.Optional(notes, "Notes", 2000);
    }
}
