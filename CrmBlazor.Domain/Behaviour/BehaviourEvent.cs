using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Behaviour;

/// <summary>The behaviour and interaction signals of PRODUCT.md §2 the stage rules read. The names are the import file's <c>type</c> values.</summary>
public enum BehaviourEventType
{
    SiteVisit,
    LeadForm,
    EventParticipation,
    FeatureUse,
    UsageMinutes,
    ServiceContact,
    Referral,
    Unsubscribe,
    AccountClosed,
}

/// <summary>One behaviour event; <see cref="ExternalId"/> (the import's event id) makes re-imports idempotent.</summary>
public sealed class BehaviourEvent : Entity
{
    private BehaviourEvent() { }

    public string? ExternalId { get; private set; }
    public int CustomerId { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public BehaviourEventType Type { get; private set; }
    /// <summary>Magnitude: minutes for usage, a count for feature use, 1 otherwise.</summary>
    public decimal Value { get; private set; }
    public string? Detail { get; private set; }

    public static BehaviourEvent Create(string? externalId, int customerId, DateTime occurredAt, BehaviourEventType type, decimal value, string? detail, DateTime now)
    {
        if (occurredAt > now.AddMinutes(5))
            throw new DomainException("Event.FutureDate", "An event cannot lie in the future.");
        return new BehaviourEvent
        {
            ExternalId = Check.Optional(externalId, "EventId", 64),
            CustomerId = customerId,
            OccurredAt = occurredAt,
            Type = type,
            Value = Check.NotNegative(value, "Value"),
            Detail = Check.Optional(detail, "Detail", 500),
        };
    }

    public static bool TryParseType(string? text, out BehaviourEventType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var normalised = text.Replace("_", "", StringComparison.Ordinal).Trim();
        return Enum.TryParse(normalised, ignoreCase: true, out type) && Enum.IsDefined(type);
    }
}
