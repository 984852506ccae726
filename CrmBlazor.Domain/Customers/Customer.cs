using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Privacy;

namespace CrmBlazor.Domain.Customers;

/// <summary>
/// A customer (客户) with its master data, owner, lifecycle stage and the order figures the stage
/// rules read. The figures are kept up to date by the order import and the recompute job so that
/// lists and rules never aggregate millions of orders per page.
/// </summary>
public sealed class Customer : VersionedEntity
{
    private readonly List<Contact> _contacts = [];

    private Customer() { }

    public string Number { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? RegionCode { get; private set; }
    public string? IndustryCode { get; private set; }
    public string? LevelCode { get; private set; }
    public string? OwnerId { get; private set; }
    public int? Satisfaction { get; private set; }
    public int? Credit { get; private set; }
    [Personal(PersonalKind.Address)] public string? Address { get; private set; }
    public string? Postcode { get; private set; }
    [Personal(PersonalKind.Phone)] public string? Phone { get; private set; }
    [Personal(PersonalKind.Phone)] public string? Fax { get; private set; }
    public string? Website { get; private set; }
    [Personal(PersonalKind.IdNumber)] public string? LicenceNumber { get; private set; }
    [Personal(PersonalKind.Name)] public string? LegalRepresentative { get; private set; }
    public decimal? RegisteredCapital { get; private set; }
    public decimal? AnnualTurnover { get; private set; }
    public string? Bank { get; private set; }
    [Personal(PersonalKind.BankAccount)] public string? BankAccount { get; private set; }
    [Personal(PersonalKind.IdNumber)] public string? TaxId { get; private set; }
    public bool ConsentToContact { get; private set; }
    public CustomerStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>Set when the customer (a natural person or their company's contact data) was erased: personal fields anonymised, business records kept.</summary>
    public DateTime? ErasedAt { get; private set; }

    public LifecycleStage Stage { get; private set; }
    public DateTime StageEnteredAt { get; private set; }
    /// <summary>Why the customer is in <see cref="Stage"/>, as stored explanation codes (see <see cref="StageReason"/>).</summary>
    public string StageReasons { get; private set; } = "";

    public DateOnly? FirstOrderDate { get; private set; }
    public DateOnly? LastOrderDate { get; private set; }
    public int OrderCount { get; private set; }
    public decimal TotalSpend { get; private set; }
    /// <summary>The last nightly value scores (null before the first scoring or without orders); read-only here.</summary>
    public Value.CustomerValueScore? ValueScore { get; private set; }

    public IReadOnlyList<Contact> Contacts => _contacts;

    public static Customer Create(string number, CustomerDetails details, string? ownerId, DateTime now)
    {
        var customer = new Customer
        {
            Number = Check.Required(number, "Number", 32),
            OwnerId = ownerId,
            CreatedAt = now,
            Status = CustomerStatus.Active,
            Stage = LifecycleStage.Prospect,
            StageEnteredAt = now,
        };
        customer.Update(details);
        return customer;
    }

    public void Update(CustomerDetails d)
    {
        if (ErasedAt is not null) throw new DomainException("Privacy.Erased", "This person was erased; their data cannot be entered again.");
        Name = Check.Required(d.Name, "Name", 200);
        RegionCode = Check.Optional(d.RegionCode, "Region", 32);
        IndustryCode = Check.Optional(d.IndustryCode, "Industry", 32);
        LevelCode = Check.Optional(d.LevelCode, "Level", 32);
        Satisfaction = Check.Range(d.Satisfaction, "Satisfaction", 1, 5);
        Credit = Check.Range(d.Credit, "Credit", 1, 5);
        // forms show personal fields masked: a mask sent back unchanged keeps the stored value
        Address = Check.Optional(PersonalDataPolicy.Kept(PersonalKind.Address, d.Address, Address), "Address", 300);
        Postcode = Check.Postcode(d.Postcode, "Postcode");
        Phone = Check.Phone(PersonalDataPolicy.Kept(PersonalKind.Phone, d.Phone, Phone), "Phone");
        Fax = Check.Phone(PersonalDataPolicy.Kept(PersonalKind.Phone, d.Fax, Fax), "Fax");
        Website = Check.Url(d.Website, "Website");
        LicenceNumber = Check.Optional(PersonalDataPolicy.Kept(PersonalKind.IdNumber, d.LicenceNumber, LicenceNumber), "LicenceNumber", 64);
        LegalRepresentative = Check.Optional(PersonalDataPolicy.Kept(PersonalKind.Name, d.LegalRepresentative, LegalRepresentative), "LegalRepresentative", 100);
        RegisteredCapital = Check.NotNegative(d.RegisteredCapital, "RegisteredCapital");
        AnnualTurnover = Check.NotNegative(d.AnnualTurnover, "AnnualTurnover");
        Bank = Check.Optional(d.Bank, "Bank", 100);
        BankAccount = Check.Optional(PersonalDataPolicy.Kept(PersonalKind.BankAccount, d.BankAccount, BankAccount), "BankAccount", 64);
        TaxId = Check.Optional(PersonalDataPolicy.Kept(PersonalKind.IdNumber, d.TaxId, TaxId), "TaxId", 64);
        ConsentToContact = d.ConsentToContact;
    }

    /// <summary>
    /// Erases the customer and every contact (PIPL art. 47): the name becomes a placeholder, the
    /// address, phones, registration numbers, legal representative and bank account are removed —
    /// irreversibly. Number, stage, figures, orders and tickets stay (business records). Returns false
    /// when it was erased already.
    /// </summary>
    public bool Erase(DateTime at)
    {
        if (ErasedAt is not null) return false;
        Name = ErasedNames.Customer(Id);
        Address = null;
        Postcode = null;
        Phone = null;
        Fax = null;
        Website = null;
        LicenceNumber = null;
        LegalRepresentative = null;
        Bank = null;
        BankAccount = null;
        TaxId = null;
        ConsentToContact = false;
        foreach (var c in _contacts) c.Erase(at);
        ErasedAt = at;
        return true;
    }

    public void AssignOwner(string? ownerId) => OwnerId = ownerId;

    /// <summary>The customer number, given once the record has its id.</summary>
    public void AssignNumber(string number) => Number = Check.Required(number, "Number", 32);

    public Contact AddContact(ContactDetails details)
    {
        var contact = Contact.Create(this, details);
        if (details.IsPrimary || _contacts.Count == 0)
        {
            foreach (var c in _contacts) c.IsPrimary = false;
            contact.IsPrimary = true;
        }
        _contacts.Add(contact);
        return contact;
    }

    /// <summary>Makes <paramref name="contact"/> the one primary contact.</summary>
    public void SetPrimaryContact(Contact contact)
    {
        if (!_contacts.Contains(contact))
            throw new DomainException("Record.NotFound", "The contact does not belong to this customer.");
        foreach (var c in _contacts) c.IsPrimary = ReferenceEquals(c, contact);
    }

    /// <summary>A customer keeps at least one contact (PRODUCT.md §4).</summary>
    public void RemoveContact(Contact contact)
    {
        if (_contacts.Count <= 1)
            throw new DomainException("Customer.LastContact", "A customer must keep at least one contact.");
        _contacts.Remove(contact);
        if (contact.IsPrimary) _contacts[0].IsPrimary = true;
    }

    /// <summary>Records a stage classification; returns false (and changes nothing) when the stage is unchanged.</summary>
    public bool MoveToStage(LifecycleStage stage, string reasons, DateTime at)
    {
        if (stage == Stage)
        {
            StageReasons = reasons;
            return false;
        }
        Stage = stage;
        StageEnteredAt = at;
        StageReasons = reasons;
        return true;
    }

    /// <summary>Folds one order into the figures the stage rules read.</summary>
    public void RecordOrder(DateOnly orderDate, decimal amount)
    {
        Check.NotNegative(amount, "Amount");
        FirstOrderDate = FirstOrderDate is null || orderDate < FirstOrderDate ? orderDate : FirstOrderDate;
        LastOrderDate = LastOrderDate is null || orderDate > LastOrderDate ? orderDate : LastOrderDate;
        OrderCount++;
        TotalSpend += amount;
    }

    public decimal? AverageOrderValue => OrderCount == 0 ? null : Math.Round(TotalSpend / OrderCount, 2);

    /// <summary>A customer with orders is never deleted, only made inactive (the orders are business records).</summary>
    public void EnsureDeletable()
    {
        if (OrderCount > 0)
            throw new DomainException("Customer.HasOrders", "A customer with orders cannot be deleted; mark it inactive instead.");
    }

    public void MarkInactive() => Status = CustomerStatus.Inactive;

    public void Reactivate() => Status = CustomerStatus.Active;

    /// <summary>Churn confirmed by the owner (确定流失).</summary>
    public void MarkLost() => Status = CustomerStatus.Lost;
}
