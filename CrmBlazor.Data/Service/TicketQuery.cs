using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Service;

namespace CrmBlazor.Data.Service;

public sealed record TicketQuery : PageRequest
{
    public string? Text { get; init; }
    public TicketStatus? Status { get; init; }
    public string? TypeCode { get; init; }
    public int? CustomerId { get; init; }
    public string? AssignedToId { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public int? Satisfaction { get; init; }
}

public sealed record TicketRow(int Id, string TypeCode, TicketPriority Priority, string Summary, int CustomerId, string CustomerName,
    TicketStatus Status, string CreatedById, DateTime CreatedAt, string? AssignedToId, DateTime? AssignedAt, DateTime? HandledAt,
    int? Satisfaction, int RehandleCount, int Version);
