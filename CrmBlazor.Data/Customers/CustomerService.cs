using CrmBlazor.Data.Audit;
using System.Linq.Expressions;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Common;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Customers;

/// <summary>Reading customers: the paged list and the customer page. Record access comes from the scoped context.</summary>
public sealed class CustomerService(CrmDbFactory dbFactory)
{
    private static readonly Dictionary<string, Expression<Func<Customer, object?>>> Sorts = new()
    {
        ["Number"] = c => c.Number,
        ["Name"] = c => c.Name,
        ["Stage"] = c => c.Stage,
        ["StageEnteredAt"] = c => c.StageEnteredAt,
        ["LastOrderDate"] = c => c.LastOrderDate,
        ["OrderCount"] = c => c.OrderCount,
        ["TotalSpend"] = c => c.TotalSpend,
        ["RegionCode"] = c => c.RegionCode,
        ["IndustryCode"] = c => c.IndustryCode,
        ["LevelCode"] = c => c.LevelCode,
        ["Clv"] = c => c.ValueScore!.Clv,
        ["ProbabilityAlive"] = c => c.ValueScore!.ProbabilityAlive,
        ["ChurnRisk"] = c => c.ValueScore!.ChurnRiskScore,
    };

    public async Task<PagedResult<CustomerRow>> ListAsync(CustomerQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var query = Filter(db.Customers.AsNoTracking(), db, q);
        var sorted = query.SortBy(q.SortBy, q.Descending, Sorts, "Number");
        var page = await TieBreak((IOrderedQueryable<Customer>)sorted, q.Descending)
            .Select(RowWithPhone)
            .ToPageAsync(q, ct);
        var scope = db.Scope;
        return new PagedResult<CustomerRow>(page.Items.Select(x => x.Row with
        {
            Phone = PersonalDataPolicy.OnScreen(PersonalKind.Phone, x.Phone), CanReveal = PersonalDataPolicy.CanReveal(scope, x.Row.OwnerId),
        }).ToArray(), page.Total);
    }

    /// <summary>A row and the raw company phone, masked in memory by the policy (lists mask it for everyone, exports by the caller's right).</summary>
    private sealed record RowAndPhone(CustomerRow Row, string? Phone);

    private static readonly Expression<Func<Customer, RowAndPhone>> RowWithPhone = c => new RowAndPhone(new CustomerRow(c.Id, c.Number, c.Name, c.Stage,
        c.StageEnteredAt, c.StageReasons, c.OwnerId, c.RegionCode, c.IndustryCode, c.LevelCode, c.Status, c.LastOrderDate, c.OrderCount, c.TotalSpend,
        c.ValueScore == null ? null
            : new CustomerValueBrief(c.ValueScore.RfmSegment, c.ValueScore.ValueTier, c.ValueScore.Clv, c.ValueScore.ProbabilityAlive, c.ValueScore.ChurnRisk)),
        c.Phone);

    /// <summary>
    /// Ties are broken by id in the sort's own direction, so one index (its key plus the id — the
    /// rowid on SQLite) serves the whole ORDER BY read forwards or backwards; with the tie-breaker the
    /// other way, PostgreSQL sorted every tie (120,000 customers without an order) for each page.
    /// </summary>
    private static IOrderedQueryable<Customer> TieBreak(IOrderedQueryable<Customer> sorted, bool descending) =>
        descending ? sorted.ThenByDescending(c => c.Id) : sorted.ThenBy(c => c.Id);

    private static bool LooksLikeNumber(string text) =>
        text.Length >= 3 && text.Any(char.IsAsciiDigit) && text.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.');

