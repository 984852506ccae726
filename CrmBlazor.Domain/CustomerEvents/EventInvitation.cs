using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.CustomerEvents;

public enum RegistrationStatus { Invited, Registered, Declined }

public enum AttendanceStatus { Attended, NoShow }

/// <summary>
/// One contact invited to one event: the answer (registered / declined), then whether they came
/// (attended / no-show), a training's score with pass or fail, and their satisfaction (1–5).
/// </summary>
public sealed class EventInvitation : VersionedEntity
{
    private EventInvitation() { }

    public int EventId { get; private set; }
    public int CustomerId { get; private set; }
    public int ContactId { get; private set; }
    public string InvitedById { get; private set; } = "";
    public DateTime InvitedAt { get; private set; }
    public RegistrationStatus Registration { get; private set; }
    public DateTime? RespondedAt { get; private set; }
    public AttendanceStatus? Attendance { get; private set; }
    public decimal? Score { get; private set; }
    public bool? Passed { get; private set; }
    public int? Satisfaction { get; private set; }
    public string? RecordedById { get; private set; }
    public DateTime? RecordedAt { get; private set; }

    public static EventInvitation Create(CustomerEvent e, int customerId, int contactId, string byUserId, DateTime now)
    {
        e.EnsureInviting();
        return new EventInvitation
        {
            EventId = e.Id, CustomerId = customerId, ContactId = contactId, InvitedById = byUserId, InvitedAt = now,
            Registration = RegistrationStatus.Invited,
        };
    }

    /// <summary>Registers (报名) or declines; <paramref name="registeredBefore"/> counts the event's registrations besides this one.</summary>
    public void Respond(CustomerEvent e, RegistrationStatus answer, int registeredBefore, string byUserId, DateTime now)
    {
        if (answer == RegistrationStatus.Invited)
            throw new DomainException("Event.BadAnswer", "An answer is registered or declined.");
        if (answer == RegistrationStatus.Registered && Registration != RegistrationStatus.Registered)
            e.EnsureRegistering(registeredBefore);
        else if (e.Status != CustomerEventStatus.Open)
            throw new DomainException("Event.NotOpen", "Registrations are taken only while registration is open.", e.Status);
        Registration = answer;
        RespondedAt = now;
        Stamp(byUserId, now);
    }

    /// <summary>Attended or no-show after the event; a training's score (0–100) decides pass or fail against its pass mark.</summary>
    public void RecordAttendance(CustomerEvent e, AttendanceStatus attendance, decimal? score, string byUserId, DateTime now)
    {
        e.EnsureHeld();
        if (attendance == AttendanceStatus.NoShow)
        {
            if (score is not null) throw new DomainException("Event.ScoreWithoutAttendance", "Only an attendee has a score.");
            Attendance = attendance;
            Score = null;
            Passed = null;
            Satisfaction = null;
        }
        else
        {
            if (score is not null && !e.IsTraining) throw new DomainException("Event.ScoreNotTraining", "Only a training records a score.");
            if (score is < 0 or > 100) throw new DomainException("Validation.Range", "Score must be between 0 and 100.", "Score", 0, 100);
            Attendance = attendance;
            Score = score;
            Passed = score is { } s && e.PassMark is { } mark ? s >= mark : null;
        }
        Stamp(byUserId, now);
    }

    public void RecordSatisfaction(CustomerEvent e, int stars, string byUserId, DateTime now)
    {
        e.EnsureHeld();
        if (Attendance != AttendanceStatus.Attended)
            throw new DomainException("Event.SatisfactionWithoutAttendance", "Only an attendee rates the event.");
        Satisfaction = Check.Range(stars, "Satisfaction", 1, 5);
        Stamp(byUserId, now);
    }

    private void Stamp(string byUserId, DateTime now)
    {
        RecordedById = byUserId;
        RecordedAt = now;
    }
}
