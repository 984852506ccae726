using System.Reflection;
using CrmBlazor.Domain.Access;

namespace CrmBlazor.Domain.Privacy;

/// <summary>One personal field of an entity, as its <see cref="PersonalAttribute"/> declares it.</summary>
public sealed record PersonalField(Type Entity, PropertyInfo Property, PersonalKind Kind, bool ShownOnScreens)
{
    public string Name => Property.Name;

    /// <summary>The field's value of <paramref name="record"/> as text (dates ISO), unmasked.</summary>
    public string? ValueOf(object record) => Property.GetValue(record) switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };
}

/// <summary>
/// The one rule for personal data (PIPL, minimum necessary; docs/decisions/012):
/// <list type="bullet">
/// <item>which fields are personal — the <see cref="PersonalAttribute"/>s on the domain entities (<see cref="Fields"/>);</item>
/// <item>who may see them in clear — the record's owner, the owner's manager, admins (<see cref="SeesClear(AccessScope, string?)"/>);</item>
/// <item>what screens show — the masked form for everyone (<see cref="OnScreen"/>); those who may see it in
/// clear reveal one field at a time, and each reveal is audited;</item>
/// <item>what exports write — clear for the records the caller may see in clear, masked otherwise (<see cref="Show"/>);</item>
/// <item>what is broadcast (live events, <c>/hubs/live</c>) — no personal field at all.</item>
/// </list>
/// Search never matches personal fields, so a masked phone cannot be found by typing it.
/// </summary>
public static class PersonalDataPolicy
{
    private static readonly Lazy<IReadOnlyList<PersonalField>> AllFields = new(() =>
        typeof(PersonalDataPolicy).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(p => (Type: t, Property: p, Attribute: p.GetCustomAttribute<PersonalAttribute>())))
            .Where(x => x.Attribute is not null)
            .Select(x => new PersonalField(x.Type, x.Property, x.Attribute!.Kind, x.Attribute.ShownOnScreens))
            .OrderBy(f => f.Entity.Name, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToArray());

    /// <summary>Every personal field of the domain.</summary>
    public static IReadOnlyList<PersonalField> Fields => AllFields.Value;

    /// <summary>The personal field <paramref name="name"/> of <typeparamref name="TEntity"/>, or null when it is not one.</summary>
    public static PersonalField? Field<TEntity>(string? name) =>
        Fields.FirstOrDefault(f => f.Entity == typeof(TEntity) && string.Equals(f.Name, name, StringComparison.Ordinal));

    public static bool SeesClear(AccessScope scope, string? ownerId) => scope.Profile switch
    {
        AccessProfile.System or AccessProfile.Admin => true,
        AccessProfile.SalesManager => ownerId is null || scope.TeamUserIds.Contains(ownerId),
        AccessProfile.AccountManager => ownerId is not null && ownerId == scope.UserId,
        _ => false,
    };

    /// <summary>A record with a second person responsible for it (an opportunity's creator beside its assignee): either one's rights count.</summary>
    public static bool SeesClear(AccessScope scope, string? ownerId, string? creatorId) =>
        SeesClear(scope, ownerId) || creatorId is not null && scope.Profile == AccessProfile.AccountManager && creatorId == scope.UserId;

    /// <summary>Whether the caller gets the reveal (eye) button for the record's personal fields: exactly those who may see them in clear.</summary>
    public static bool CanReveal(AccessScope scope, string? ownerId) => scope.Profile != AccessProfile.System && SeesClear(scope, ownerId);

    /// <summary>For exports: clear when the caller may see the record's personal data, masked otherwise.</summary>
    public static string? Show(AccessScope scope, string? ownerId, PersonalKind kind, string? value) =>
        SeesClear(scope, ownerId) ? value : Mask.Value(kind, value);

    /// <summary>
    /// What an edit form sends back for a personal field: forms show the masked form, so the masked
    /// form of the stored value coming back unchanged means "unchanged" and keeps the stored value;
    /// anything else is the new value.
    /// </summary>
    public static string? Kept(PersonalKind kind, string? submitted, string? current) =>
        current is not null && submitted is not null && submitted.Trim() == Mask.Value(kind, current) ? current : submitted;

    /// <summary>For screens: masked for everyone until revealed.</summary>
    public static string? OnScreen(PersonalKind kind, string? value) => Mask.Value(kind, value);
}