    internal static IQueryable<Customer> Filter(IQueryable<Customer> query, CrmDbContext db, CustomerQuery q)
    {
        var tags = db.CustomerTags;
        query = ReportDrillDown.Apply(query, db, q);
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim();
            // something shaped like a customer number (C0001234, CUST-88…) is a number prefix — an index
            // range in any case; anything else searches inside names (the trigram index, CustomerNameSearch)
            var end = text + char.MaxValue;
            var caps = text.ToUpperInvariant();
            var capsEnd = caps + char.MaxValue;
            query = LooksLikeNumber(text)
                ? query.Where(c => (c.Number.CompareTo(text) >= 0 && c.Number.CompareTo(end) < 0) || (c.Number.CompareTo(caps) >= 0 && c.Number.CompareTo(capsEnd) < 0))
                : query.Matching(db, text);
        }
        if (q.Stage is { } stage) query = query.Where(c => c.Stage == stage);
        if (!string.IsNullOrEmpty(q.OwnerId)) query = query.Where(c => c.OwnerId == q.OwnerId);
        if (!string.IsNullOrEmpty(q.RegionCode)) query = query.Where(c => c.RegionCode == q.RegionCode);
        if (!string.IsNullOrEmpty(q.IndustryCode)) query = query.Where(c => c.IndustryCode == q.IndustryCode);
        if (!string.IsNullOrEmpty(q.LevelCode)) query = query.Where(c => c.LevelCode == q.LevelCode);
        if (q.Status is { } status) query = query.Where(c => c.Status == status);
        if (q.LastOrderFrom is { } from) query = query.Where(c => c.LastOrderDate >= from);
        if (q.LastOrderTo is { } to) query = query.Where(c => c.LastOrderDate <= to);
        if (q.RfmSegment is { } segment) query = query.Where(c => c.ValueScore!.RfmSegment == segment);
        if (q.ValueTier is { } tier) query = query.Where(c => c.ValueScore!.ValueTier == tier);
        if (q.ChurnRisk is { } risk) query = query.Where(c => c.ValueScore!.ChurnRisk == risk);
        if (q.ClvFrom is { } clvFrom) query = query.Where(c => c.ValueScore!.Clv >= clvFrom);
        if (q.ClvTo is { } clvTo) query = query.Where(c => c.ValueScore!.Clv < clvTo);
        if (q.Credit is { } credit) query = query.Where(c => c.Credit == credit);
        if (q.Satisfaction is { } satisfaction) query = query.Where(c => c.Satisfaction == satisfaction);
        if (q.WithConsent is { } consent)
        {
            var contacts = db.Contacts;
            query = query.Where(c => contacts.Any(x => x.CustomerId == c.Id && x.ConsentGiven && x.ErasedAt == null) == consent);
        }
        if (!string.IsNullOrEmpty(q.TagCode))
        {
            var tag = q.TagCode;
            query = query.Where(c => tags.Any(t => t.CustomerId == c.Id && t.TagCode == tag));
        }
        return query;
    }

    /// <summary>The customer page. <see cref="LookupStatus.Denied"/> when the customer exists but is not the caller's to see.</summary>
    public async Task<Lookup<CustomerDetail>> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        var c = await db.Customers.AsNoTracking().Include(x => x.Contacts).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
            return await db.Customers.IgnoreQueryFilters().AnyAsync(x => x.Id == id, ct) ? await db.RefusedAsync<CustomerDetail>("Customer", id, ct) : Lookup<CustomerDetail>.NotFound;

        var scope = db.Scope;
        static string? Show(PersonalKind kind, string? value) => PersonalDataPolicy.OnScreen(kind, value);
        var playbook = await db.Playbooks.AsNoTracking().Where(p => p.Stage == c.Stage)
            .Select(p => new PlaybookRow(p.GoalZh, p.GoalEn, p.ActionsZh, p.ActionsEn, p.OwnerZh, p.OwnerEn, p.Cadence)).FirstOrDefaultAsync(ct);
        var tags = await db.CustomerTags.AsNoTracking().Where(t => t.CustomerId == id).Select(t => t.TagCode).OrderBy(t => t).ToListAsync(ct);
        var contacts = c.Contacts.OrderByDescending(x => x.IsPrimary).ThenBy(x => x.Name)
            .Select(ContactRow.Of)
            .ToArray();
        return Lookup<CustomerDetail>.Found(new CustomerDetail(c.Id, c.Number, c.Name, c.RegionCode, c.IndustryCode, c.LevelCode, c.OwnerId,
            c.Satisfaction, c.Credit, Show(PersonalKind.Address, c.Address), c.Postcode, Show(PersonalKind.Phone, c.Phone),
            Show(PersonalKind.Phone, c.Fax), c.Website, Show(PersonalKind.IdNumber, c.LicenceNumber),
            Show(PersonalKind.Name, c.LegalRepresentative), c.RegisteredCapital, c.AnnualTurnover, c.Bank,
            Show(PersonalKind.BankAccount, c.BankAccount), Show(PersonalKind.IdNumber, c.TaxId), c.ConsentToContact, c.Status, c.CreatedAt,
            c.Stage, c.StageEnteredAt, c.StageReasons, c.FirstOrderDate, c.LastOrderDate, c.OrderCount, c.TotalSpend,
            PersonalDataPolicy.CanReveal(scope, c.OwnerId), contacts, tags, playbook, c.Version,
            CanEdit: scope.Can(Capability.EditCustomers),
            CanChooseOwner: scope.Can(Capability.EditCustomers) && scope.Profile is AccessProfile.Admin or AccessProfile.SalesManager or AccessProfile.System));
    }

    /// <summary>
    /// The filtered list in list order, read row by row (no paging, nothing held): the CSV export
    /// of a million customers streams through this without loading them.
    /// </summary>
    public async IAsyncEnumerable<CustomerRow> StreamAsync(CustomerQuery q, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ViewCustomers);
        await foreach (var row in Stream(db, q).WithCancellation(ct)) yield return row;
    }

    /// <summary>The same stream on a context the caller opened (the command line uses a system context).</summary>
    internal static IAsyncEnumerable<CustomerRow> Stream(CrmDbContext db, CustomerQuery q)
    {
        var sorted = (IOrderedQueryable<Customer>)Filter(db.Customers.AsNoTracking(), db, q).SortBy(q.SortBy, q.Descending, Sorts, "Number");
        return ForExport(TieBreak(sorted, q.Descending).Select(RowWithPhone).AsAsyncEnumerable(), db.Scope);
    }

    /// <summary>An export writes the phone in clear for the customers the caller may see in clear, masked for the rest.</summary>
    private static async IAsyncEnumerable<CustomerRow> ForExport(IAsyncEnumerable<RowAndPhone> rows, AccessScope scope)
    {
        await foreach (var x in rows)
            yield return x.Row with
            {
                Phone = PersonalDataPolicy.Show(scope, x.Row.OwnerId, PersonalKind.Phone, x.Phone),
                CanReveal = PersonalDataPolicy.CanReveal(scope, x.Row.OwnerId),
            };
    }

    public async Task<PagedResult<OrderRow>> ListOrdersAsync(int customerId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.Id)
            .Select(o => new OrderRow(o.Id, o.OrderNo, o.OrderDate, o.Amount, o.Lines.Count))
            .ToPageAsync(page, ct);
    }

    public async Task<PagedResult<InteractionRow>> ListInteractionsAsync(int customerId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        return await db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId)
            .OrderByDescending(i => i.Date).ThenByDescending(i => i.Id)
            .Select(i => new InteractionRow(i.Id, i.Date, i.Place, i.Summary, i.Details, i.Notes, i.CreatedById, i.Version))
            .ToPageAsync(page, ct);
    }
}
