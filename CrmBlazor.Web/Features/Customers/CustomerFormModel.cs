using System.Globalization;
using CrmBlazor.Data.Customers;
using CrmBlazor.Domain.Customers;

namespace CrmBlazor.Web.Features.Customers;

/// <summary>What the customer form edits; numbers stay text until saved so a typo gets a clear message instead of an emptied field.</summary>
public sealed class CustomerFormModel
{
    public string? Name { get; set; }
    public string? OwnerId { get; set; }
    public string? RegionCode { get; set; }
    public string? IndustryCode { get; set; }
    public string? LevelCode { get; set; }
    public int? Satisfaction { get; set; }
    public int? Credit { get; set; }
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? Phone { get; set; }
    public string? Fax { get; set; }
    public string? Website { get; set; }
    public string? LicenceNumber { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? RegisteredCapital { get; set; }
    public string? AnnualTurnover { get; set; }
    public string? Bank { get; set; }
    public string? BankAccount { get; set; }
    public string? TaxId { get; set; }
    public bool ConsentToContact { get; set; }
    public string? ContactName { get; set; }
    public string? ContactMobile { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactTitle { get; set; }

    public static CustomerFormModel From(CustomerDetail d) => new()
    {
        Name = d.Name, OwnerId = d.OwnerId, RegionCode = d.RegionCode, IndustryCode = d.IndustryCode, LevelCode = d.LevelCode,
        Satisfaction = d.Satisfaction, Credit = d.Credit, Address = d.Address, Postcode = d.Postcode, Phone = d.Phone, Fax = d.Fax,
        Website = d.Website, LicenceNumber = d.LicenceNumber, LegalRepresentative = d.LegalRepresentative,
        RegisteredCapital = d.RegisteredCapital?.ToString("0.##", CultureInfo.InvariantCulture),
        AnnualTurnover = d.AnnualTurnover?.ToString("0.##", CultureInfo.InvariantCulture),
        Bank = d.Bank, BankAccount = d.BankAccount, TaxId = d.TaxId, ConsentToContact = d.ConsentToContact,
    };

    /// <summary>Empty is no value; "¥1,200,000" and "1200000.50" are numbers; anything else is refused.</summary>
    public bool TryParseMoney(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var cleaned = text.Replace("¥", "", StringComparison.Ordinal).Replace("￥", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        if (!decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)) return false;
        value = v;
        return true;
    }

    public CustomerDetails ToDetails(decimal? capital, decimal? turnover) => new()
    {
        Name = Name ?? "", RegionCode = RegionCode, IndustryCode = IndustryCode, LevelCode = LevelCode, Satisfaction = Satisfaction, Credit = Credit,
        Address = Address, Postcode = Postcode, Phone = Phone, Fax = Fax, Website = Website, LicenceNumber = LicenceNumber,
        LegalRepresentative = LegalRepresentative, RegisteredCapital = capital, AnnualTurnover = turnover, Bank = Bank, BankAccount = BankAccount,
        TaxId = TaxId, ConsentToContact = ConsentToContact,
    };
}
