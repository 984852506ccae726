using System.Text;
using CrmBlazor.Data.Care;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Opportunities;
using CrmBlazor.Data.Privacy;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>
/// Masking by rule (docs/decisions/012) through the services, for each role × own / other record:
/// screens masked for everyone, the reveal for the owner, their manager and admins only (audited,
/// refused and recorded for the rest), exports clear only where the caller may; and consent taking effect at once.
/// </summary>
public abstract class MaskingServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _am1 = null!, _outsider = null!, _service = null!, _exec = null!, _admin = null!;
    private int _customer, _contact;
    private string _tag = "";

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Mask " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        _outsider = await fx.AddUserAsync(Roles.AccountManager);
        _service = await fx.AddUserAsync(Roles.CustomerService);
        _exec = await fx.AddUserAsync(Roles.Executive);
        _admin = await fx.AddUserAsync(Roles.Admin);
        _tag = Guid.NewGuid().ToString("N")[..6];
        _customer = await fx.AddCustomerAsync("掩码公司 " + _tag, _am1.Id, mobile: "13812348888");
        await using var db = await fx.SystemDbAsync();
        var c = await db.Customers.Include(x => x.Contacts).SingleAsync(x => x.Id == _customer);
        c.Update(new CustomerDetails
        {
            Name = c.Name, RegionCode = "east", IndustryCode = "it", Phone = "021-62345678", Address = "上海市浦东新区世纪大道100号",
            BankAccount = "6222021001123456789", TaxId = "91310000MA1FL0XX1X", LegalRepresentative = "张三丰",
        });
        _contact = c.Contacts[0].Id;
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> As<T>(TestData.User u) where T : notnull =>
        fx.As<T>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    private async Task<List<AuditEntry>> AuditAsync(TestData.User u, AuditAction action)
    {
        await using var db = await fx.SystemDbAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.UserId == u.Id && a.Action == action).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task CustomerDetail_EveryRole_SeesMaskedValues_OnlyOwnerManagerAdminMayReveal()
    {
        foreach (var (user, canReveal) in new[] { (_am1, true), (_manager, true), (_admin, true), (_service, false), (_exec, false) })
        {
            var d = (await (await As<CustomerService>(user)).GetAsync(_customer)).Value!;
            Assert.Equal(("021****5678", "上******号", "****6789", "****XX1X", "张**"), (d.Phone, d.Address, d.BankAccount, d.TaxId, d.LegalRepresentative));
            Assert.Equal(("138****8888", "c***@example.com"), (d.Contacts[0].Mobile, d.Contacts[0].Email));
            Assert.StartsWith("联系人", d.Contacts[0].Name); // names stay readable
            Assert.Equal(canReveal, d.CanReveal);
        }
        Assert.Equal(CrmBlazor.Data.Common.LookupStatus.Denied, (await (await As<CustomerService>(_outsider)).GetAsync(_customer)).Status);
    }

    [Fact]
    public async Task ListAndSearch_PhonesMasked_AFullPhoneNumberFindsNothing()
    {
        foreach (var (user, canReveal) in new[] { (_am1, true), (_manager, true), (_service, false), (_exec, false) })
        {
            var row = Assert.Single((await (await As<CustomerService>(user)).ListAsync(new CustomerQuery { Text = "掩码公司 " + _tag })).Items);
            Assert.Equal(("021****5678", canReveal), (row.Phone, row.CanReveal));
            foreach (var phone in new[] { "021-62345678", "02162345678", "13812348888" })
                Assert.DoesNotContain((await (await As<CustomerService>(user)).ListAsync(new CustomerQuery { Text = phone, Take = 500 })).Items, r => r.Id == _customer);
        }
    }

    [Fact]
    public async Task CsvExport_ClearForOwnerManagerAdmin_MaskedForServiceAndExecutive()
    {
        foreach (var (user, phone) in new[] { (_am1, "021-62345678"), (_manager, "021-62345678"), (_admin, "021-62345678"), (_service, "021****5678"), (_exec, "021****5678") })
        {
            using var output = new MemoryStream();
            var rows = (await As<CustomerService>(user)).StreamAsync(new CustomerQuery { Text = "掩码公司 " + _tag });
            Assert.Equal(1, await CustomerCsvExport.WriteAsync(rows, output, _ => "", _ => ""));
            var line = Encoding.UTF8.GetString(output.ToArray()[3..]).Split("\r\n")[1];
            Assert.EndsWith("," + phone, line);
        }
    }

    [Fact]
    public async Task Reveal_Owner_GetsTheValue_AndTheRevealIsAuditedWithoutIt()
    {
        var reveal = await As<RevealService>(_am1);
        Assert.Equal("021-62345678", await reveal.CustomerFieldAsync(_customer, "Phone"));
        Assert.Equal("13812348888", await reveal.ContactFieldAsync(_customer, _contact, "Mobile"));
        Assert.Equal("6222021001123456789", await (await As<RevealService>(_manager)).CustomerFieldAsync(_customer, "BankAccount"));

        var audit = await AuditAsync(_am1, AuditAction.Reveal);
        Assert.Equal([("Customer", _customer.ToString()), ("Contact", _contact.ToString())], audit.Select(a => (a.EntityType, a.EntityId)));
        Assert.Contains("Phone", audit[0].Changes);
        Assert.Contains("Mobile", audit[1].Changes);
        Assert.All(audit, a => Assert.DoesNotContain("62345678", a.Changes));
        Assert.All(audit, a => Assert.DoesNotContain("12348888", a.Changes));
        Assert.Single(await AuditAsync(_manager, AuditAction.Reveal));
    }

    [Fact]
    public async Task Reveal_CustomerServiceAndExecutive_AreRefused_AndTheRefusalIsRecorded()
    {
        foreach (var user in new[] { _service, _exec })
        {
            var reveal = await As<RevealService>(user);
            var e = await Assert.ThrowsAsync<AccessDeniedException>(() => reveal.CustomerFieldAsync(_customer, "Phone"));
            Assert.Equal("Privacy.RevealDenied", e.Code);
            await Assert.ThrowsAsync<AccessDeniedException>(() => reveal.ContactFieldAsync(_customer, _contact, "Email"));
            Assert.Empty(await AuditAsync(user, AuditAction.Reveal));
            Assert.Equal(2, (await AuditAsync(user, AuditAction.AccessRefused)).Count);
        }
        var outsider = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<RevealService>(_outsider)).CustomerFieldAsync(_customer, "Phone"));
        Assert.Equal("Customer.Denied", outsider.Code);
        var notPersonal = await Assert.ThrowsAsync<DomainException>(async () => await (await As<RevealService>(_am1)).ContactFieldAsync(_customer, _contact, "Notes"));
        Assert.Equal("Privacy.NotPersonal", notPersonal.Code);
    }

    [Fact]
    public async Task Opportunity_PhoneMaskedForAll_CreatorAndManagerReveal_ExecutiveRefused()
    {
        var id = await (await As<OpportunityService>(_am1)).CreateAsync(new OpportunityDetails
        {
            SourceCode = "website", CustomerName = "机会公司 " + _tag, Probability = 30, Summary = "网关", ContactName = "王芳", ContactPhone = "13955556666",
        });
        foreach (var (user, canReveal) in new[] { (_am1, true), (_manager, true), (_admin, true), (_exec, false) })
        {
            var d = (await (await As<OpportunityService>(user)).GetAsync(id)).Value!;
            Assert.Equal(("139****6666", "王芳", canReveal), (d.ContactPhone, d.ContactName, d.CanRevealPhone));
        }
        Assert.Equal("13955556666", await (await As<RevealService>(_am1)).OpportunityPhoneAsync(id));
        var e = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<RevealService>(_exec)).OpportunityPhoneAsync(id));
        Assert.Equal("Privacy.RevealDenied", e.Code);
        Assert.Contains(await AuditAsync(_am1, AuditAction.Reveal), a => a.EntityType == nameof(Opportunity) && a.EntityId == id.ToString());
    }

    [Fact]
    public async Task Edit_WithTheMaskedFormsBack_KeepsTheStoredValues()
    {
        var d = (await (await As<CustomerService>(_am1)).GetAsync(_customer)).Value!;
        await (await As<CustomerEditService>(_am1)).EditAsync(_customer, d.Version, new CustomerDetails
        {
            Name = d.Name, RegionCode = d.RegionCode, IndustryCode = d.IndustryCode, Phone = d.Phone, Address = d.Address, BankAccount = d.BankAccount,
            TaxId = d.TaxId, LegalRepresentative = d.LegalRepresentative, Postcode = "200120",
        }, d.OwnerId);
        var contact = (await (await As<CustomerRecordsService>(_am1)).GetContactAsync(_customer, _contact))!;
        Assert.Equal("138****8888", contact.Details.Mobile);
        var version = (await (await As<CustomerService>(_am1)).GetAsync(_customer)).Value!.Version;
        await (await As<CustomerRecordsService>(_am1)).EditContactAsync(_customer, version, _contact, contact.Details with { Title = "经理" });

        await using var db = await fx.SystemDbAsync();
        var c = await db.Customers.Include(x => x.Contacts).SingleAsync(x => x.Id == _customer);
        Assert.Equal(("021-62345678", "上海市浦东新区世纪大道100号", "6222021001123456789", "200120"), (c.Phone, c.Address, c.BankAccount, c.Postcode));
        Assert.Equal(("13812348888", "contact@example.com", "经理"), (c.Contacts[0].Mobile, c.Contacts[0].Email, c.Contacts[0].Title));
    }

    [Fact]
    public async Task WithdrawConsent_OneClick_CancelsGreetings_LeavesTheCalendar_AndIsAudited()
    {
        var records = await As<CustomerRecordsService>(_am1);
        await records.GiveConsentAsync(_customer, _contact, "paper", "节日问候");
        await using (var db = await fx.SystemDbAsync())
        {
            var contact = await db.Contacts.SingleAsync(x => x.Id == _contact);
            Assert.Equal((true, "paper", "节日问候", _am1.Id), (contact.ConsentGiven, contact.ConsentChannel, contact.CollectionPurpose, contact.ConsentRecordedById));
            contact.Update(new ContactDetails { Name = contact.Name, Mobile = contact.Mobile, Birthday = new DateOnly(1985, 12, 10), IsPrimary = true });
            await db.SaveChangesAsync();
        }
        var (from, to) = (fx.Clock.Today, fx.Clock.Today.AddDays(45));
        var care = await As<CareService>(_am1);
        Assert.Contains((await care.CalendarAsync(from, to)).Entries, e => e.ContactId == _contact);
        await care.CreateTasksAsync(from, to);
        Assert.NotEmpty(await OpenCareTasksAsync());

        await records.WithdrawConsentAsync(_customer, _contact);

        Assert.Empty(await OpenCareTasksAsync());
        Assert.DoesNotContain((await care.CalendarAsync(from, to)).Entries, e => e.ContactId == _contact);
        await care.CreateTasksAsync(from, to);
        Assert.Empty(await OpenCareTasksAsync()); // planning again does not bring the greetings back
        var row = (await (await As<CustomerService>(_am1)).GetAsync(_customer)).Value!.Contacts.Single(x => x.Id == _contact);
        Assert.Equal((false, Contact.AppChannel, _am1.Id, "节日问候"), (row.ConsentGiven, row.ConsentChannel, row.ConsentRecordedById, row.CollectionPurpose));
        Assert.NotNull(row.ConsentChangedAt);
        await using (var db = await fx.SystemDbAsync())
        {
            var audit = await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(Contact) && a.EntityId == _contact.ToString() && a.UserId == _am1.Id).ToListAsync();
            Assert.Contains(audit, a => a.Changes!.Contains("ConsentGiven") && a.Changes.Contains("[true,false]"));
        }
    }

    [Fact]
    public async Task Consent_OnlyThoseWhoMayEditTheCustomer_AndOnlyKnownChannels()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CustomerRecordsService>(_service)).WithdrawConsentAsync(_customer, _contact));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CustomerRecordsService>(_exec)).GiveConsentAsync(_customer, _contact, "paper", "问候"));
        var other = await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<CustomerRecordsService>(_outsider)).GiveConsentAsync(_customer, _contact, "paper", "问候"));
        Assert.Equal("Customer.Denied", other.Code);
        var channel = await Assert.ThrowsAsync<DomainException>(async () => await (await As<CustomerRecordsService>(_am1)).GiveConsentAsync(_customer, _contact, "carrier-pigeon", "问候"));
        Assert.Equal("Consent.UnknownChannel", channel.Code);
        var purpose = await Assert.ThrowsAsync<DomainException>(async () => await (await As<CustomerRecordsService>(_manager)).GiveConsentAsync(_customer, _contact, "email", " "));
        Assert.Equal("Validation.Required", purpose.Code);
        await using var db = await fx.SystemDbAsync();
        Assert.False((await db.Contacts.SingleAsync(x => x.Id == _contact)).ConsentGiven);
    }

    private async Task<List<FollowUpTask>> OpenCareTasksAsync()
    {
        await using var db = await fx.SystemDbAsync();
        return await db.FollowUpTasks.AsNoTracking()
            .Where(t => t.CustomerId == _customer && t.Kind == FollowUpKind.Care && t.SourceId == _contact && t.Status == FollowUpStatus.Open).ToListAsync();
    }
}

public sealed class MaskingServiceTests_Sqlite(SqliteFixture fx) : MaskingServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class MaskingServiceTests_Postgres(PostgresFixture fx) : MaskingServiceTests(fx), IClassFixture<PostgresFixture>;
