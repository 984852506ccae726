using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Users;

public sealed record UserInfo(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, int? TeamId,
    IReadOnlyList<string> Regions, IReadOnlyList<string> Industries, bool IsActive)
{
    public bool IsAccountManager => Roles.Contains(CrmBlazor.Domain.Common.Roles.AccountManager);
}

public sealed record TeamInfo(int Id, string Name, string? ManagerId);

/// <summary>
/// Who the users are — names, roles, teams, specialities — cached for the whole app (a company has
/// tens or hundreds of users, not millions) and refreshed when an admin changes a user.
/// Also builds each caller's <see cref="AccessScope"/>.
/// </summary>
public sealed class UserDirectory(IDbContextFactory<CrmDbContext> factory)
{
    private volatile Snapshot? _snapshot;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public sealed record Snapshot(IReadOnlyDictionary<string, UserInfo> Users, IReadOnlyList<TeamInfo> Teams)
    {
        public string NameOf(string? userId) => userId is not null && Users.TryGetValue(userId, out var u) ? u.DisplayName : "";

        public IEnumerable<UserInfo> InRole(string role) => Users.Values.Where(u => u.IsActive && u.Roles.Contains(role)).OrderBy(u => u.DisplayName, StringComparer.Ordinal);

        /// <summary>The users of the teams <paramref name="managerId"/> leads.</summary>
        public IEnumerable<string> TeamOf(string managerId)
        {
            var teamIds = Teams.Where(t => t.ManagerId == managerId).Select(t => t.Id).ToHashSet();
            return Users.Values.Where(u => u.TeamId is { } id && teamIds.Contains(id)).Select(u => u.Id);
        }
    }

    public async Task<Snapshot> GetAsync(CancellationToken ct = default)
    {
        if (_snapshot is { } s) return s;
        await _gate.WaitAsync(ct);
        try
        {
            return _snapshot ??= await LoadAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _snapshot = null;

    public async Task<AccessScope> ScopeForAsync(string userId, string userName, IEnumerable<string> roles, CancellationToken ct = default)
    {
        var roleList = roles.ToArray();
        IEnumerable<string>? team = null;
        if (roleList.Contains(Roles.SalesManager))
            team = (await GetAsync(ct)).TeamOf(userId);
        return AccessScope.ForUser(userId, userName, roleList, team);
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateSystemContextAsync(ct);
        var users = await db.Users.AsNoTracking().ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).AsNoTracking().ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamInfo(t.Id, t.Name, t.ManagerId)).ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var infos = users.ToDictionary(u => u.Id, u => new UserInfo(u.Id, u.DisplayName, u.Email ?? "", byUser[u.Id].ToArray(),
            u.TeamId, u.Regions, u.Industries, u.IsActive), StringComparer.Ordinal);
        return new Snapshot(infos, teams);
    }
}
