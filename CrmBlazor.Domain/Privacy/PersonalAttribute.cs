namespace CrmBlazor.Domain.Privacy;

/// <summary>Marks a property that holds personal information (PIPL): masked for users without the right, masked in the audit trail.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalAttribute(PersonalKind kind) : Attribute
{
    public PersonalKind Kind { get; } = kind;
}

public enum PersonalKind { Name, Phone, Email, Address, IdNumber, BankAccount, Other }
