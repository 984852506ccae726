using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Import;
using CrmBlazor.Data.Lookups;
using CrmBlazor.Data.Seeding;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Opportunities;

/// <summary>A lead as it arrives from a form, a CSV file or the HTTP endpoint.</summary>
public sealed record LeadInput
{
    public string? CustomerName { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? SourceCode { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public int? Probability { get; init; }
    public decimal? ExpectedAmount { get; init; }
    public string? RegionCode { get; init; }
    public string? IndustryCode { get; init; }
}

public sealed record LeadOutcome(int OpportunityId, string? OwnerId, string ReasonCode);

public sealed record RejectedRow(int Line, DomainException Reason);

public sealed record LeadImportReport(int Rows, int Created, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<string> UnknownColumns, bool NothingSaved);

public sealed record LeadRuleRow(int Id, int Order, LeadRuleKind Kind, string? MatchCode, IReadOnlyList<string> EligibleUserIds, bool IsActive, int Version);

/// <summary>
/// Lead intake (引流获客) and the shared pool (公海): leads from the form, CSV files and the HTTP
/// endpoint are created as opportunities and handed out by the distribution rules; unworked leads
/// go back to the pool after N days; account managers claim from the pool.
/// </summary>
public sealed class LeadService(CrmDbFactory dbFactory, IDbContextFactory<CrmDbContext> rawFactory, CrmEventHub events, UserDirectory users,
    DictionaryCache dictionary, TimeProvider clock)
{
    public const string PoolReturnDaysKey = "Leads.PoolReturnDays";
    public const string ApiKeyHashKey = "Leads.ApiKeyHash";
    public const int DefaultPoolReturnDays = 7;

    /// <summary>The CSV columns, with the Chinese headers also accepted.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> CsvColumns = new Dictionary<string, string[]>
    {
        ["customer_name"] = ["客户名称", "公司名称", "customer"],
        ["contact_name"] = ["联系人"],
        ["contact_phone"] = ["联系电话", "联系人电话", "phone"],
        ["source"] = ["机会来源", "来源"],
        ["summary"] = ["概要", "机会概要"],
        ["description"] = ["描述", "机会描述"],
        ["probability"] = ["成功几率", "成功率"],
        ["expected_amount"] = ["预计金额", "amount"],
        ["region"] = ["地区"],
        ["industry"] = ["行业"],
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A lead entered by a signed-in user, distributed by the rules.</summary>
    public async Task<LeadOutcome> SubmitAsync(LeadInput input, CancellationToken ct = default)
    {
        var scope = await dbFactory.GetScopeAsync(ct);
        scope.Require(Capability.CreateOpportunities);
        return await IntakeAsync(input, "form", scope.RequireUserId(), ct);
    }

    /// <summary>A lead from another system, through the HTTP endpoint (the caller checked the API key).</summary>
    public async Task<LeadOutcome> SubmitFromApiAsync(LeadInput input, CancellationToken ct = default) =>
        await IntakeAsync(input, "api", await IntakeUserIdAsync(ct), ct);

    /// <summary>
    /// Imports leads from CSV: every row validated, each rejected row reported with its line and
    /// reason; all valid rows are created — or none when <paramref name="allOrNothing"/> and a row failed.
    /// </summary>
    public async Task<LeadImportReport> ImportCsvAsync(Stream csv, bool allOrNothing, CancellationToken ct = default)
    {
        var scope = await dbFactory.GetScopeAsync(ct);
        scope.Require(Capability.ImportData);
        scope.Require(Capability.CreateOpportunities);
        var table = CsvReading.Read(csv, CsvColumns);
        var missing = new[] { "customer_name", "contact_name", "summary" }.Where(c => !table.Columns.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new DomainException("Import.MissingColumns", $"Missing columns: {string.Join(", ", missing)}.", string.Join(", ", missing));

        var rejected = new List<RejectedRow>();
        var valid = new List<(int Line, LeadInput Input)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var db = await rawFactory.CreateSystemContextAsync(ct))
        {
            foreach (var row in table.Rows)
            {
                try
                {
                    var input = FromRow(row);
                    var details = await ValidateAsync(input, ct);
                    var key = $"{details.CustomerName}|{details.ContactPhone}";
                    if (!seen.Add(key) || await db.Opportunities.AnyAsync(o => o.CustomerName == details.CustomerName && o.ContactPhone == details.ContactPhone
                            && (o.Status == OpportunityStatus.Unassigned || o.Status == OpportunityStatus.Assigned || o.Status == OpportunityStatus.Developing), ct))
                        throw new DomainException("Lead.Duplicate", "This lead is already open.", details.CustomerName);
                    valid.Add((row.Line, input));
                }
                catch (DomainException e)
                {
                    rejected.Add(new RejectedRow(row.Line, e));
                }
            }
        }
        if (allOrNothing && rejected.Count > 0)
        {
            await AuditImportAsync(scope, table.Rows.Count, 0, rejected.Count, ct);
            return new LeadImportReport(table.Rows.Count, 0, rejected, table.UnknownHeaders, NothingSaved: true);
        }
        foreach (var (_, input) in valid)
            await IntakeAsync(input, "import", scope.RequireUserId(), ct);
        await AuditImportAsync(scope, table.Rows.Count, valid.Count, rejected.Count, ct);
        return new LeadImportReport(table.Rows.Count, valid.Count, rejected, table.UnknownHeaders, NothingSaved: valid.Count == 0);
    }

    /// <summary>One summary entry per file beside the created leads' own entries.</summary>
    private async Task AuditImportAsync(AccessScope scope, int rows, int added, int rejected, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(scope, ct);
        db.AuditEntries.Add(new Domain.Audit.AuditEntry(db.Clock.GetUtcNow().UtcDateTime, scope.UserId, scope.UserName, Domain.Audit.AuditAction.Import,
            "Leads", null, System.Text.Json.JsonSerializer.Serialize(new { rows, added, rejected }), db.ClientAddress));
        await db.SaveChangesAsync(ct);
    }

    private static LeadInput FromRow(CsvRow row)
    {
        int? probability = null;
        if (row.Get("probability") is { } p)
            probability = int.TryParse(p.TrimEnd('%'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v : throw new DomainException("Import.NotANumber", $"'{p}' is not a whole number.", "Probability", p);
        decimal? amount = null;
        if (row.Get("expected_amount") is { } a)
            amount = decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
                ? d : throw new DomainException("Import.NotANumber", $"'{a}' is not a number.", "ExpectedAmount", a);
        return new LeadInput
        {
            CustomerName = row.Get("customer_name"), ContactName = row.Get("contact_name"), ContactPhone = row.Get("contact_phone"),
            SourceCode = row.Get("source"), Summary = row.Get("summary"), Description = row.Get("description"),
            Probability = probability, ExpectedAmount = amount, RegionCode = row.Get("region"), IndustryCode = row.Get("industry"),
        };
    }

    /// <summary>Checks a lead (fields through the domain, codes against the data dictionary) without saving it.</summary>
    private async Task<OpportunityDetails> ValidateAsync(LeadInput input, CancellationToken ct)
    {
        var details = new OpportunityDetails
        {
            SourceCode = await CodeAsync(DictionaryKind.OpportunitySource, input.SourceCode ?? "webform", "Source", ct) ?? "webform",
            CustomerName = input.CustomerName ?? "",
            ContactName = input.ContactName ?? "",
            ContactPhone = input.ContactPhone,
            Summary = input.Summary ?? "",
            Description = input.Description,
            Probability = input.Probability ?? 10,
            ExpectedAmount = input.ExpectedAmount,
            RegionCode = await CodeAsync(DictionaryKind.Region, input.RegionCode, "Region", ct),
            IndustryCode = await CodeAsync(DictionaryKind.Industry, input.IndustryCode, "Industry", ct),
        };
        Opportunity.Create(details, "validation", Now); // the domain's rules, in memory
        return details;
    }

    /// <summary>A dictionary code given as its code or either label; unknown or inactive values are refused.</summary>
    private async Task<string?> CodeAsync(DictionaryKind kind, string? value, string field, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        var entry = (await dictionary.ListAsync(kind, activeOnly: true, ct)).FirstOrDefault(e =>
            string.Equals(e.Code, v, StringComparison.OrdinalIgnoreCase) || e.LabelZh == v || string.Equals(e.LabelEn, v, StringComparison.OrdinalIgnoreCase));
        return entry?.Code ?? throw new DomainException("Lead.UnknownCode", $"'{v}' is not a known {field}.", field, v);
    }

    private async Task<LeadOutcome> IntakeAsync(LeadInput input, string channel, string createdById, CancellationToken ct)
    {
        var details = await ValidateAsync(input, ct);
        await using var db = await rawFactory.CreateSystemContextAsync(ct);
        var rules = await db.LeadDistributionRules.Where(r => r.IsActive).ToListAsync(ct);
        var decision = LeadDistributor.Decide(details.RegionCode, details.IndustryCode,
            rules.Select(r => new LeadRuleView(r.Id, r.Order, r.Kind, r.MatchCode, Split(r.EligibleUserIds), r.LastAssignedUserId)),
            await CandidatesAsync(db, ct));
        var opportunity = Opportunity.Create(details, createdById, Now, channel);
        if (decision.OwnerId is { } owner)
        {
            opportunity.AssignTo(owner, createdById, Now);
            rules.FirstOrDefault(r => r.Id == decision.RuleId)?.RecordAssignment(owner);
        }
        else
        {
            opportunity.ReturnToPool(Now, createdById);
        }
        db.Opportunities.Add(opportunity);
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new OpportunityChanged(opportunity.Id, decision.ToPool ? OpportunityChange.Created : OpportunityChange.Assigned,
            OpportunityRow.Of(opportunity), null, createdById, Now));
        return new LeadOutcome(opportunity.Id, decision.OwnerId, decision.ReasonCode);
    }

    private async Task<IReadOnlyList<LeadCandidate>> CandidatesAsync(CrmDbContext db, CancellationToken ct)
    {
        var managers = (await users.GetAsync(ct)).InRole(Roles.AccountManager).ToArray();
        var loads = await db.Opportunities.Where(o => o.AssignedToId != null && (o.Status == OpportunityStatus.Assigned || o.Status == OpportunityStatus.Developing))
            .GroupBy(o => o.AssignedToId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return managers.Select(m => new LeadCandidate(m.Id, m.Regions, m.Industries, loads.GetValueOrDefault(m.Id))).ToArray();
    }

    /// <summary>
    /// Returns leads nobody worked on (no plan step, no activity) for the configured number of
    /// days to the pool. Run by the hourly job; returns how many went back.
    /// </summary>
    public async Task<int> ReturnStaleLeadsAsync(CancellationToken ct = default)
    {
        const int batch = 1_000;
        var total = 0;
        while (true)
        {
            await using var db = await rawFactory.CreateSystemContextAsync(ct);
            var days = await PoolReturnDaysAsync(db, ct);
            var cutoff = Now.AddDays(-days);
            var stale = await db.Opportunities.Include(o => o.PlanSteps)
                .Where(o => o.Status == OpportunityStatus.Assigned && o.LastWorkedAt < cutoff && !o.PlanSteps.Any())
                .OrderBy(o => o.Id).Take(batch).ToListAsync(ct);
            var previous = stale.ToDictionary(o => o.Id, o => OpportunityRow.Of(o));
            foreach (var o in stale) o.ReturnToPool(Now);
            await db.SaveChangesAsync(ct);
            foreach (var o in stale)
                await events.PublishAsync(new OpportunityChanged(o.Id, OpportunityChange.ReturnedToPool, OpportunityRow.Of(o), previous[o.Id].AssignedToId, null, Now)
                {
                    Previous = previous[o.Id],
                });
            total += stale.Count;
            if (stale.Count < batch) return total;
        }
    }

    public async Task<IReadOnlyList<LeadRuleRow>> ListRulesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.AssignOpportunities);
        var rules = await db.LeadDistributionRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        return rules.Select(r => new LeadRuleRow(r.Id, r.Order, r.Kind, r.MatchCode, Split(r.EligibleUserIds), r.IsActive, r.Version)).ToArray();
    }

    public async Task<int> AddRuleAsync(LeadRuleKind kind, string? matchCode, IReadOnlyList<string> eligibleUserIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.AssignOpportunities);
        if (kind == LeadRuleKind.Region) await CodeAsync(DictionaryKind.Region, matchCode, "Region", ct);
        if (kind == LeadRuleKind.Industry) await CodeAsync(DictionaryKind.Industry, matchCode, "Industry", ct);
        var order = (await db.LeadDistributionRules.MaxAsync(r => (int?)r.Order, ct) ?? 0) + 10;
        var rule = LeadDistributionRule.Create(order, kind, matchCode, eligibleUserIds.Count == 0 ? null : eligibleUserIds);
        db.LeadDistributionRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return rule.Id;
    }

    public Task SetRuleActiveAsync(int id, bool active, CancellationToken ct = default) =>
        ChangeRuleAsync(id, (_, r) => r.SetActive(active), ct);

    /// <summary>Moves a rule one place up (earlier) or down in the order the rules are tried.</summary>
    public Task MoveRuleAsync(int id, bool up, CancellationToken ct = default) =>
        ChangeRuleAsync(id, (all, r) =>
        {
            var ordered = all.OrderBy(x => x.Order).ThenBy(x => x.Id).ToList();
            var i = ordered.IndexOf(r);
            var j = up ? i - 1 : i + 1;
            if (j < 0 || j >= ordered.Count) return;
            (ordered[i], ordered[j]) = (ordered[j], ordered[i]);
            for (var k = 0; k < ordered.Count; k++) ordered[k].Reorder((k + 1) * 10);
        }, ct);

    public async Task DeleteRuleAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.AssignOpportunities);
        await db.LeadDistributionRules.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
    }

