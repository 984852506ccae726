using CrmBlazor.Data.Common;
using CrmBlazor.Domain.CustomerEvents;

namespace CrmBlazor.Data.CustomerEvents;

/// <summary>The events list's filters; <see cref="From"/>/<see cref="To"/> are the event's day (UTC), inclusive.</summary>
public sealed record CustomerEventQuery : PageRequest
{
    public string? Text { get; init; }
    public CustomerEventKind? Kind { get; init; }
    public CustomerEventStatus? Status { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
}

public sealed record CustomerEventRow(int Id, CustomerEventKind Kind, string Title, DateTime StartsAt, string? Place, string? OnlineLink,
    int? Capacity, int? PassMark, string OwnerId, CustomerEventStatus Status, int Version, EventMeasures Measures);

/// <summary>The event page: the event, its measures, and what the caller may do with it.</summary>
public sealed record CustomerEventDetail(CustomerEventRow Row, string? Description, string CreatedById, DateTime CreatedAt, DateTime? StatusChangedAt,
    string? CancelReason, bool CanManage, bool CanRespond, bool CanRecordAttendance);

/// <summary>Several events' measures together, and per kind (the events list).</summary>
public sealed record CustomerEventSummary(int Events, EventMeasures Total, IReadOnlyList<KindMeasures> ByKind);

public sealed record KindMeasures(CustomerEventKind Kind, int Events, EventMeasures Measures);

/// <summary>The invitations grid's filters.</summary>
public sealed record InvitationQuery : PageRequest
{
    public string? Text { get; init; }
    public RegistrationStatus? Registration { get; init; }
    public AttendanceStatus? Attendance { get; init; }
}

/// <summary>One invited contact; name and e-mail masked unless the caller sees the customer's personal data in clear.</summary>
public sealed record InvitationRow(int Id, int CustomerId, string CustomerName, string? CustomerOwnerId, string ContactName, string? ContactEmail,
    RegistrationStatus Registration, DateTime? RespondedAt, AttendanceStatus? Attendance, decimal? Score, bool? Passed, int? Satisfaction, int Version);

/// <summary>What an invitation would reach: contacts of the filtered customers, with and without marketing consent.</summary>
public sealed record InvitationPreview(int Customers, int Contacts, int WithoutConsent, int AlreadyInvited, int ToInvite);

/// <summary>What <see cref="EventInvitationService.InviteAsync"/> did.</summary>
public sealed record InvitationResult(int Invited, int WithoutConsent, int AlreadyInvited, int Tasks);

/// <summary>One of a customer's event invitations (Customer 360).</summary>
public sealed record CustomerParticipationRow(int EventId, string Title, CustomerEventKind Kind, DateTime StartsAt, CustomerEventStatus EventStatus,
    string ContactName, RegistrationStatus Registration, AttendanceStatus? Attendance, decimal? Score, bool? Passed, int? Satisfaction);
