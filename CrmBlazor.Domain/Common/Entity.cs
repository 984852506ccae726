namespace CrmBlazor.Domain.Common;

public abstract class Entity
{
    public int Id { get; protected set; }
}

/// <summary>
/// A record two people can change at once. <see cref="Version"/> is the optimistic concurrency
/// token; the data layer increments it on every update (an integer works on SQLite and PostgreSQL
/// alike, unlike a database row version).
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

public abstract class VersionedEntity : Entity, IVersioned
{
    public int Version { get; set; }
}
