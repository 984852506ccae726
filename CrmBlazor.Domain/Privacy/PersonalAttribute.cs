namespace CrmBlazor.Domain.Privacy;

/// <summary>
/// Marks a property that holds personal information (PIPL): masked on screens, in exports for users
/// without the right, and in the audit trail. <see cref="ShownOnScreens"/> keeps a personal value
/// readable where people work with it (a contact's name: whom to ask for) — the audit trail and the
/// erasure still treat it as personal.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalAttribute(PersonalKind kind) : Attribute
{
    public PersonalKind Kind { get; } = kind;

    public bool ShownOnScreens { get; init; }
}

public enum PersonalKind { Name, Phone, Email, Address, IdNumber, BankAccount, Other }
