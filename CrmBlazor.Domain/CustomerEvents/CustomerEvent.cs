using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.CustomerEvents;

/// <summary>What kind of customer event (培训 / 技术讲座 / 研讨会): a training carries a pass mark and scores.</summary>
public enum CustomerEventKind { Training, TechnicalLecture, Seminar, Other }

/// <summary>Planned → Open (registration open) → Held → Closed; Planned or Open → Cancelled.</summary>
public enum CustomerEventStatus { Planned, Open, Held, Closed, Cancelled }

public sealed record CustomerEventDetails
{
    public CustomerEventKind Kind { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public DateTime StartsAt { get; init; }
    public string? Place { get; init; }
    public string? OnlineLink { get; init; }
    public int? Capacity { get; init; }
    /// <summary>Training only: the score (0–100) at or above which an attendee passes.</summary>
    public int? PassMark { get; init; }
    public required string OwnerId { get; init; }
}

/// <summary>
/// A customer event (客户活动: training, technical lecture, seminar) with its lifecycle. Invitations
/// (<see cref="EventInvitation"/>) live beside it; the event decides what they may record when.
/// </summary>
public sealed class CustomerEvent : VersionedEntity
{
    private CustomerEvent() { }

    public CustomerEventKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public DateTime StartsAt { get; private set; }
    public string? Place { get; private set; }
    public string? OnlineLink { get; private set; }
    public int? Capacity { get; private set; }
    public int? PassMark { get; private set; }
    public string OwnerId { get; private set; } = "";
    public CustomerEventStatus Status { get; private set; }
    public string CreatedById { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? StatusChangedAt { get; private set; }
    public string? CancelReason { get; private set; }

    public bool IsTraining => Kind == CustomerEventKind.Training;

    public static CustomerEvent Create(CustomerEventDetails details, string byUserId, DateTime now)
    {
        var e = new CustomerEvent { Status = CustomerEventStatus.Planned, CreatedById = byUserId, CreatedAt = now };
        e.Apply(details, registered: 0);
        return e;
    }

    /// <summary>Edits while planned or open; the capacity cannot drop below those already registered.</summary>
    public void Edit(CustomerEventDetails details, int registered)
    {
        if (Status is not (CustomerEventStatus.Planned or CustomerEventStatus.Open))
            throw new DomainException("Event.NotEditable", $"A {Status} event cannot be edited.", Status);
        Apply(details, registered);
    }

    private void Apply(CustomerEventDetails d, int registered)
    {
        if (!Enum.IsDefined(d.Kind)) throw new DomainException("Validation.Required", "Kind is required.", "Kind");
        if (d.StartsAt == default) throw new DomainException("Validation.Required", "StartsAt is required.", "StartsAt");
        var place = Check.Optional(d.Place, "Place", 200);
        var link = Check.Url(d.OnlineLink, "OnlineLink");
        if (place is null && link is null)
            throw new DomainException("Event.NoPlace", "An event needs a place or an online link.");
        if (d.Capacity is { } capacity)
        {
            Check.Range(capacity, "Capacity", 1, 100_000);
            if (capacity < registered)
                throw new DomainException("Event.CapacityBelowRegistered", "The capacity cannot be below the registrations already taken.", registered);
        }
        if (d.Kind == CustomerEventKind.Training)
        {
            if (d.PassMark is null) throw new DomainException("Validation.Required", "PassMark is required for a training.", "PassMark");
            Check.Range(d.PassMark.Value, "PassMark", 0, 100);
        }
        Kind = d.Kind;
        Title = Check.Required(d.Title, "EventTitle", 200);
        Description = Check.Optional(d.Description, "Description", 4000);
        StartsAt = DateTime.SpecifyKind(d.StartsAt, DateTimeKind.Utc);
        Place = place;
        OnlineLink = link;
        Capacity = d.Capacity;
        PassMark = d.Kind == CustomerEventKind.Training ? d.PassMark : null;
        OwnerId = Check.Required(d.OwnerId, "EventOwner", 450);
    }

    public void OpenRegistration(DateTime now) => Move(CustomerEventStatus.Open, now, CustomerEventStatus.Planned);

    /// <summary>Held (已举办): only once the event's day has come somewhere users are.</summary>
    public void MarkHeld(DateTime now)
    {
        if (Status is CustomerEventStatus.Planned or CustomerEventStatus.Open && DateOnly.FromDateTime(StartsAt) > LocalToday.Latest(now))
            throw new DomainException("Event.NotYetHeld", "An event can be marked held only from its day on.", DateOnly.FromDateTime(StartsAt));
        Move(CustomerEventStatus.Held, now, CustomerEventStatus.Planned, CustomerEventStatus.Open);
    }

    public void Close(DateTime now) => Move(CustomerEventStatus.Closed, now, CustomerEventStatus.Held);

    public void Cancel(string reason, DateTime now)
    {
        var text = Check.Required(reason, "CancelReason", 500);
        Move(CustomerEventStatus.Cancelled, now, CustomerEventStatus.Planned, CustomerEventStatus.Open);
        CancelReason = text;
    }

    private void Move(CustomerEventStatus to, DateTime now, params CustomerEventStatus[] from)
    {
        if (!from.Contains(Status))
            throw new DomainException("Event.BadTransition", $"A {Status} event cannot become {to}.", Status, to);
        Status = to;
        StatusChangedAt = now;
    }

    /// <summary>Invitations go out while the event is planned or open.</summary>
    public void EnsureInviting()
    {
        if (Status is not (CustomerEventStatus.Planned or CustomerEventStatus.Open))
            throw new DomainException("Event.NotInviting", $"A {Status} event takes no more invitations.", Status);
    }

    /// <summary>Registrations are taken while registration is open, and only while there is room.</summary>
    public void EnsureRegistering(int registeredBefore)
    {
        if (Status != CustomerEventStatus.Open)
            throw new DomainException("Event.NotOpen", "Registrations are taken only while registration is open.", Status);
        if (Capacity is { } capacity && registeredBefore >= capacity)
            throw new DomainException("Event.Full", "The event is full.", capacity);
    }

    /// <summary>Attendance, scores and satisfaction are recorded once the event was held (not after it is closed).</summary>
    public void EnsureHeld()
    {
        if (Status != CustomerEventStatus.Held)
            throw new DomainException("Event.NotHeld", "Attendance and satisfaction are recorded once the event is held and before it is closed.", Status);
    }
}
