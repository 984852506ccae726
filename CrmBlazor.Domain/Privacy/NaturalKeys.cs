namespace CrmBlazor.Domain.Privacy;

/// <summary>
/// The natural keys by which an erased person could come back through an import, kept only as
/// <see cref="ErasureTombstone"/> hashes. A contact: their mobile number (digits only), their
/// e-mail, and the customer number with their name (a file row that names them without a phone).
/// A customer: the customer number (the import's key — the anonymised record keeps it), and the
/// name with the business licence (registration) number or the tax id when either is known.
/// </summary>
public static class NaturalKeys
{
    public static IEnumerable<string> OfContact(string customerNumber, string name, string? mobile, string? email)
    {
        if (Digits(mobile) is { Length: > 0 } m) yield return "mobile:" + m;
        if (!string.IsNullOrWhiteSpace(email)) yield return "email:" + email.Trim();
        if (!string.IsNullOrWhiteSpace(name)) yield return $"name:{customerNumber.Trim()}|{name.Trim()}";
    }

    public static IEnumerable<string> OfCustomer(string number, string name, string? licenceNumber, string? taxId)
    {
        yield return "number:" + number.Trim();
        if (!string.IsNullOrWhiteSpace(licenceNumber)) yield return $"licence:{name.Trim()}|{licenceNumber.Trim()}";
        if (!string.IsNullOrWhiteSpace(taxId)) yield return $"tax:{name.Trim()}|{taxId.Trim()}";
    }

    private static string? Digits(string? phone) => phone is null ? null : new string(phone.Where(char.IsAsciiDigit).ToArray());
}
