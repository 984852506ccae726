using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Campaigns;

/// <summary>
/// A saved customer filter under a name (客户分群). Dynamic: it stores the filter, never the
/// members, so membership is re-evaluated each time it is used. Private to its owner, or shared
/// with the team; only the owner renames, re-shares or deletes it.
/// </summary>
public sealed class CustomerSegment : VersionedEntity
{
    private CustomerSegment() { }

    public string Name { get; private set; } = "";
    public string OwnerId { get; private set; } = "";
    public bool IsShared { get; private set; }
    /// <summary>The filter, serialized by the data layer (JSON of the list's filter fields).</summary>
    public string Filter { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public static CustomerSegment Create(string name, string ownerId, bool shared, string filter, DateTime now) => new()
    {
        Name = Check.Required(name, "SegmentName", 100),
        OwnerId = Check.Required(ownerId, "Owner", 450),
        IsShared = shared,
        Filter = Check.Required(filter, "Filter", 4000),
        CreatedAt = now,
    };

    public void Rename(string name, bool shared, string byUserId)
    {
        EnsureOwner(byUserId);
        Name = Check.Required(name, "SegmentName", 100);
        IsShared = shared;
    }

    public void EnsureOwner(string byUserId)
    {
        if (!string.Equals(OwnerId, byUserId, StringComparison.Ordinal))
            throw new DomainException("Segment.NotOwner", "Only the segment's owner can change or delete it.");
    }

    public bool VisibleTo(string? userId) => IsShared || string.Equals(OwnerId, userId, StringComparison.Ordinal);
}
