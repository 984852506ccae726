namespace CrmBlazor.Domain.Privacy;

/// <summary>
/// The placeholders an erased person's name becomes. Stored, so they read in both languages of the
/// app; the id keeps the business records of different erased people apart.
/// </summary>
public static class ErasedNames
{
    /// <summary>How every placeholder begins.</summary>
    public const string Prefix = "已删除";

    public static string Contact(int id) => $"{Prefix}联系人 / Erased contact #{id}";

    public static string Customer(int id) => $"{Prefix}客户 / Erased customer #{id}";
}
