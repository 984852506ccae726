using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.DataQuality;

public enum DataQualityGroup { Duplicates, Missing, Impossible }

public enum DataQualityKind
{
    DuplicateName, DuplicatePhone, DuplicateEmail,
    NoContact, NoOwner, NoIndustry, NoRegion, NoFirstOrderDate,
    NegativeAmount, OrderBeforeCreation, OrderInFuture, OrderBeforeFirstOrderDate, SatisfactionOutOfRange, CreditOutOfRange,
}

/// <summary>One finding on one customer. <see cref="Detail"/> is the offending value (a name, phone, order number…), shown as is.</summary>
public sealed record DataQualityFinding
{
    public DataQualityKind Kind { get; init; }
    public int CustomerId { get; init; }
    public string Number { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Detail { get; init; }
    public DateOnly? Date { get; init; }
    public int? Value { get; init; }
}

/// <summary>The findings of one kind: how many there are, and the first ones to fix.</summary>
public sealed record DataQualitySection(DataQualityKind Kind, DataQualityGroup Group, int Total, IReadOnlyList<DataQualityFinding> Findings);

/// <summary><see cref="AsOf"/> is the month's end, or today while the month is still running.</summary>
public sealed record DataQualityReport(DateOnly MonthEnd, DateOnly AsOf, IReadOnlyList<DataQualitySection> Sections)
{
    public int Total => Sections.Sum(s => s.Total);
}

/// <summary>
/// The monthly cleansing report (数据校验, PRODUCT.md §2 "data quality is a precondition"): likely
/// duplicates, missing required data and impossible values among the customers that existed at the
/// month's end. Managers see their team's customers, admins everyone (the context's filters).
/// Each section lists at most <see cref="ShownPerKind"/> findings and counts all of them.
/// </summary>
public sealed class DataQualityService(CrmDbFactory dbFactory, TimeProvider clock)
{
    public const int ShownPerKind = 50;

    public static DateOnly MonthEnd(int year, int month) => new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);

    public async Task<DataQualityReport> ReportAsync(int year, int month, CancellationToken ct = default)
    {
        var monthEnd = MonthEnd(year, month);
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ReviewDataQuality);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var asOf = monthEnd < today ? monthEnd : today;
        var createdBefore = monthEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var customers = db.Customers.AsNoTracking().Where(c => c.CreatedAt < createdBefore);
        var orders = db.Orders.AsNoTracking().Where(o => o.OrderDate <= monthEnd);
        var sections = new List<DataQualitySection>();

        async Task Add(DataQualityKind kind, DataQualityGroup group, IQueryable<DataQualityFinding> query)
        {
            var total = await query.CountAsync(ct);
            var shown = total == 0 ? [] : await query.Take(ShownPerKind).ToListAsync(ct); // each query is ordered before its projection
            // the duplicated phone or e-mail is personal: the report shows its masked form (docs/decisions/012)
            if (kind is DataQualityKind.DuplicatePhone or DataQualityKind.DuplicateEmail)
                shown = shown.Select(f => f with { Detail = PersonalDataPolicy.OnScreen(kind == DataQualityKind.DuplicatePhone ? PersonalKind.Phone : PersonalKind.Email, f.Detail) }).ToList();
            sections.Add(new DataQualitySection(kind, group, total, shown));
        }

        // duplicates: the same name once spaces and case are ignored, or one phone / e-mail on several customers
        var names = customers.Select(c => new { c.Id, c.Number, c.Name, Key = c.Name.Trim().ToLower().Replace(" ", "").Replace("　", "") });
        var dupNames = names.GroupBy(n => n.Key).Where(g => g.Count() > 1).Select(g => g.Key);
        await Add(DataQualityKind.DuplicateName, DataQualityGroup.Duplicates,
            names.Where(n => dupNames.Contains(n.Key)).OrderBy(n => n.Key).ThenBy(n => n.Number).Select(n => new DataQualityFinding { Kind = DataQualityKind.DuplicateName, CustomerId = n.Id, Number = n.Number, Name = n.Name, Detail = n.Name }));
        var contacts = db.Contacts.AsNoTracking().Where(x => customers.Any(c => c.Id == x.CustomerId));
        var phones = contacts.Where(x => x.Mobile != null).Select(x => new { x.CustomerId, Key = x.Mobile!.Replace("-", "").Replace(" ", "") });
        var dupPhones = phones.GroupBy(p => p.Key).Where(g => g.Select(p => p.CustomerId).Distinct().Count() > 1).Select(g => g.Key);
        await Add(DataQualityKind.DuplicatePhone, DataQualityGroup.Duplicates,
            from p in phones.Where(p => dupPhones.Contains(p.Key)).Select(p => new { p.CustomerId, p.Key }).Distinct()
            join c in customers on p.CustomerId equals c.Id
            orderby p.Key, c.Number
            select new DataQualityFinding { Kind = DataQualityKind.DuplicatePhone, CustomerId = c.Id, Number = c.Number, Name = c.Name, Detail = p.Key });
        var emails = contacts.Where(x => x.Email != null).Select(x => new { x.CustomerId, Key = x.Email!.Trim().ToLower() });
        var dupEmails = emails.GroupBy(p => p.Key).Where(g => g.Select(p => p.CustomerId).Distinct().Count() > 1).Select(g => g.Key);
        await Add(DataQualityKind.DuplicateEmail, DataQualityGroup.Duplicates,
            from p in emails.Where(p => dupEmails.Contains(p.Key)).Select(p => new { p.CustomerId, p.Key }).Distinct()
            join c in customers on p.CustomerId equals c.Id
            orderby p.Key, c.Number
            select new DataQualityFinding { Kind = DataQualityKind.DuplicateEmail, CustomerId = c.Id, Number = c.Number, Name = c.Name, Detail = p.Key });

