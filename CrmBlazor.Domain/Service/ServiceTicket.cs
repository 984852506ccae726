using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Service;

/// <summary>
/// A service ticket (客户服务): consultation, suggestion, complaint or other (data-dictionary
/// ServiceType codes). Each transition of PRODUCT.md §5 is a method that refuses the wrong order.
/// Feedback under 3 stars sends the ticket back for re-handling.
/// </summary>
public sealed class ServiceTicket : VersionedEntity
{
    /// <summary>Satisfaction at or above this closes the ticket; below it, the ticket is handled again.</summary>
    public const int ClosingSatisfaction = 3;

    /// <summary>The data-dictionary ServiceType code of a complaint (投诉): the customer's owner hears of it at once.</summary>
    public const string ComplaintType = "complaint";

    private readonly List<TicketHistoryEntry> _history = [];

    private ServiceTicket() { }

    public string TypeCode { get; private set; } = "";
    public TicketPriority Priority { get; private set; }
    public string Summary { get; private set; } = "";
    public int CustomerId { get; private set; }
    public TicketStatus Status { get; private set; }
    public string Request { get; private set; } = "";
    public string CreatedById { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string? AssignedToId { get; private set; }
    public string? AssignedById { get; private set; }
    public DateTime? AssignedAt { get; private set; }
    public string? Handling { get; private set; }
    public string? HandledById { get; private set; }
    public DateTime? HandledAt { get; private set; }
    public string? Result { get; private set; }
    public int? Satisfaction { get; private set; }
    public DateTime? FeedbackAt { get; private set; }
    public int RehandleCount { get; private set; }
    public DateTime? ArchivedAt { get; private set; }
    public IReadOnlyList<TicketHistoryEntry> History => _history;

    public static ServiceTicket Create(string typeCode, TicketPriority priority, string summary, int customerId, string request, string createdById, DateTime now)
    {
        var ticket = new ServiceTicket
        {
            CustomerId = customerId,
            CreatedById = Check.Required(createdById, "CreatedBy", 450),
            CreatedAt = now,
            Status = TicketStatus.Created,
        };
        ticket.Apply(typeCode, priority, summary, request);
        ticket.Record(TicketHistoryKind.Created, createdById, now, null);
        return ticket;
    }

    public void Edit(string typeCode, TicketPriority priority, string summary, string request, string byUserId, DateTime now)
    {
        if (Status is not (TicketStatus.Created or TicketStatus.Assigned))
            throw new DomainException("Ticket.NotEditable", $"A ticket that is {Status} can no longer be edited.", Status);
        Apply(typeCode, priority, summary, request);
        Record(TicketHistoryKind.Edited, byUserId, now, null);
    }

    public void AssignTo(string handlerId, string byUserId, DateTime now)
    {
        Check.Required(handlerId, "AssignedTo", 450);
        if (Status is not (TicketStatus.Created or TicketStatus.Assigned))
            throw new DomainException("Ticket.NotAssignable", $"A ticket that is {Status} cannot be assigned.", Status);
        if (AssignedToId == handlerId)
            throw new DomainException("Ticket.AlreadyAssignedToSame", "The ticket is already assigned to this handler.");
        var kind = AssignedToId is null ? TicketHistoryKind.Assigned : TicketHistoryKind.Reassigned;
        AssignedToId = handlerId;
        AssignedById = byUserId;
        AssignedAt = now;
        Status = TicketStatus.Assigned;
        Record(kind, byUserId, now, handlerId);
    }

    public void Handle(string handling, string byUserId, DateTime now)
    {
        if (Status != TicketStatus.Assigned)
            throw new DomainException("Ticket.NotAssigned", $"Only an assigned ticket can be handled; this one is {Status}.", Status);
        if (!string.Equals(AssignedToId, byUserId, StringComparison.Ordinal))
            throw new DomainException("Ticket.NotHandler", "Only the assigned handler can handle this ticket.");
        Handling = Check.Required(handling, "Handling", 4000);
        HandledById = byUserId;
        HandledAt = now;
        Status = TicketStatus.Handled;
        Record(TicketHistoryKind.Handled, byUserId, now, null);
    }

    /// <summary>Records the customer's feedback; under <see cref="ClosingSatisfaction"/> stars the ticket returns to Assigned for re-handling.</summary>
    public void GiveFeedback(int satisfaction, string result, string byUserId, DateTime now)
    {
        if (Status != TicketStatus.Handled)
            throw new DomainException("Ticket.NotHandled", $"Feedback is given on a handled ticket; this one is {Status}.", Status);
        Satisfaction = Check.Range(satisfaction, "Satisfaction", 1, 5);
        Result = Check.Required(result, "Result", 2000);
        FeedbackAt = now;
        Record(TicketHistoryKind.FeedbackGiven, byUserId, now, $"{satisfaction}");
        if (satisfaction >= ClosingSatisfaction)
        {
            Status = TicketStatus.FeedbackGiven;
            return;
        }
        Status = TicketStatus.Assigned;
        RehandleCount++;
        Record(TicketHistoryKind.ReturnedForRehandling, byUserId, now, null);
    }

    public void Archive(string byUserId, DateTime now)
    {
        if (Status != TicketStatus.FeedbackGiven)
            throw new DomainException("Ticket.NotClosed", $"Only a ticket with closing feedback can be archived; this one is {Status}.", Status);
        Status = TicketStatus.Archived;
        ArchivedAt = now;
        Record(TicketHistoryKind.Archived, byUserId, now, null);
    }

    /// <summary>Still being worked: not yet closed by feedback.</summary>
    public static bool IsOpenStatus(TicketStatus status) => status is TicketStatus.Created or TicketStatus.Assigned or TicketStatus.Handled;

    public bool IsComplaint => TypeCode == ComplaintType;

    /// <summary>Closed at first contact: feedback closed it without any re-handling.</summary>
    public bool ResolvedAtFirstContact => Status is TicketStatus.FeedbackGiven or TicketStatus.Archived && RehandleCount == 0;

    private void Apply(string typeCode, TicketPriority priority, string summary, string request)
    {
        TypeCode = Check.Required(typeCode, "Type", 32);
        Priority = priority;
        Summary = Check.Required(summary, "Summary", 200);
        Request = Check.Required(request, "Request", 4000);
    }

    private void Record(TicketHistoryKind kind, string? byUserId, DateTime at, string? detail) =>
        _history.Add(new TicketHistoryEntry(kind, byUserId, at, detail));
}

public sealed class TicketHistoryEntry : Entity
{
    private TicketHistoryEntry() { }

    internal TicketHistoryEntry(TicketHistoryKind kind, string? byUserId, DateTime at, string? detail)
    {
        Kind = kind;
        ByUserId = byUserId;
        At = at;
        Detail = detail;
    }

    public int TicketId { get; private set; }
    public TicketHistoryKind Kind { get; private set; }
    public string? ByUserId { get; private set; }
    public DateTime At { get; private set; }
    public string? Detail { get; private set; }
}
