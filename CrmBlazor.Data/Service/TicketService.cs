using System.Linq.Expressions;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Service;

/// <summary>Service tickets (客户服务): the paged, filtered list.</summary>
public sealed class TicketService(CrmDbFactory dbFactory)
{
    private static readonly Dictionary<string, Expression<Func<ServiceTicket, object?>>> Sorts = new()
    {
        ["Id"] = t => t.Id,
        ["TypeCode"] = t => t.TypeCode,
        ["Priority"] = t => t.Priority,
        ["Summary"] = t => t.Summary,
        ["Status"] = t => t.Status,
        ["CreatedAt"] = t => t.CreatedAt,
        ["AssignedAt"] = t => t.AssignedAt,
        ["Satisfaction"] = t => t.Satisfaction,
    };

    public async Task<PagedResult<TicketRow>> ListAsync(TicketQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewTickets);
        var query = db.Tickets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim();
            query = query.Where(t => t.Summary.Contains(text) || t.Request.Contains(text));
        }
        if (q.Status is { } status) query = query.Where(t => t.Status == status);
        if (!string.IsNullOrEmpty(q.TypeCode)) query = query.Where(t => t.TypeCode == q.TypeCode);
        if (q.CustomerId is { } customerId) query = query.Where(t => t.CustomerId == customerId);
        if (!string.IsNullOrEmpty(q.AssignedToId)) query = query.Where(t => t.AssignedToId == q.AssignedToId);
        if (q.CreatedFrom is { } from) { var f = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); query = query.Where(t => t.CreatedAt >= f); }
        if (q.CreatedTo is { } to) { var u = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); query = query.Where(t => t.CreatedAt < u); }
        if (q.Satisfaction is { } stars) query = query.Where(t => t.Satisfaction == stars);
        var sorted = (IOrderedQueryable<ServiceTicket>)query.SortBy(q.SortBy, q.SortBy is null || q.Descending, Sorts, "CreatedAt");
        return await sorted.ThenByDescending(t => t.Id)
            .Select(t => new TicketRow(t.Id, t.TypeCode, t.Priority, t.Summary, t.CustomerId,
                // the customer's name is not personal data; a handler sees it even for a customer they do not own
                db.Customers.IgnoreQueryFilters().Where(c => c.Id == t.CustomerId).Select(c => c.Name).First(), t.Status, t.CreatedById, t.CreatedAt, t.AssignedToId, t.AssignedAt, t.HandledAt, t.Satisfaction,
                t.RehandleCount, t.Version))
            .ToPageAsync(q, ct);
    }
}