        // missing required data
        await Add(DataQualityKind.NoContact, DataQualityGroup.Missing, Of(DataQualityKind.NoContact, customers.Where(c => !db.Contacts.Any(x => x.CustomerId == c.Id))));
        await Add(DataQualityKind.NoOwner, DataQualityGroup.Missing, Of(DataQualityKind.NoOwner, customers.Where(c => c.OwnerId == null)));
        await Add(DataQualityKind.NoIndustry, DataQualityGroup.Missing, Of(DataQualityKind.NoIndustry, customers.Where(c => c.IndustryCode == null || c.IndustryCode == "")));
        await Add(DataQualityKind.NoRegion, DataQualityGroup.Missing, Of(DataQualityKind.NoRegion, customers.Where(c => c.RegionCode == null || c.RegionCode == "")));
        await Add(DataQualityKind.NoFirstOrderDate, DataQualityGroup.Missing,
            Of(DataQualityKind.NoFirstOrderDate, customers.Where(c => c.FirstOrderDate == null && (c.OrderCount > 0 || orders.Any(o => o.CustomerId == c.Id)))));

        // impossible values
        await Add(DataQualityKind.NegativeAmount, DataQualityGroup.Impossible, OrdersOf(DataQualityKind.NegativeAmount, customers, orders.Where(o => o.Amount < 0)));
        await Add(DataQualityKind.OrderBeforeCreation, DataQualityGroup.Impossible,
            from o in orders join c in customers on o.CustomerId equals c.Id
            where o.OrderDate < DateOnly.FromDateTime(c.CreatedAt)
            orderby c.Number, o.OrderNo
            select new DataQualityFinding { Kind = DataQualityKind.OrderBeforeCreation, CustomerId = c.Id, Number = c.Number, Name = c.Name, Detail = o.OrderNo, Date = o.OrderDate });
        await Add(DataQualityKind.OrderInFuture, DataQualityGroup.Impossible,
            OrdersOf(DataQualityKind.OrderInFuture, customers, db.Orders.AsNoTracking().Where(o => o.OrderDate > asOf)));
        await Add(DataQualityKind.OrderBeforeFirstOrderDate, DataQualityGroup.Impossible,
            from o in orders join c in customers on o.CustomerId equals c.Id
            where c.FirstOrderDate != null && o.OrderDate < c.FirstOrderDate
            orderby c.Number, o.OrderNo
            select new DataQualityFinding { Kind = DataQualityKind.OrderBeforeFirstOrderDate, CustomerId = c.Id, Number = c.Number, Name = c.Name, Detail = o.OrderNo, Date = o.OrderDate });
        await Add(DataQualityKind.SatisfactionOutOfRange, DataQualityGroup.Impossible,
            customers.Where(c => c.Satisfaction < 1 || c.Satisfaction > 5).OrderBy(c => c.Number)
                .Select(c => new DataQualityFinding { Kind = DataQualityKind.SatisfactionOutOfRange, CustomerId = c.Id, Number = c.Number, Name = c.Name, Value = c.Satisfaction }));
        await Add(DataQualityKind.CreditOutOfRange, DataQualityGroup.Impossible,
            customers.Where(c => c.Credit < 1 || c.Credit > 5).OrderBy(c => c.Number)
                .Select(c => new DataQualityFinding { Kind = DataQualityKind.CreditOutOfRange, CustomerId = c.Id, Number = c.Number, Name = c.Name, Value = c.Credit }));
        return new DataQualityReport(monthEnd, asOf, sections);
    }

    private static IQueryable<DataQualityFinding> Of(DataQualityKind kind, IQueryable<Customer> customers) =>
        customers.OrderBy(c => c.Number).Select(c => new DataQualityFinding { Kind = kind, CustomerId = c.Id, Number = c.Number, Name = c.Name });

    private static IQueryable<DataQualityFinding> OrdersOf(DataQualityKind kind, IQueryable<Customer> customers, IQueryable<Domain.Orders.Order> orders) =>
        from o in orders join c in customers on o.CustomerId equals c.Id
        orderby c.Number, o.OrderNo
        select new DataQualityFinding { Kind = kind, CustomerId = c.Id, Number = c.Number, Name = c.Name, Detail = o.OrderNo, Date = o.OrderDate };
}
