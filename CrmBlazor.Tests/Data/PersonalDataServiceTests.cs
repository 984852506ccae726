using System.Text;
using System.Text.Json;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Import;
using CrmBlazor.Data.Privacy;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Domain.Privacy;
using CrmBlazor.Domain.Service;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Tests.Data;

/// <summary>PIPL art. 45/47: exporting everything held about a person, and erasing them — idempotent, business records kept but de-identified, re-import refused.</summary>
public abstract class PersonalDataServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _admin = null!, _manager = null!, _am = null!;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _admin = await fx.AddUserAsync(Roles.Admin);
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Privacy " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am = await fx.AddUserAsync(Roles.AccountManager, team);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed record Seeded(int CustomerId, string Number, int ContactId, int OtherContactId, int OrderId, int TicketId, int OpportunityId, string Mobile, string OtherMobile);

    /// <summary>A customer with two contacts, an interaction, an order with a line, a ticket naming the contact, a linked opportunity, a follow-up, stage history and a tag.</summary>
    private async Task<Seeded> SeedAsync()
    {
        var mobile = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var otherMobile = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        await using var db = await fx.SystemDbAsync();
        var number = "P" + Guid.NewGuid().ToString("N")[..10];
        var customer = Customer.Create(number, new CustomerDetails { Name = "杭州隐私测试有限公司 " + number, Phone = "0571-88776655", Address = "杭州市西湖区文三路 1 号", TaxId = "91330100MA2TEST" + number[..3] }, _am.Id, fx.Clock.UtcNow);
        var contact = customer.AddContact(new ContactDetails { Name = "欧阳娜娜", Mobile = mobile, Email = $"ouyang{number}@example.cn", Birthday = new DateOnly(1990, 5, 1), IsPrimary = true });
        var other = customer.AddContact(new ContactDetails { Name = "司马光", Mobile = otherMobile });
        contact.RecordConsent(true, "form", "marketing", _am.Id, fx.Clock.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();

        var order = Order.Create("PO-" + number, customer.Id, fx.Clock.Today.AddDays(-20), 1200m, fx.Clock.UtcNow);
        order.AddLine("P-1", 2, 600m);
        db.Orders.Add(order);
        customer.RecordOrder(order.OrderDate, order.Amount);
        var ticket = ServiceTicket.Create("complaint", TicketPriority.High, "欧阳娜娜投诉送货延迟", customer.Id, $"客户欧阳娜娜来电（{mobile}）反映送货延迟", _am.Id, fx.Clock.UtcNow);
        db.Tickets.Add(ticket);
        db.Interactions.Add(Interaction.Create(customer.Id, fx.Clock.Today.AddDays(-3), "杭州", "拜访欧阳娜娜", "与欧阳娜娜讨论续约", null, _am.Id, fx.Clock.UtcNow));
        db.FollowUpTasks.Add(FollowUpTask.Create(customer.Id, _am.Id, FollowUpKind.FollowUp, LifecycleStage.New, "回访欧阳娜娜", fx.Clock.Today.AddDays(3), fx.Clock.UtcNow));
        db.StageHistory.Add(new StageHistoryEntry(customer.Id, LifecycleStage.Prospect, LifecycleStage.New, fx.Clock.UtcNow, StageReason.Serialize([StageReason.Of("New.FirstOrder", 0)])));
        db.CustomerTags.Add(new CustomerTag(customer.Id, "vip"));
        var opportunity = Opportunity.Create(new OpportunityDetails
        {
            SourceCode = "webform", CustomerName = customer.Name, Summary = "续约", ContactName = "欧阳娜娜", ContactPhone = mobile, Description = "欧阳娜娜希望年底前签约",
        }, _am.Id, fx.Clock.UtcNow);
        db.Opportunities.Add(opportunity);
        await db.SaveChangesAsync();
        db.Entry(opportunity).Property(nameof(Opportunity.CustomerId)).CurrentValue = customer.Id;
        await db.SaveChangesAsync();
        return new Seeded(customer.Id, number, contact.Id, other.Id, order.Id, ticket.Id, opportunity.Id, mobile, otherMobile);
    }

    private Task<ImportReport> ImportAsync(params string[] lines) => fx.As<ImportService>(AccessScope.System)
        .ImportAsync(ImportKind.Customers, new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")), new ImportOptions(false));

    private T AsAdmin<T>() where T : notnull => fx.As<T>(_admin.Scope());

    [Fact]
    public async Task ExportCustomer_SeededCustomer_EverySectionPresent_WithItsRecords_AndAudited()
    {
        var s = await SeedAsync();
        var export = await AsAdmin<PersonalDataExportService>().ExportCustomerAsync(s.CustomerId, "json");

        string[] expected = ["customer", "contacts", "consent", "interactions", "orders", "order_lines", "tickets", "ticket_history", "opportunities",
            "follow_ups", "stage_history", "churn_cases", "tags", "value_score"];
        Assert.Equal(expected, export.Sections.Select(x => x.Name));
        int Count(string name) => export.Sections.Single(x => x.Name == name).Records.Count;
        Assert.Equal(2, Count("contacts"));
        Assert.Equal(2, Count("consent"));
        foreach (var name in new[] { "customer", "interactions", "orders", "order_lines", "tickets", "opportunities", "follow_ups", "stage_history", "tags" })
            Assert.Equal(1, Count(name));
        Assert.Equal(s.Mobile, export.Sections.Single(x => x.Name == "contacts").Records.Select(r => r["Mobile"]).OfType<string>().First(m => m == s.Mobile));

        using var json = JsonDocument.Parse(export.ToJson());
        Assert.All(expected, name => Assert.True(json.RootElement.TryGetProperty(name, out _), name));
        Assert.Equal("欧阳娜娜", json.RootElement.GetProperty("contacts").EnumerateArray().First(c => c.GetProperty("Id").GetInt32() == s.ContactId).GetProperty("Name").GetString());

        var csv = export.ToCsv();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        Assert.StartsWith("section,record,field,value\r\n", text);
        Assert.Contains("tickets,1,Request,", text);
        Assert.Contains("order_lines,1,ProductCode,P-1", text);

        await using var db = await fx.SystemDbAsync();
        var audit = await db.AuditEntries.Where(a => a.Action == AuditAction.Export && a.EntityType == nameof(Customer) && a.EntityId == s.CustomerId.ToString()).SingleAsync();
        Assert.Equal(_admin.Id, audit.UserId);
        Assert.DoesNotContain("欧阳", audit.Changes);
    }

    [Fact]
    public async Task ExportContact_HasTheContact_Consent_AndOnlyRecordsMentioningThem()
    {
        var s = await SeedAsync();
        var export = await AsAdmin<PersonalDataExportService>().ExportContactAsync(s.ContactId, "csv");
        Assert.Equal(["contact", "consent", "customer", "interactions", "tickets", "opportunities", "follow_ups"], export.Sections.Select(x => x.Name));
        Assert.True(Assert.Single(export.Sections.Single(x => x.Name == "consent").Records)["ConsentGiven"] is true);
        Assert.Single(export.Sections.Single(x => x.Name == "tickets").Records);

        var other = await AsAdmin<PersonalDataExportService>().ExportContactAsync(s.OtherContactId, "csv");
        Assert.Empty(other.Sections.Single(x => x.Name == "tickets").Records);
    }

    [Fact]
    public async Task ExportAndErase_ByManagerOrAccountManager_Refused()
    {
        var s = await SeedAsync();
        foreach (var scope in new[] { _manager.Scope([_am.Id]), _am.Scope() })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => fx.As<PersonalDataExportService>(scope).ExportCustomerAsync(s.CustomerId, "json"));
            await Assert.ThrowsAsync<AccessDeniedException>(() => fx.As<ErasureService>(scope).EraseContactAsync(s.ContactId));
            await Assert.ThrowsAsync<AccessDeniedException>(() => fx.As<ErasureService>(scope).EraseCustomerAsync(s.CustomerId));
        }
        await using var db = await fx.SystemDbAsync();
        Assert.Null((await db.Contacts.SingleAsync(c => c.Id == s.ContactId)).ErasedAt);
    }

    [Fact]
    public async Task EraseContact_AnonymisesThePerson_KeepsBusinessRecordsDeidentified_TombstoneAndAuditWritten()
    {
        var s = await SeedAsync();
        var result = await AsAdmin<ErasureService>().EraseContactAsync(s.ContactId);
        Assert.False(result.AlreadyErased);
        Assert.Equal(ErasedNames.Contact(s.ContactId), result.Placeholder);
        Assert.True(result.RecordsDeidentified >= 4);

        await using var db = await fx.SystemDbAsync();
        var contact = await db.Contacts.SingleAsync(c => c.Id == s.ContactId);
        Assert.Equal(ErasedNames.Contact(s.ContactId), contact.Name);
        Assert.Null(contact.Mobile);
        Assert.Null(contact.Email);
        Assert.Null(contact.Birthday);
        Assert.False(contact.ConsentGiven);
        Assert.NotNull(contact.ErasedAt);
        Assert.Equal("司马光", (await db.Contacts.SingleAsync(c => c.Id == s.OtherContactId)).Name);

        // business records stay, without the person's name or phone
        Assert.Equal(1200m, (await db.Orders.SingleAsync(o => o.Id == s.OrderId)).Amount);
        var ticket = await db.Tickets.SingleAsync(t => t.Id == s.TicketId);
        Assert.DoesNotContain("欧阳娜娜", ticket.Summary + ticket.Request);
        Assert.DoesNotContain(s.Mobile, ticket.Request);
        Assert.Contains(ErasedNames.Contact(s.ContactId), ticket.Request);
        var opportunity = await db.Opportunities.SingleAsync(o => o.Id == s.OpportunityId);
        Assert.Equal(ErasedNames.Contact(s.ContactId), opportunity.ContactName);
        Assert.Null(opportunity.ContactPhone);
        Assert.DoesNotContain("欧阳娜娜", opportunity.Description);
        Assert.DoesNotContain("欧阳娜娜", (await db.Interactions.SingleAsync(i => i.CustomerId == s.CustomerId)).Details);
        Assert.DoesNotContain("欧阳娜娜", (await db.FollowUpTasks.SingleAsync(t => t.CustomerId == s.CustomerId)).Title);
        Assert.Equal(1, await db.StageHistory.CountAsync(h => h.CustomerId == s.CustomerId));

        Assert.True(await db.ErasureTombstones.AnyAsync(t => t.KeyHash == ErasureTombstone.Hash(ErasedKind.Contact, "mobile:" + s.Mobile)));
        var erase = await db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Erase && a.EntityType == "Contact" && a.EntityId == s.ContactId.ToString());
        Assert.Equal(_admin.Id, erase.UserId);
        Assert.DoesNotContain("欧阳", erase.Changes);
        Assert.DoesNotContain(s.Mobile, erase.Changes);
        // the erasure's rewrites are not copied into the trail row by row (that would keep the erased text)
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == "ServiceTicket" && a.EntityId == s.TicketId.ToString() && a.Action == AuditAction.Update));
    }

    [Fact]
    public async Task EraseContact_Twice_SecondReportsAlreadyErased_AndChangesNothing()
    {
        var s = await SeedAsync();
        await AsAdmin<ErasureService>().EraseContactAsync(s.ContactId);
        var again = await AsAdmin<ErasureService>().EraseContactAsync(s.ContactId);
        Assert.True(again.AlreadyErased);
        Assert.Equal(0, again.RecordsDeidentified);
        await using var db = await fx.SystemDbAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Erase && a.EntityType == "Contact" && a.EntityId == s.ContactId.ToString()));
    }

    [Fact]
    public async Task EraseCustomer_AnonymisesCustomerAndContacts_LeavesNameSearch_KeepsOrders()
    {
        var s = await SeedAsync();
        string oldName;
        await using (var db = await fx.SystemDbAsync()) oldName = (await db.Customers.SingleAsync(c => c.Id == s.CustomerId)).Name;
        Assert.Equal(1, (await AsAdmin<CustomerService>().ListAsync(new CustomerQuery { Text = oldName })).Total);

        var result = await AsAdmin<ErasureService>().EraseCustomerAsync(s.CustomerId);
        Assert.False(result.AlreadyErased);
        Assert.True((await AsAdmin<ErasureService>().EraseCustomerAsync(s.CustomerId)).AlreadyErased);

        await using var read = await fx.SystemDbAsync();
        var c = await read.Customers.Include(x => x.Contacts).SingleAsync(x => x.Id == s.CustomerId);
        Assert.Equal(ErasedNames.Customer(s.CustomerId), c.Name);
        Assert.Null(c.Phone);
        Assert.Null(c.Address);
        Assert.Null(c.TaxId);
        Assert.Equal(s.Number, c.Number);
        Assert.All(c.Contacts, x => Assert.NotNull(x.ErasedAt));
        Assert.Equal(1, c.OrderCount);
        Assert.Equal(1, await read.Orders.CountAsync(o => o.CustomerId == s.CustomerId));
        Assert.Equal(ErasedNames.Customer(s.CustomerId), (await read.Opportunities.SingleAsync(o => o.Id == s.OpportunityId)).CustomerName);
        // the name search index follows the name (kept by triggers on SQLite, the column's index on PostgreSQL)
        Assert.Equal(0, (await AsAdmin<CustomerService>().ListAsync(new CustomerQuery { Text = oldName })).Total);
        await Assert.ThrowsAsync<DomainException>(() => AsAdmin<CustomerEditService>().EditAsync(s.CustomerId, c.Version, new CustomerDetails { Name = oldName }, null));
    }

    [Fact]
    public async Task Reimport_OfAnErasedContactOrCustomer_IsRefusedRowByRow_WithTheReason()
    {
        var s = await SeedAsync();
        var t = await SeedAsync();
        await AsAdmin<ErasureService>().EraseContactAsync(s.ContactId);
        await AsAdmin<ErasureService>().EraseCustomerAsync(t.CustomerId);
        var fresh = "N" + Guid.NewGuid().ToString("N")[..10];
        var report = await ImportAsync(
            "customer_no,name,contact_name,phone,email",
            $"{s.Number},杭州隐私测试有限公司,欧阳娜娜,{s.Mobile},",
            $"{fresh},新公司,某人,{s.Mobile},",
            $"{t.Number},杭州隐私测试有限公司,新联系人,,");
        Assert.Equal([(2, "Import.Erased"), (3, "Import.Erased"), (4, "Import.Erased")], report.Rejected.Select(r => (r.Line, r.Reason.Code)));
        Assert.Equal(0, report.Added);
        // named without a phone: the customer number and the name are the key
        Assert.Equal([(2, "Import.Erased")], (await ImportAsync("customer_no,name,contact_name", $"{s.Number},,欧阳娜娜")).Rejected.Select(r => (r.Line, r.Reason.Code)));
        // the customer's other, not erased contact imports as before
        Assert.Empty((await ImportAsync("customer_no,name,contact_name,phone", $"{s.Number},,司马光,{s.OtherMobile}")).Rejected);

        await using var db = await fx.SystemDbAsync();
        Assert.Equal(ErasedNames.Contact(s.ContactId), (await db.Contacts.SingleAsync(c => c.Id == s.ContactId)).Name);
        Assert.False(await db.Contacts.AnyAsync(c => c.CustomerId == s.CustomerId && c.Name == "欧阳娜娜"));
        Assert.Equal(ErasedNames.Customer(t.CustomerId), (await db.Customers.SingleAsync(c => c.Id == t.CustomerId)).Name);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Import && a.EntityType == "Customers"));
    }
}

public sealed class PersonalDataServiceTests_Sqlite(SqliteFixture fx) : PersonalDataServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class PersonalDataServiceTests_Postgres(PostgresFixture fx) : PersonalDataServiceTests(fx), IClassFixture<PostgresFixture>;
