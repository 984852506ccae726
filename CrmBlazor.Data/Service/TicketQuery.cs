using System.Linq.Expressions;
using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Service;

namespace CrmBlazor.Data.Service;

public sealed record TicketQuery : PageRequest
{
    /// <summary>Searches summary, request, result and the customer's name (archived tickets too).</summary>
    public string? Text { get; init; }
    public TicketStatus? Status { get; init; }
    /// <summary>Only Created, Assigned and Handled.</summary>
    public bool OpenOnly { get; init; }
    public string? TypeCode { get; init; }
    public int? CustomerId { get; init; }
    public string? AssignedToId { get; init; }
    /// <summary>Only tickets no one is assigned to (the service report's "unassigned" bar).</summary>
    public bool Unassigned { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public int? Satisfaction { get; init; }
    /// <summary>Only tickets about customers this user owns.</summary>
    public string? CustomerOwnerId { get; init; }
}

/// <summary>
/// One ticket as lists, boards and live events show it. <see cref="CustomerOwnerId"/> travels with
/// the row so that an event can be matched to who may see it (the customer's owner does).
/// </summary>
public sealed record TicketRow(int Id, string TypeCode, TicketPriority Priority, string Summary, int CustomerId, string CustomerName,
    string? CustomerOwnerId, TicketStatus Status, string CreatedById, DateTime CreatedAt, string? AssignedToId, string? AssignedById,
    DateTime? AssignedAt, DateTime? HandledAt, int? Satisfaction, int RehandleCount, int Version)
{
    public bool IsOpen => ServiceTicket.IsOpenStatus(Status);

    /// <summary>
    /// The ticket's own columns; <see cref="CustomerName"/> and <see cref="CustomerOwnerId"/> are
    /// filled by a second, separate read (<c>TicketRows</c>) — an <c>IgnoreQueryFilters</c> inside this
    /// query would switch off the caller's ticket filter for the whole query.
    /// </summary>
    internal static readonly Expression<Func<ServiceTicket, TicketRow>> Bare = t => new TicketRow(t.Id, t.TypeCode, t.Priority, t.Summary, t.CustomerId, "", null,
        t.Status, t.CreatedById, t.CreatedAt, t.AssignedToId, t.AssignedById, t.AssignedAt, t.HandledAt, t.Satisfaction, t.RehandleCount, t.Version);

    /// <summary>The row of a ticket just saved — built once per change and shared by every observer.</summary>
    public static TicketRow Of(ServiceTicket t, string customerName, string? customerOwnerId) => new(t.Id, t.TypeCode, t.Priority, t.Summary,
        t.CustomerId, customerName, customerOwnerId, t.Status, t.CreatedById, t.CreatedAt, t.AssignedToId, t.AssignedById, t.AssignedAt,
        t.HandledAt, t.Satisfaction, t.RehandleCount, t.Version);
}

public sealed record TicketHistoryRow(TicketHistoryKind Kind, string? ByUserId, DateTime At, string? Detail);

/// <summary>One ticket with its texts and history, and what the caller may do with it now.</summary>
public sealed record TicketDetail(TicketRow Row, string Request, string? Handling, string? HandledById, string? Result, DateTime? FeedbackAt,
    DateTime? ArchivedAt, IReadOnlyList<TicketHistoryRow> History,
    bool CanEdit, bool CanAssign, bool CanHandle, bool CanGiveFeedback, bool CanArchive);

/// <summary>What a user types to create or edit a ticket.</summary>
public sealed record TicketInput(string TypeCode, TicketPriority Priority, string Summary, int CustomerId, string Request);

/// <summary>A customer the caller may open a ticket for (the form's picker).</summary>
public sealed record TicketCustomerChoice(int Id, string Number, string Name);
