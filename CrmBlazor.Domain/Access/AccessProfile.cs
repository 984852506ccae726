namespace CrmBlazor.Domain.Access;

/// <summary>
/// Which records a caller may read. Decided by the broadest of the caller's roles (order of the
/// members below, broadest first); the data layer turns it into query filters.
/// </summary>
public enum AccessProfile
{
    /// <summary>No caller (signed out, Identity's own plumbing): sees no business record.</summary>
    None = 0,
    /// <summary>Background jobs and command-line modes acting for the whole company.</summary>
    System,
    Admin,
    Executive,
    SalesManager,
    CustomerService,
    AccountManager,
}
