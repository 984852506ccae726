using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Privacy;

namespace CrmBlazor.Data.Privacy;

/// <summary>A person's identifying value as it may appear in free text, and what replaces it on erasure.</summary>
internal sealed record PersonalValue(string Value, string Replacement);

internal static class PersonalValues
{
    /// <summary>Phones, e-mails and numbers become this in de-identified text.</summary>
    public const string Removed = "***";

    public static IReadOnlyList<PersonalValue> OfContact(Contact c) => Of(
        (c.Name, ErasedNames.Contact(c.Id)), (c.Mobile, Removed), (c.OfficePhone, Removed), (c.Email, Removed));

    public static IReadOnlyList<PersonalValue> OfCustomer(Customer c) => Of(
        (c.Name, ErasedNames.Customer(c.Id)), (c.LegalRepresentative, Removed), (c.Phone, Removed), (c.Fax, Removed),
        (c.Address, Removed), (c.LicenceNumber, Removed), (c.TaxId, Removed), (c.BankAccount, Removed));

    private static IReadOnlyList<PersonalValue> Of(params (string? Value, string Replacement)[] values) =>
        values.Where(v => v.Value is { Length: >= 2 } && !v.Value.StartsWith(ErasedNames.Prefix, StringComparison.Ordinal))
            .Select(v => new PersonalValue(v.Value!.Trim(), v.Replacement)).ToArray();
}

/// <summary>Finds and replaces a person's values in free text (ticket requests, interaction notes, …), longest first so a full name wins over a part of it.</summary>
internal sealed class Mentions(IEnumerable<PersonalValue> values)
{
    private readonly PersonalValue[] _values = values.DistinctBy(v => v.Value, StringComparer.OrdinalIgnoreCase).OrderByDescending(v => v.Value.Length).ToArray();

    public bool IsEmpty => _values.Length == 0;

    public bool In(string? text) => text is not null && _values.Any(v => text.Contains(v.Value, StringComparison.OrdinalIgnoreCase));

    public string? Scrub(string? text)
    {
        if (text is null) return null;
        foreach (var v in _values) text = text.Replace(v.Value, v.Replacement, StringComparison.OrdinalIgnoreCase);
        return text;
    }

    public IEnumerable<T> Filter<T>(IEnumerable<T> records, Func<T, string?[]> texts) => records.Where(r => texts(r).Any(In));
}
