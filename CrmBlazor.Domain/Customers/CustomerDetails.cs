namespace CrmBlazor.Domain.Customers;

/// <summary>The editable master data of a customer (PRODUCT.md §4); codes refer to the data dictionary.</summary>
public sealed record CustomerDetails
{
    public required string Name { get; init; }
    public string? RegionCode { get; init; }
    public string? IndustryCode { get; init; }
    public string? LevelCode { get; init; }
    public int? Satisfaction { get; init; }
    public int? Credit { get; init; }
    public string? Address { get; init; }
    public string? Postcode { get; init; }
    public string? Phone { get; init; }
    public string? Fax { get; init; }
    public string? Website { get; init; }
    public string? LicenceNumber { get; init; }
    public string? LegalRepresentative { get; init; }
    public decimal? RegisteredCapital { get; init; }
    public decimal? AnnualTurnover { get; init; }
    public string? Bank { get; init; }
    public string? BankAccount { get; init; }
    public string? TaxId { get; init; }
    public bool ConsentToContact { get; init; }
}
