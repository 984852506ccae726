using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Organisation;

/// <summary>A sales team led by a sales manager; account managers belong to one team, and the manager sees the team's records.</summary>
public sealed class Team : VersionedEntity
{
    private Team() { }

    public string Name { get; private set; } = "";
    public string? ManagerId { get; private set; }

    public static Team Create(string name, string? managerId) => new() { Name = Check.Required(name, "TeamName", 100), ManagerId = managerId };

    public void Rename(string name) => Name = Check.Required(name, "TeamName", 100);

    public void SetManager(string? managerId) => ManagerId = managerId;
}
