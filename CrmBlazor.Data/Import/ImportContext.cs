using CrmBlazor.Data.Lookups;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Import;

/// <summary>A customer the file refers to by number: its id, owner, and whether the importer may see it.</summary>
internal sealed record KnownCustomer(int Id, string Number, string? OwnerId, bool Visible);

/// <summary>A customer whose data an import changed, for re-evaluation and the live event.</summary>
internal sealed record AffectedCustomer(int Id, string? OwnerId, string? PreviousOwnerId);

/// <summary>
/// What every import reads while checking rows: the importer's scope, "now", the customers the
/// file names (read in chunks — never one query per row), dictionary codes and users.
/// </summary>
internal sealed class ImportContext(AccessScope scope, DateTime now, CrmDbContext scoped, CrmDbContext system,
    IReadOnlyList<DictionaryItem> dictionary, UserDirectory.Snapshot users)
{
    public const int Chunk = 2_000;

    public AccessScope Scope { get; } = scope;
    public DateTime Now { get; } = now;
    /// <summary>Reads as the importer: the record filters decide what is "theirs".</summary>
    public CrmDbContext Scoped { get; } = scoped;
    /// <summary>Reads across the company: natural keys are unique company-wide.</summary>
    public CrmDbContext System { get; } = system;
    public UserDirectory.Snapshot Users { get; } = users;

    /// <summary>An account manager imports only into their own customers and owns what they create.</summary>
    public bool IsAccountManager => Scope.Profile == AccessProfile.AccountManager;

    public async Task<Dictionary<string, KnownCustomer>> CustomersAsync(IEnumerable<string> numbers, CancellationToken ct)
    {
        var result = new Dictionary<string, KnownCustomer>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var all = await System.Customers.AsNoTracking().Where(c => chunk.Contains(c.Number))
                .Select(c => new { c.Id, c.Number, c.OwnerId }).ToListAsync(ct);
            var ids = all.Select(c => c.Id).ToArray();
            var visible = (await Scoped.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
            foreach (var c in all) result[c.Number] = new KnownCustomer(c.Id, c.Number, c.OwnerId, visible.Contains(c.Id));
        }
        return result;
    }

    /// <summary>
    /// The customer a row names, or the reason the row is refused. Unknown and not-the-importer's
    /// read alike, so a file cannot probe which customer numbers exist in other teams (the codes
    /// differ only for the log and the tests).
    /// </summary>
    public static KnownCustomer Resolve(IReadOnlyDictionary<string, KnownCustomer> known, string number) =>
        !known.TryGetValue(number, out var c)
            ? throw new DomainException("Import.UnknownCustomer", NoSuchCustomer(number), number)
            : c.Visible ? c : throw new AccessDeniedException("Import.NotYourCustomer", NoSuchCustomer(number), number);

    private static string NoSuchCustomer(string number) => $"There is no customer {number} you may import into.";

    /// <summary>A dictionary code given as its code or either label; unknown or inactive values are refused.</summary>
    public string? Code(DictionaryKind kind, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        var entry = dictionary.FirstOrDefault(e => e.Kind == kind && e.IsActive && (string.Equals(e.Code, v, StringComparison.OrdinalIgnoreCase)
            || e.LabelZh == v || string.Equals(e.LabelEn, v, StringComparison.OrdinalIgnoreCase)));
        return entry?.Code ?? throw new DomainException("Import.UnknownCode", $"{field}: '{v}' is not in the list.", field, v);
    }

    /// <summary>
    /// Whether the importer may make <paramref name="userId"/> a customer's owner — the same rule as
    /// editing a customer: an active account manager; for an account manager only themselves, for
    /// a sales manager only their team.
    /// </summary>
    public bool MayOwn(string userId) =>
        Users.InRole(Roles.AccountManager).Any(u => u.Id == userId)
        && (!IsAccountManager || userId == Scope.UserId)
        && (Scope.Profile != AccessProfile.SalesManager || Scope.TeamUserIds.Contains(userId));

    /// <summary>An active user by e-mail.</summary>
    public string UserIdByEmail(string email) =>
        Users.Users.Values.FirstOrDefault(u => u.IsActive && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))?.Id
        ?? throw new DomainException("Import.UnknownOwner", $"{email} is not an active user.", email);
}
