using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Privacy;

namespace CrmBlazor.Domain.Customers;

public sealed record ContactDetails
{
    public required string Name { get; init; }
    public Gender Gender { get; init; }
    public string? Title { get; init; }
    public string? OfficePhone { get; init; }
    public string? Mobile { get; init; }
    public string? Email { get; init; }
    public DateOnly? Birthday { get; init; }
    public string? Notes { get; init; }
    public bool IsPrimary { get; init; }
}

/// <summary>A contact person (联系人) of a customer, with recorded consent for marketing contact.</summary>
public sealed class Contact : VersionedEntity
{
    private Contact() { }

    public int CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    [Personal(PersonalKind.Name, ShownOnScreens = true)] public string Name { get; private set; } = "";
    public Gender Gender { get; private set; }
    public string? Title { get; private set; }
    [Personal(PersonalKind.Phone)] public string? OfficePhone { get; private set; }
    [Personal(PersonalKind.Phone)] public string? Mobile { get; private set; }
    [Personal(PersonalKind.Email)] public string? Email { get; private set; }
    [Personal(PersonalKind.Other)] public DateOnly? Birthday { get; private set; }
    public string? Notes { get; private set; }
    public bool IsPrimary { get; internal set; }

    public bool ConsentGiven { get; private set; }
    public DateTime? ConsentChangedAt { get; private set; }
    public string? ConsentChannel { get; private set; }
    public string? ConsentRecordedById { get; private set; }
    public string? CollectionPurpose { get; private set; }
    /// <summary>Set when the person was erased: personal fields are anonymised, the business records stay.</summary>
    public DateTime? ErasedAt { get; private set; }

    internal static Contact Create(Customer customer, ContactDetails details)
    {
        var contact = new Contact { Customer = customer };
        contact.Update(details);
        return contact;
    }

    public void Update(ContactDetails d)
    {
        if (ErasedAt is not null) throw new DomainException("Privacy.Erased", "This person was erased; their data cannot be entered again.");
        Name = Check.Required(d.Name, "ContactName", 100);
        Gender = d.Gender;
        Title = Check.Optional(d.Title, "Title", 100);
        // forms show personal fields masked: a mask sent back unchanged keeps the stored value
        OfficePhone = Check.Phone(PersonalDataPolicy.Kept(PersonalKind.Phone, d.OfficePhone, OfficePhone), "OfficePhone");
        Mobile = Check.Phone(PersonalDataPolicy.Kept(PersonalKind.Phone, d.Mobile, Mobile), "Mobile");
        Email = Check.Email(PersonalDataPolicy.Kept(PersonalKind.Email, d.Email, Email), "Email");
        Birthday = d.Birthday;
        Notes = Check.Optional(d.Notes, "Notes", 2000);
    }

    /// <summary>
    /// Erases the person (PIPL art. 47): the name becomes a placeholder, phones, e-mail, birthday,
    /// title and notes are removed and consent is withdrawn — irreversibly. Returns false when the
    /// contact was erased already (a second erasure changes nothing).
    /// </summary>
    public bool Erase(DateTime at)
    {
        if (ErasedAt is not null) return false;
        Name = ErasedNames.Contact(Id);
        Gender = Gender.Unknown;
        Title = null;
        OfficePhone = null;
        Mobile = null;
        Email = null;
        Birthday = null;
        Notes = null;
        ConsentGiven = false;
        ConsentChangedAt = at;
        ConsentChannel = null;
        ConsentRecordedById = null;
        CollectionPurpose = null;
        ErasedAt = at;
        return true;
    }
    /// <summary>How consent was recorded when it was changed in the app itself (one-click withdrawal).</summary>
    public const string AppChannel = "app";

    /// <summary>The ways consent is recorded (a code each; the UI translates them).</summary>
    public static readonly IReadOnlyList<string> ConsentChannels = [AppChannel, "paper", "contract", "form", "email", "phone", "meeting"];

    public void RecordConsent(bool given, string channel, string purpose, string? recordedById, DateTime at)
    {
        ConsentGiven = given;
        ConsentChannel = Check.Required(channel, "ConsentChannel", 50);
        CollectionPurpose = Check.Required(purpose, "Purpose", 300);
        ConsentRecordedById = recordedById;
        ConsentChangedAt = at;
    }

    /// <summary>
    /// Withdraws consent for marketing contact at once, recorded as done in the app by
    /// <paramref name="recordedById"/>; the purpose of collection stays as it was recorded.
    /// </summary>
    public void WithdrawConsent(string? recordedById, DateTime at)
    {
        if (ErasedAt is not null) throw new DomainException("Contact.Erased", "This contact was erased.");
        ConsentGiven = false;
        ConsentChannel = AppChannel;
        ConsentRecordedById = recordedById;
        ConsentChangedAt = at;
    }
}
