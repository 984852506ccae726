namespace CrmBlazor.Domain.Audit;

public enum AuditAction { Create, Update, Delete, Assign, StageChange, Import, Export, Reveal, SignIn, SignInFailed, Lockout, AccessRefused, Erase }

/// <summary>
/// One line of the audit trail: who did what to which record, when, from where, with the changed
/// fields (before → after, personal values masked). Written by the data layer; never edited.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTime at, string? userId, string userName, AuditAction action, string entityType, string? entityId, string? changes, string? ipAddress)
    {
        At = at;
        UserId = userId;
        UserName = userName.Length > 256 ? userName[..256] : userName;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Changes = changes;
        IpAddress = ipAddress;
    }

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public string? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public AuditAction Action { get; private set; }
    public string EntityType { get; private set; } = "";
    public string? EntityId { get; private set; }
    /// <summary>JSON object: field → [before, after].</summary>
    public string? Changes { get; private set; }
    public string? IpAddress { get; private set; }
}
