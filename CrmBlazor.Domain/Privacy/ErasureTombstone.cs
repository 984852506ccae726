using System.Security.Cryptography;
using System.Text;
using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Privacy;

public enum ErasedKind { Contact, Customer }

/// <summary>
/// What is left of an erased person (PIPL art. 47): a one-way hash of their natural key, so a
/// re-import of an old file cannot bring them back, and nothing that identifies them.
/// </summary>
public sealed class ErasureTombstone : Entity
{
    private ErasureTombstone() { }

    public string KeyHash { get; private set; } = "";
    public ErasedKind Kind { get; private set; }
    public DateTime ErasedAt { get; private set; }
    public string? ErasedById { get; private set; }

    public static ErasureTombstone For(ErasedKind kind, string naturalKey, string? byUserId, DateTime at) => new()
    {
        Kind = kind,
        KeyHash = Hash(kind, naturalKey),
        ErasedAt = at,
        ErasedById = byUserId,
    };

    /// <summary>SHA-256 of the kind and the normalised key (trimmed, lower-case): equal keys give equal hashes, and nothing can be read back.</summary>
    public static string Hash(ErasedKind kind, string naturalKey)
    {
        var normalised = $"{kind}:{naturalKey.Trim().ToLowerInvariant()}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
