using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Import;

/// <summary>
/// Customers with their contact. A new customer number creates the customer (owned by the importing
/// account manager, the <c>owner</c> given by a manager, or whoever the lead rules pick); a known
/// number updates it like a CRM re-import does — the non-empty fields of the row replace the stored
/// ones, the contact is matched by name (phone/e-mail updated, or added) — and a row equal to what is
/// stored counts as unchanged.
/// </summary>
internal sealed class CustomerImport(CustomerOwners owners) : ImportJob
{
    private sealed record Change(int Id, string Number, int Version, CustomerDetails Details, string? OwnerId, string? PreviousOwnerId, ContactDetails? Contact, string? ContactToUpdate);

    private readonly List<Customer> _new = [];
    private readonly List<Change> _changes = [];

    public override async Task PlanAsync(ImportContext ctx, CsvTable table, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var known = await ctx.CustomersAsync(table.Rows.Select(r => r.Get("customer_no")).OfType<string>(), ct);
        var existing = new Dictionary<int, Customer>();
        foreach (var chunk in known.Values.Where(k => k.Visible).Select(k => k.Id).Chunk(ImportContext.Chunk))
            foreach (var c in await ctx.Scoped.Customers.AsNoTracking().Include(c => c.Contacts).Where(c => chunk.Contains(c.Id)).ToListAsync(ct))
                existing[c.Id] = c;
        var erased = await ErasedKeysAsync(ctx, table, ct);
        var seen = new SeenKeys();
        var done = 0;
        foreach (var row in table.Rows)
        {
            try
            {
                ImportValues.EnsureAligned(row);
                var number = Check.Required(row.Get("customer_no"), "Number", 32);
                seen.Add(number, row.Line);
                var region = ctx.Code(DictionaryKind.Region, row.Get("region"), "Region");
                var industry = ctx.Code(DictionaryKind.Industry, row.Get("industry"), "Industry");
                var level = ctx.Code(DictionaryKind.CustomerLevel, row.Get("level"), "Level");
                var ownerId = row.Get("owner") is { } email ? ctx.UserIdByEmail(email) : null;
                if (ownerId is not null && !ctx.MayOwn(ownerId))
                    throw new AccessDeniedException("Import.OwnerNotAllowed", $"You may not make {row.Get("owner")} the owner.", row.Get("owner"));
                var created = ImportValues.DateTime(row, "created_at", "CreatedAt");
                if (created is { } at) ImportValues.NotFuture(at, ctx.Now, "CreatedAt", row.Get("created_at")!);
                var contact = ContactOf(row);
                if (RowKeys(number, contact).Any(erased.Contains))
                    throw new DomainException("Import.Erased", $"Customer {number}: this person was erased at their request (PIPL) and is not imported again.", number);

                if (known.TryGetValue(number, out var k))
                {
                    ImportContext.Resolve(known, number);
                    PlanUpdate(existing[k.Id], row.Get("name"), region, industry, level, ownerId, contact);
                }
                else
                {
                    var customer = Customer.Create(number, new CustomerDetails { Name = row.Get("name") ?? "", RegionCode = region, IndustryCode = industry, LevelCode = level },
                        ownerId, created ?? ctx.Now);
                    customer.AddContact(contact ?? throw new DomainException("Validation.Required", "ContactName is required.", "ContactName"));
                    if (ownerId is null) customer.AssignOwner(await owners.ForNewCustomerAsync(ctx, region, industry, ct));
                    _new.Add(customer);
                }
            }
            catch (DomainException e)
            {
                Reject(row, e);
            }
            Report(progress, ++done, table.Rows.Count);
        }
        Added = _new.Count;
        Updated = _changes.Count;
    }

    private void PlanUpdate(Customer c, string? name, string? region, string? industry, string? level, string? ownerId, ContactDetails? contact)
    {
        var details = new CustomerDetails
        {
            Name = name ?? c.Name, RegionCode = region ?? c.RegionCode, IndustryCode = industry ?? c.IndustryCode, LevelCode = level ?? c.LevelCode,
            Satisfaction = c.Satisfaction, Credit = c.Credit, Address = c.Address, Postcode = c.Postcode, Phone = c.Phone, Fax = c.Fax,
            Website = c.Website, LicenceNumber = c.LicenceNumber, LegalRepresentative = c.LegalRepresentative, RegisteredCapital = c.RegisteredCapital,
            AnnualTurnover = c.AnnualTurnover, Bank = c.Bank, BankAccount = c.BankAccount, TaxId = c.TaxId, ConsentToContact = c.ConsentToContact,
        };
        Check.Required(details.Name, "Name", 200);
        var masterChanged = details.Name != c.Name || details.RegionCode != c.RegionCode || details.IndustryCode != c.IndustryCode || details.LevelCode != c.LevelCode;
        var ownerChanged = ownerId is not null && ownerId != c.OwnerId;
        ContactDetails? contactChange = null;
        string? contactToUpdate = null;
        if (contact is not null)
        {
            var match = c.Contacts.FirstOrDefault(x => string.Equals(x.Name, contact.Name, StringComparison.OrdinalIgnoreCase));
            if (match is null) contactChange = contact;
            else
            {
                var merged = new ContactDetails
                {
                    Name = match.Name, Gender = match.Gender, Title = match.Title, Birthday = match.Birthday, Notes = match.Notes, IsPrimary = match.IsPrimary,
                    OfficePhone = contact.OfficePhone ?? match.OfficePhone, Mobile = contact.Mobile ?? match.Mobile, Email = contact.Email ?? match.Email,
                };
                if (merged.OfficePhone != match.OfficePhone || merged.Mobile != match.Mobile || merged.Email != match.Email)
                    (contactChange, contactToUpdate) = (merged, match.Name);
            }
        }
        if (!masterChanged && !ownerChanged && contactChange is null) { Unchanged++; return; }
        _changes.Add(new Change(c.Id, c.Number, c.Version, details, ownerChanged ? ownerId : null, ownerChanged ? c.OwnerId : null, contactChange, contactToUpdate));
    }

