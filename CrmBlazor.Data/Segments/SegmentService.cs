using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Data.Customers;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Campaigns;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Segments;

public sealed record SegmentRow(int Id, string Name, string OwnerId, bool IsShared, int Members, bool IsMine, int Version, CustomerQuery Query);

/// <summary>A segment member's contact as the CSV export writes it: personal fields masked unless the caller sees them in clear.</summary>
public sealed record SegmentContactRow(string CustomerNumber, string CustomerName, string? CustomerOwnerId, LifecycleStage Stage,
    string ContactName, string? Title, string? Mobile, string? OfficePhone, string? Email, bool ConsentGiven);

/// <summary>
/// Saved segments (客户分群): a named customer-list filter, private or shared with the team. Every
/// use re-evaluates it through the list's own filter (<see cref="CustomerService.Filter"/>) in the
/// caller's record access, so the same segment counts and lists differently for an account
/// manager (own customers) and a manager (the team's).
/// </summary>
public sealed class SegmentService(CrmDbFactory dbFactory, TimeProvider clock)
{
    /// <summary>Saves the filter under a name for the caller (any user who reads customers). Names are unique per owner.</summary>
    public async Task<int> SaveAsync(string name, bool shared, CustomerQuery filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var me = db.Scope.RequireUserId();
        var segment = CustomerSegment.Create(name, me, shared, SegmentFilter.From(filter).Serialize(), clock.GetUtcNow().UtcDateTime);
        await EnsureUniqueAsync(db, me, segment.Name, null, ct);
        db.Segments.Add(segment);
        await db.SaveChangesAsync(ct);
        return segment.Id;
    }

    /// <summary>The caller's own segments and those shared with the team, each with its member count as the caller sees it.</summary>
    public async Task<IReadOnlyList<SegmentRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var me = db.Scope.UserId;
        var segments = await db.Segments.AsNoTracking().Where(s => s.IsShared || s.OwnerId == me)
            .OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        var rows = new List<SegmentRow>(segments.Count);
        foreach (var s in segments)
        {
            var query = SegmentFilter.Deserialize(s.Filter).ToQuery();
            rows.Add(new SegmentRow(s.Id, s.Name, s.OwnerId, s.IsShared, await Members(db, query).CountAsync(ct), s.OwnerId == me, s.Version, query));
        }
        return rows;
    }

    /// <summary>One segment the caller may use (own or shared) with its current member count.</summary>
    public async Task<Lookup<SegmentRow>> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var s = await db.Segments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Lookup<SegmentRow>.NotFound;
        if (!s.VisibleTo(db.Scope.UserId)) return Lookup<SegmentRow>.Denied;
        var query = SegmentFilter.Deserialize(s.Filter).ToQuery();
        return Lookup<SegmentRow>.Found(new SegmentRow(s.Id, s.Name, s.OwnerId, s.IsShared, await Members(db, query).CountAsync(ct),
            s.OwnerId == db.Scope.UserId, s.Version, query));
    }

    /// <summary>The segment's filter as a customer query (for the list page, campaigns and events); refused when the caller may not use it.</summary>
    public async Task<CustomerQuery> ResolveAsync(int id, CancellationToken ct = default)
    {
        var found = await GetAsync(id, ct);
        return found.Status switch
        {
            LookupStatus.Found => found.Value!.Query,
            LookupStatus.Denied => throw new AccessDeniedException("Segment.Denied", "This segment is private to its owner."),
            _ => throw new DomainException("Record.NotFound", "The segment no longer exists."),
        };
    }

    /// <summary>Renames and re-shares a segment: its owner only.</summary>
    public async Task RenameAsync(int id, int expectedVersion, string name, bool shared, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var me = db.Scope.RequireUserId();
        var s = await FindOwnAsync(db, id, me, ct);
        if (s.Version != expectedVersion) throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        s.Rename(name, shared, me);
        await EnsureUniqueAsync(db, me, s.Name, s.Id, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Record.Changed", "Someone else changed this record meanwhile.");
        }
    }

    /// <summary>Deletes a segment: its owner only, and not while a campaign aims at it (the campaign names its target).</summary>
    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var me = db.Scope.RequireUserId();
        var s = await FindOwnAsync(db, id, me, ct);
        var usedBy = await db.Campaigns.Where(c => c.SegmentId == id).Select(c => c.Theme).FirstOrDefaultAsync(ct);
        if (usedBy is not null)
            throw new DomainException("Segment.InUse", $"The campaign '{usedBy}' aims at this segment.", usedBy);
        db.Segments.Remove(s);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The contacts of the segment's members, for the CSV export: only those who maintain customers
    /// (like the list export), in the caller's record access; personal fields through
    /// <see cref="PersonalDataPolicy"/>; with <paramref name="consentOnly"/> only contacts who consented to marketing contact.
    /// </summary>
    public async IAsyncEnumerable<SegmentContactRow> StreamContactsAsync(int id, bool consentOnly, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var query = await ResolveAsync(id, ct);
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.EditCustomers);
        var scope = db.Scope;
        var members = Members(db, query);
        var contacts = db.Contacts.AsNoTracking().Where(x => x.ErasedAt == null && (!consentOnly || x.ConsentGiven));
        var rows = from c in members
                   join x in contacts on c.Id equals x.CustomerId
                   orderby c.Number, x.IsPrimary descending, x.Name
                   select new { c.Number, CustomerName = c.Name, c.OwnerId, c.Stage, x.Name, x.Title, x.Mobile, x.OfficePhone, x.Email, x.ConsentGiven };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new SegmentContactRow(r.Number, r.CustomerName, r.OwnerId, r.Stage,
                PersonalDataPolicy.Show(scope, r.OwnerId, PersonalKind.Name, r.Name) ?? "", r.Title,
                PersonalDataPolicy.Show(scope, r.OwnerId, PersonalKind.Phone, r.Mobile), PersonalDataPolicy.Show(scope, r.OwnerId, PersonalKind.Phone, r.OfficePhone),
                PersonalDataPolicy.Show(scope, r.OwnerId, PersonalKind.Email, r.Email), r.ConsentGiven);
        }
    }

    /// <summary>The members of a filter in the context's record access — the customer list's own filter.</summary>
    internal static IQueryable<Domain.Customers.Customer> Members(CrmDbContext db, CustomerQuery query) =>
        CustomerService.Filter(db.Customers.AsNoTracking(), db, query);

    private static async Task<CustomerSegment> FindOwnAsync(CrmDbContext db, int id, string me, CancellationToken ct)
    {
        var s = await db.Segments.FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new DomainException("Record.NotFound", "The segment no longer exists.");
        if (!s.VisibleTo(me)) throw new AccessDeniedException("Segment.Denied", "This segment is private to its owner.");
        s.EnsureOwner(me);
        return s;
    }

    private static async Task EnsureUniqueAsync(CrmDbContext db, string ownerId, string name, int? exceptId, CancellationToken ct)
    {
        if (await db.Segments.AnyAsync(s => s.OwnerId == ownerId && s.Name == name && s.Id != exceptId, ct))
            throw new DomainException("Segment.DuplicateName", $"You already have a segment named '{name}'.", name);
    }
}
