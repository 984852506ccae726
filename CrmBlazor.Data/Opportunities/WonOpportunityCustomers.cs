using CrmBlazor.Domain.Orders;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;

namespace CrmBlazor.Data.Opportunities;

/// <summary>
/// Turns a won opportunity into a customer (PRODUCT.md §3): the opportunity's company and contact,
/// owned by the account manager who won it, entering the lifecycle as New — inside the caller's
/// transaction, so either both exist or neither does.
/// </summary>
public sealed class WonOpportunityCustomers
{
    public async Task<int> CreateAsync(CrmDbContext db, Opportunity o, DateTime now, CancellationToken ct)
    {
        // the number needs the id: insert with a unique placeholder, then number it in the same transaction
        var customer = Customer.Create("NEW-" + Guid.NewGuid().ToString("N")[..20],
            new CustomerDetails { Name = o.CustomerName, RegionCode = o.RegionCode, IndustryCode = o.IndustryCode, LevelCode = "developing" },
            o.AssignedToId, now);
        var phone = o.ContactPhone;
        var isMobile = phone is not null && phone.Count(char.IsAsciiDigit) == 11 && phone.TrimStart('+').StartsWith('1');
        customer.AddContact(new ContactDetails
        {
            Name = o.ContactName,
            Mobile = isMobile ? phone : null,
            OfficePhone = isMobile ? null : phone,
            IsPrimary = true,
            Notes = o.Description,
        });
        var reasons = StageReason.Serialize([StageReason.Of("New.Won", o.Id)]);
        customer.MoveToStage(LifecycleStage.New, reasons, now);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        customer.AssignNumber($"C{customer.Id:D7}");
        db.StageHistory.Add(new StageHistoryEntry(customer.Id, null, LifecycleStage.New, now, reasons));
        // the won deal is the customer's first transaction: it is what the stage rules count as the first order
        db.Orders.Add(Order.Create($"OPP-{o.Id}", customer.Id, DateOnly.FromDateTime(now), o.ExpectedAmount ?? 0m, now));
        await db.SaveChangesAsync(ct);
        return customer.Id;
    }
}