    private async Task ChangeRuleAsync(int id, Action<List<LeadDistributionRule>, LeadDistributionRule> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.AssignOpportunities);
        var all = await db.LeadDistributionRules.ToListAsync(ct);
        var rule = all.FirstOrDefault(r => r.Id == id) ?? throw new DomainException("Record.NotFound", "The rule no longer exists.");
        change(all, rule);
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> GetPoolReturnDaysAsync(CancellationToken ct = default)
    {
        (await dbFactory.GetScopeAsync(ct)).Require(Capability.AssignOpportunities);
        await using var db = await rawFactory.CreateSystemContextAsync(ct);
        return await PoolReturnDaysAsync(db, ct);
    }

    public async Task SetPoolReturnDaysAsync(int days, CancellationToken ct = default)
    {
        Check.Range(days, "PoolReturnDays", 1, 365);
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.AssignOpportunities);
        await SetSettingAsync(db, PoolReturnDaysKey, days.ToString(CultureInfo.InvariantCulture), ct);
    }

    /// <summary>Makes a new API key for the lead endpoint (admins only); the key is shown once, only its hash is kept.</summary>
    public async Task<string> RegenerateApiKeyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ManageSettings);
        var key = "crm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        await SetSettingAsync(db, ApiKeyHashKey, Hash(key), ct);
        return key;
    }

    public async Task<bool> IsValidApiKeyAsync(string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(key)) return false;
        await using var db = await rawFactory.CreateSystemContextAsync(ct);
        var stored = await db.Settings.Where(s => s.Key == ApiKeyHashKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return stored is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(Hash(key.Trim())));
    }

    public async Task<bool> HasApiKeyAsync(CancellationToken ct = default)
    {
        (await dbFactory.GetScopeAsync(ct)).Require(Capability.AssignOpportunities);
        await using var db = await rawFactory.CreateSystemContextAsync(ct);
        return await db.Settings.AnyAsync(s => s.Key == ApiKeyHashKey && s.Value != "", ct);
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private async Task SetSettingAsync(CrmDbContext db, string key, string value, CancellationToken ct)
    {
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (setting is null) db.Settings.Add(new Domain.BasicData.Setting(key, value, Now));
        else setting.Change(value, db.Scope.UserId, Now);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<int> PoolReturnDaysAsync(CrmDbContext db, CancellationToken ct)
    {
        var value = await db.Settings.Where(s => s.Key == PoolReturnDaysKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days > 0 ? days : DefaultPoolReturnDays;
    }

    private async Task<string> IntakeUserIdAsync(CancellationToken ct)
    {
        await using var db = await rawFactory.CreateSystemContextAsync(ct);
        return await db.Users.Where(u => u.UserName == ReferenceDataSeeder.LeadIntakeUserName).Select(u => u.Id).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("The lead-intake account is missing; run migrate.");
    }

    private static IReadOnlyList<string> Split(string? ids) =>
        string.IsNullOrWhiteSpace(ids) ? [] : ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
