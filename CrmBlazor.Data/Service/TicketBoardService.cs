using CrmBlazor.Data.Access;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Service;

/// <summary>A handler's column: <see cref="OpenLoad"/> is the tickets assigned to them and not yet handled.</summary>
public sealed record TicketBoardColumn(string UserId, string Name, bool IsCustomerService, int OpenLoad);

/// <summary>The ticket board: one column per handler the caller may assign to, and the open tickets, newest first (at most <see cref="MaxCards"/>).</summary>
public sealed record TicketBoard(IReadOnlyList<TicketBoardColumn> Columns, IReadOnlyList<TicketRow> Cards, int TotalOpen)
{
    public const int MaxCards = 600;
}

/// <summary>Data for the supervisor's drag-and-drop ticket board (分配).</summary>
public sealed class TicketBoardService(CrmDbFactory dbFactory, UserDirectory users)
{
    public async Task<TicketBoard> GetAsync(string? typeCode = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var scope = db.Scope;
        scope.Require(Capability.AssignTickets);
        var columns = await ColumnsAsync(db, scope, ct);
        var open = await TicketService.FilterAsync(db, db.Tickets.AsNoTracking(), new TicketQuery { OpenOnly = true, TypeCode = typeCode }, ct);
        var total = await open.CountAsync(ct);
        var newest = open.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(TicketBoard.MaxCards);
        var cards = await newest.ToRowsAsync(db, ct);
        return new TicketBoard(columns, cards, total);
    }

    /// <summary>The handlers the caller may assign to, with their open load (for the detail page's "assign to" list).</summary>
    public async Task<IReadOnlyList<TicketBoardColumn>> ColumnsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.AssignTickets);
        return await ColumnsAsync(db, db.Scope, ct);
    }

    public static bool IsHandler(UserInfo u) => u.IsActive && (u.Roles.Contains(Roles.AccountManager) || u.Roles.Contains(Roles.CustomerService));

    /// <summary>A sales manager assigns to the account managers of the team and to customer service; an admin to every handler.</summary>
    public static bool MayAssignTo(AccessScope scope, UserInfo u) =>
        scope.Profile != AccessProfile.SalesManager || u.Roles.Contains(Roles.CustomerService) || scope.TeamUserIds.Contains(u.Id);

    private async Task<IReadOnlyList<TicketBoardColumn>> ColumnsAsync(CrmDbContext db, AccessScope scope, CancellationToken ct)
    {
        var directory = await users.GetAsync(ct);
        var handlers = directory.Users.Values.Where(u => IsHandler(u) && MayAssignTo(scope, u))
            .OrderBy(u => u.Roles.Contains(Roles.CustomerService) ? 0 : 1).ThenBy(u => u.DisplayName, StringComparer.Ordinal).ToArray();
        var ids = handlers.Select(h => h.Id).ToArray();
        // the load counts every assigned ticket of the handler, also those the caller does not see
        var loads = await db.Tickets.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.AssignedToId != null && ids.Contains(t.AssignedToId) && t.Status == TicketStatus.Assigned)
            .GroupBy(t => t.AssignedToId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return handlers.Select(h => new TicketBoardColumn(h.Id, h.DisplayName, h.Roles.Contains(Roles.CustomerService), loads.GetValueOrDefault(h.Id))).ToArray();
    }
}
