using CrmBlazor.Data.Access;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Opportunities;

public sealed record BoardColumn(string UserId, string Name, IReadOnlyList<string> Regions, IReadOnlyList<string> Industries, int OpenLoad);

public sealed record BoardFilter(string? RegionCode = null, string? IndustryCode = null, string? SourceCode = null);

/// <summary>The assignment board: one column per account manager the caller may assign to, and the open cards, newest first (at most <see cref="MaxCards"/>).</summary>
public sealed record Board(IReadOnlyList<BoardColumn> Columns, IReadOnlyList<OpportunityRow> Cards, int TotalOpen)
{
    public const int MaxCards = 600;
}

/// <summary>Data for the sales manager's drag-and-drop assignment board (指派).</summary>
public sealed class OpportunityBoardService(CrmDbFactory dbFactory, UserDirectory users)
{
    public async Task<Board> GetAsync(BoardFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var scope = db.Scope;
        scope.Require(Capability.AssignOpportunities);
        var columns = await ColumnsAsync(db, scope, ct);
        var open = OpportunityService.Filter(db.Opportunities.AsNoTracking(), new OpportunityQuery
        {
            OpenOnly = true, RegionCode = filter.RegionCode, IndustryCode = filter.IndustryCode, SourceCode = filter.SourceCode,
        });
        var total = await open.CountAsync(ct);
        var cards = await open.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(Board.MaxCards).Select(OpportunityRow.Projection).ToListAsync(ct);
        return new Board(columns, cards, total);
    }

    /// <summary>Active account managers of the caller's team (all of them for an admin), with their open load.</summary>
    public async Task<IReadOnlyList<BoardColumn>> ColumnsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.AssignOpportunities);
        return await ColumnsAsync(db, db.Scope, ct);
    }

    private async Task<IReadOnlyList<BoardColumn>> ColumnsAsync(CrmDbContext db, AccessScope scope, CancellationToken ct)
    {
        var directory = await users.GetAsync(ct);
        var managers = directory.InRole(Roles.AccountManager)
            .Where(u => scope.Profile != AccessProfile.SalesManager || scope.TeamUserIds.Contains(u.Id))
            .ToArray();
        var ids = managers.Select(m => m.Id).ToArray();
        var loads = await db.Opportunities.AsNoTracking()
            .Where(o => o.AssignedToId != null && ids.Contains(o.AssignedToId) && (o.Status == OpportunityStatus.Assigned || o.Status == OpportunityStatus.Developing))
            .GroupBy(o => o.AssignedToId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return managers.Select(m => new BoardColumn(m.Id, m.DisplayName, m.Regions, m.Industries, loads.GetValueOrDefault(m.Id))).ToArray();
    }
}