    /// <summary>The tombstone hashes among the file's natural keys (<see cref="NaturalKeys"/>), read in chunks.</summary>
    private static async Task<HashSet<string>> ErasedKeysAsync(ImportContext ctx, CsvTable table, CancellationToken ct)
    {
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (row.Get("customer_no") is not { } number) continue;
            ContactDetails? contact = null;
            try { contact = ContactOf(row); }
            catch (DomainException) { }
            candidates.UnionWith(RowKeys(number, contact));
        }
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in candidates.Chunk(ImportContext.Chunk))
            found.UnionWith(await ctx.System.ErasureTombstones.AsNoTracking().Where(t => chunk.Contains(t.KeyHash)).Select(t => t.KeyHash).ToListAsync(ct));
        return found;
    }

    private static IEnumerable<string> RowKeys(string number, ContactDetails? contact)
    {
        foreach (var k in NaturalKeys.OfCustomer(number, "", null, null)) yield return ErasureTombstone.Hash(ErasedKind.Customer, k);
        if (contact is null) yield break;
        foreach (var k in NaturalKeys.OfContact(number, contact.Name, contact.Mobile, contact.Email)) yield return ErasureTombstone.Hash(ErasedKind.Contact, k);
    }

    /// <summary>The row's contact, checked; a phone that looks like a mainland mobile number (11 digits, starting with 1) is the mobile, any other the office phone.</summary>
    private static ContactDetails? ContactOf(CsvRow row)
    {
        var (name, phone, email) = (row.Get("contact_name"), row.Get("phone"), row.Get("email"));
        if (name is null && phone is null && email is null) return null;
        Check.Required(name, "ContactName", 100);
        Check.Phone(phone, "Phone");
        Check.Email(email, "Email");
        var mobile = phone is { Length: 11 } && phone[0] == '1' && phone.All(char.IsAsciiDigit);
        return new ContactDetails { Name = name!, Mobile = mobile ? phone : null, OfficePhone = mobile ? null : phone, Email = email };
    }

    public override async Task<IReadOnlyCollection<AffectedCustomer>> WriteAsync(CrmDbContext db, BulkSession session, CancellationToken ct)
    {
        var affected = new List<AffectedCustomer>();
        if (_new.Count > 0)
        {
            var nextId = (await db.Customers.IgnoreQueryFilters().MaxAsync(c => (int?)c.Id, ct) ?? 0) + 1;
            var customers = session.Table<Customer>(db, "Id", "Number", "Name", "RegionCode", "IndustryCode", "LevelCode", "OwnerId",
                "ConsentToContact", "Status", "CreatedAt", "Stage", "StageEnteredAt", "StageReasons", "OrderCount", "TotalSpend", "Version");
            var contacts = session.Table<Contact>(db, "CustomerId", "Name", "Gender", "Title", "OfficePhone", "Mobile", "Email", "IsPrimary", "ConsentGiven", "Version");
            foreach (var c in _new)
            {
                var id = nextId++;
                customers.Add(id, c.Number, c.Name, c.RegionCode, c.IndustryCode, c.LevelCode, c.OwnerId, c.ConsentToContact, c.Status,
                    c.CreatedAt, c.Stage, c.StageEnteredAt, c.StageReasons, 0, 0m, 0);
                foreach (var p in c.Contacts)
                    contacts.Add(id, p.Name, p.Gender, p.Title, p.OfficePhone, p.Mobile, p.Email, p.IsPrimary, false, 0);
                affected.Add(new AffectedCustomer(id, c.OwnerId, null));
                if (session.PendingRows >= 20_000) await session.FlushAsync(ct);
            }
            await session.CompleteAsync(ct);
        }
        foreach (var chunk in _changes.Chunk(ImportContext.Chunk))
        {
            var ids = chunk.Select(c => c.Id).ToArray();
            var loaded = await db.Customers.Include(c => c.Contacts).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            foreach (var change in chunk)
            {
                var c = loaded[change.Id];
                // the row was merged with what was stored when the file was checked: if someone saved
                // the customer since, writing the merge would undo their change — refuse the file
                // (one transaction, nothing saved; importing it again merges with the new state)
                if (c.Version != change.Version)
                    throw new DomainException("Import.ChangedMeanwhile",
                        $"Customer {change.Number} was changed by someone else while the file was being checked; nothing was imported. Import the file again.", change.Number);
                c.Update(change.Details);
                if (change.OwnerId is not null) c.AssignOwner(change.OwnerId);
                if (change.ContactToUpdate is { } name) c.Contacts.First(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)).Update(change.Contact!);
                else if (change.Contact is not null) c.AddContact(change.Contact);
                affected.Add(new AffectedCustomer(c.Id, c.OwnerId, change.PreviousOwnerId));
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await owners.RecordAssignmentsAsync(db, ct);
        return affected;
    }
}
