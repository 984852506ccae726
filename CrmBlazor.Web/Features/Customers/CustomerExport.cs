using System.Globalization;
using CrmBlazor.Data;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Audit;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Value;
using CrmBlazor.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Web.Features.Customers;

/// <summary>
/// CSV export of the filtered customer list (GET /customers/export.csv with the list's filters as
/// query parameters). The rows stream from the database to the response, so the size of the list
/// does not matter; the caller's record access applies; the export is audited (PIPL).
/// </summary>
public static class CustomerExport
{
    public static void MapCustomerExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/customers/export.csv", ExportAsync).RequireAuthorization(Security.Policies.Customers);

    /// <summary>The list's filters as query parameters (the page builds the link with <see cref="ToQueryString"/>).</summary>
    public static string ToQueryString(CustomerQuery q)
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("text", q.Text?.Trim());
        Add("stage", q.Stage?.ToCode());
        Add("owner", q.OwnerId);
        Add("region", q.RegionCode);
        Add("industry", q.IndustryCode);
        Add("level", q.LevelCode);
        Add("tag", q.TagCode);
        Add("from", q.LastOrderFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", q.LastOrderTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("segment", q.RfmSegment?.ToString());
        Add("tier", q.ValueTier?.ToString());
        Add("risk", q.ChurnRisk?.ToString());
        Add("clvFrom", q.ClvFrom?.ToString(CultureInfo.InvariantCulture));
        Add("clvTo", q.ClvTo?.ToString(CultureInfo.InvariantCulture));
        Add("credit", q.Credit?.ToString(CultureInfo.InvariantCulture));
        Add("satisfaction", q.Satisfaction?.ToString(CultureInfo.InvariantCulture));
        Add("consent", q.WithConsent is { } consent ? (consent ? "1" : "0") : null);
        Add("revenueYear", q.RevenueYear?.ToString(CultureInfo.InvariantCulture));
        if (q.RevenueYear is not null && (q.RevenueMinBin is not null || q.RevenueMaxBin is not null))
            Add("revenueBins", $"{q.RevenueMinBin?.ToString(CultureInfo.InvariantCulture)}..{q.RevenueMaxBin?.ToString(CultureInfo.InvariantCulture)}");
        Add("churnWarning", q.ChurnWarning?.ToString());
        Add("warnedFrom", Day(q.WarnedFrom));
        Add("warnedTo", Day(q.WarnedTo));
        Add("churnReason", q.ChurnReason);
        Add("churnedFrom", Day(q.ChurnedFrom));
        Add("churnedTo", Day(q.ChurnedTo));
        Add("movedFrom", q.MovedFromNone ? "none" : q.MovedFrom?.ToCode());
        Add("movedTo", q.MovedTo?.ToCode());
        Add("movedSince", Day(q.MovedSince));
        Add("movedUntil", Day(q.MovedUntil));
        Add("inStage", q.InStageOn is null ? null : q.InStage?.ToCode());
        Add("inStageOn", q.InStage is null ? null : Day(q.InStageOn));
        Add("sort", q.SortBy);
        if (q.Descending) Add("desc", "1");
        return string.Join('&', parts);
    }

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads the filters back; null with a reason when a value is malformed.</summary>
    public static CustomerQuery? FromQuery(IQueryCollection query, out string? error)
    {
        error = null;
        LifecycleStage? stage = null;
        if (query["stage"].ToString() is { Length: > 0 } s)
        {
            if (!LifecycleStages.TryParse(s, out var parsed)) { error = $"stage: '{s}'"; return null; }
            stage = parsed;
        }
        DateOnly? Date(string name, ref string? err)
        {
            var text = query[name].ToString();
            if (text.Length == 0) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            err = $"{name}: '{text}'";
            return null;
        }
        var from = Date("from", ref error);
        var to = Date("to", ref error);
        var segment = Named<RfmSegment>("segment", ref error);
        var tier = Named<ValueTier>("tier", ref error);
        var risk = Named<ChurnRiskLevel>("risk", ref error);
        var clvFrom = Amount("clvFrom", ref error);
        var clvTo = Amount("clvTo", ref error);
        decimal? Amount(string name, ref string? err)
        {
            var text = query[name].ToString();
            if (text.Length == 0) return null;
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v <= 1_000_000_000_000m) return v;
            err ??= $"{name}: '{text}'";
            return null;
        }
        var warnedFrom = Date("warnedFrom", ref error);
        var warnedTo = Date("warnedTo", ref error);
        var churnedFrom = Date("churnedFrom", ref error);
        var churnedTo = Date("churnedTo", ref error);
        var movedSince = Date("movedSince", ref error);
        var movedUntil = Date("movedUntil", ref error);
        var inStageOn = Date("inStageOn", ref error);
        int? Int(string name, int min, int max, ref string? err)
        {
            var text = query[name].ToString();
            if (text.Length == 0) return null;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
            err = $"{name}: '{text}'";
            return null;
        }
        var credit = Int("credit", 1, 5, ref error);
        var satisfaction = Int("satisfaction", 1, 5, ref error);
        var revenueYear = Int("revenueYear", 1900, 9999, ref error);
        int? minBin = null, maxBin = null;
        if (query["revenueBins"].ToString() is { Length: > 0 } bins)
        {
            var range = bins.Split("..");
            bool Bin(string t, out int? v) { v = null; if (t.Length == 0) return true; if (!int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b)) return false; v = b; return true; }
            if (range.Length != 2 || !Bin(range[0], out minBin) || !Bin(range[1], out maxBin)) error = $"revenueBins: '{bins}'";
        }
        ChurnCaseStatus? warning = null;
        if (query["churnWarning"].ToString() is { Length: > 0 } w)
        {
            if (Enum.TryParse<ChurnCaseStatus>(w, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) warning = parsed;
            else error = $"churnWarning: '{w}'";
        }
        LifecycleStage? StageParam(string name, ref string? err)
        {
            var text = query[name].ToString();
            if (text.Length == 0 || text == "none") return null;
            if (LifecycleStages.TryParse(text, out var parsed)) return parsed;
            err = $"{name}: '{text}'";
            return null;
        }
        bool? withConsent = query["consent"].ToString() switch
        {
            "" => null,
            "1" => true,
            "0" => false,
            var c => Fail(ref error, $"consent: '{c}'"),
        };
        static bool? Fail(ref string? err, string message) { err ??= message; return null; }
        var movedFrom = StageParam("movedFrom", ref error);
        var movedTo = StageParam("movedTo", ref error);
        var inStage = StageParam("inStage", ref error);
        if (inStage is not null && query["inStageOn"].ToString().Length == 0) error ??= "inStageOn: ''";
        if (error is not null) return null;
        T? Named<T>(string name, ref string? err) where T : struct, Enum
        {
            var text = query[name].ToString();
            if (text.Length == 0) return null;
            if (Enum.TryParse<T>(text, ignoreCase: true, out var v) && Enum.IsDefined(v) && !text.Any(char.IsAsciiDigit)) return v;
            err ??= $"{name}: '{text}'";
            return null;
        }
        static string? Opt(string v) => string.IsNullOrWhiteSpace(v) ? null : v;
        return new CustomerQuery
        {
            Text = Opt(query["text"].ToString()), Stage = stage, OwnerId = Opt(query["owner"].ToString()), RegionCode = Opt(query["region"].ToString()),
            IndustryCode = Opt(query["industry"].ToString()), LevelCode = Opt(query["level"].ToString()), TagCode = Opt(query["tag"].ToString()),
            LastOrderFrom = from, LastOrderTo = to, RfmSegment = segment, ValueTier = tier, ChurnRisk = risk, ClvFrom = clvFrom, ClvTo = clvTo, SortBy = Opt(query["sort"].ToString()), Descending = query["desc"] == "1",
            Credit = credit, Satisfaction = satisfaction, RevenueYear = revenueYear, RevenueMinBin = minBin, RevenueMaxBin = maxBin,
            ChurnWarning = warning, WarnedFrom = warnedFrom, WarnedTo = warnedTo, ChurnReason = Opt(query["churnReason"].ToString()),
            ChurnedFrom = churnedFrom, ChurnedTo = churnedTo, MovedFrom = movedFrom, MovedFromNone = query["movedFrom"] == "none", MovedTo = movedTo,
            MovedSince = movedSince, MovedUntil = movedUntil, InStage = inStage, InStageOn = inStage is null ? null : inStageOn,
            WithConsent = withConsent,
        };
    }

    /// <summary>The reasons column: decisive reasons, then "but …" for the grey-zone signals, in the reader's language.</summary>
    public static string ReasonsText(UiText t, string? stored)
    {
        var reasons = StageReason.Deserialize(stored);
        var decisive = string.Join(t["Reason.Separator"], reasons.Where(r => !r.Counter).Select(t.Reason));
        var counter = reasons.Where(r => r.Counter).Select(t.Reason).ToArray();
        return counter.Length == 0 ? decisive : decisive + t["Reason.But", string.Join(t["Reason.And"], counter)];
    }

    /// <summary>Writes the CSV for a caller (the web user, or the command line's system scope).</summary>
    public static async Task<long> WriteAsync(IServiceProvider services, AccessScope scope, CustomerQuery query, Stream output, CancellationToken ct)
    {
        var factory = new CrmDbFactory(services.GetRequiredService<IDbContextFactory<CrmDbContext>>(), new FixedCurrentUser(scope), services.GetRequiredService<TimeProvider>());
        var text = services.GetRequiredService<UiText>();
        await text.LoadAsync(ct);
        var directory = await services.GetRequiredService<UserDirectory>().GetAsync(ct);
        string Owner(string? id) => id is not null && directory.Users.TryGetValue(id, out var u) ? u.Email : "";
        return await CustomerCsvExport.WriteAsync(new CustomerService(factory).StreamAsync(query, ct), output, Owner, r => ReasonsText(text, r.StageReasons), ct);
    }

    private static async Task<IResult> ExportAsync(HttpContext http, UserDirectory users, AuditLog audit, UiText text, CancellationToken ct)
    {
        var query = FromQuery(http.Request.Query, out var error);
        await text.LoadAsync(ct);
        if (query is null) return Results.BadRequest(text["Customers.ExportBadFilter", error]);
        var user = http.User;
        var id = user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (id is null) return Results.Unauthorized();
        var scope = await users.ScopeForAsync(id, user.Identity?.Name ?? id, user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value), ct);
        // row-level lists leave the system only with those who maintain customers (executives read aggregates)
        if (!scope.Can(Capability.EditCustomers)) return Results.Forbid();
        // audited before the first row leaves, so an interrupted download is on record too
        await audit.WriteAsync(AuditAction.Export, scope.UserId, scope.UserName, nameof(Customer), null,
            new { started = true, filter = ToQueryString(query) }, http.Connection.RemoteIpAddress?.ToString(), ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"customers-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        var count = await WriteAsync(http.RequestServices, scope, query, http.Response.Body, ct);
        await audit.WriteAsync(AuditAction.Export, scope.UserId, scope.UserName, nameof(Customer), null,
            new { rows = count, filter = ToQueryString(query) }, http.Connection.RemoteIpAddress?.ToString(), CancellationToken.None);
        return Results.Empty;
    }
}
