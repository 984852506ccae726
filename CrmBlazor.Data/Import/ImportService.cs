using System.Diagnostics;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Events;
using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Data.Lookups;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrmBlazor.Data.Import;

/// <summary>
/// CSV import of customers, orders and behaviour events (PRODUCT.md §2: the data the stage rules
/// read). Every row is checked first, nothing written; then all valid rows are written in one
/// transaction — or none, when the caller asked for all or nothing and a row was refused. Natural
/// keys (customer number, order number, event id) make a re-import add nothing. Afterwards the
/// affected customers are re-evaluated by the lifecycle engine and their owners' views told.
/// Access: <see cref="Capability.ImportData"/>; products and stock (company-wide reference data) also need <see cref="Capability.ManageSettings"/>; an account manager imports only into their own
/// customers (the record filters decide) and owns the customers they create.
/// </summary>
public sealed class ImportService(CrmDbFactory dbFactory, IDbContextFactory<CrmDbContext> rawFactory, CrmEventHub events, UserDirectory users,
    DictionaryCache dictionary, LifecycleEvaluator evaluator, TimeProvider clock)
{
    /// <summary>Above this many affected customers one "re-read" event replaces one event per customer (as the engine does for a batch).</summary>
    private const int EventsOneByOne = 500;

    /// <summary>One import at a time per server: two files checked against the same keys and written at once would collide.</summary>
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>The header of a file, the field each header matches by name, and its first rows — for the mapping step.</summary>
    public static CsvPreview Preview(ImportKind kind, Stream csv, int rows = 5) => CsvReading.Preview(csv, ImportColumns.For(kind), rows);

    public async Task<ImportReport> ImportAsync(ImportKind kind, Stream csv, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var clockStart = Stopwatch.StartNew();
        var scope = await dbFactory.GetScopeAsync(ct);
        scope.Require(Capability.ImportData);
        if (ImportColumns.IsReferenceData(kind)) scope.Require(Capability.ManageSettings);
        progress?.Report(new ImportProgress("reading", 0, 0));
        var table = CsvReading.Read(csv, ImportColumns.For(kind), options.Mapping);
        EnsureColumns(kind, table);
        await OneAtATime.WaitAsync(ct);
        try
        {
            return await RunAsync(kind, table, options, scope, progress, clockStart, ct);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<ImportReport> RunAsync(ImportKind kind, CsvTable table, ImportOptions options, AccessScope scope,
        IProgress<ImportProgress>? progress, Stopwatch clockStart, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        ImportJob job = kind switch
        {
            ImportKind.Customers => new CustomerImport(new CustomerOwners()),
            ImportKind.Orders => new OrderImport(),
            ImportKind.Products => new ProductImport(),
            ImportKind.Inventory => new InventoryImport(),
            _ => new EventImport(),
        };
        await using (var scoped = await dbFactory.CreateAsync(scope, ct))
        await using (var system = await rawFactory.CreateSystemContextAsync(ct))
        {
            var items = new List<Lookups.DictionaryItem>();
            foreach (var k in new[] { Domain.BasicData.DictionaryKind.Region, Domain.BasicData.DictionaryKind.Industry, Domain.BasicData.DictionaryKind.CustomerLevel })
                items.AddRange(await dictionary.ListAsync(k, activeOnly: true, ct));
            var ctx = new ImportContext(scope, now, scoped, system, items, await users.GetAsync(ct));
            await job.PlanAsync(ctx, table, progress, ct);
        }

        var commit = job.HasWork && !(options.AllOrNothing && job.Rejected.Count > 0);
        IReadOnlyCollection<AffectedCustomer> affected = [];
        if (commit)
        {
            progress?.Report(new ImportProgress("writing", 0, job.Added + job.Updated));
            affected = await WriteAsync(job, scope, ct);
            progress?.Report(new ImportProgress("evaluating", 0, affected.Count));
            var summary = await evaluator.EvaluateAsync(affected.Select(a => a.Id).ToArray(), ct);
            var at = clock.GetUtcNow().UtcDateTime;
            if (affected.Count > EventsOneByOne)
                await events.PublishAsync(new LifecycleRecomputed(summary.StageChanges, summary.WarningsRaised, summary.TasksCreated, at));
            else
                foreach (var a in affected)
                    await events.PublishAsync(new CustomerChanged(a.Id, a.OwnerId, a.PreviousOwnerId, CustomerChange.DataImported, scope.UserId, at));
        }
        await AuditAsync(kind, table.Rows.Count, job, commit, scope, ct);
        return new ImportReport(kind, table.Rows.Count, commit ? job.Added : 0, commit ? job.Updated : 0, job.Unchanged, commit ? job.LinesAdded : 0,
            job.Rejected, table.Headers, table.UnknownHeaders, commit, affected.Count, clockStart.Elapsed);
    }

    /// <summary>One summary entry per file (the rows themselves are bulk-written, not audited one by one): what was imported, how many rows did what.</summary>
    private async Task AuditAsync(ImportKind kind, int rows, ImportJob job, bool committed, AccessScope scope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(scope, ct);
        var detail = new { rows, added = committed ? job.Added : 0, updated = committed ? job.Updated : 0, unchanged = job.Unchanged, rejected = job.Rejected.Count, committed };
        db.AuditEntries.Add(new Domain.Audit.AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserId, scope.UserName, Domain.Audit.AuditAction.Import,
            kind.ToString(), null, System.Text.Json.JsonSerializer.Serialize(detail), db.ClientAddress));
        await db.SaveChangesAsync(ct);
    }

    private async Task<IReadOnlyCollection<AffectedCustomer>> WriteAsync(ImportJob job, AccessScope scope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(scope, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using var session = BulkSession.Within(db, tx.GetDbTransaction());
        try
        {
            var affected = await job.WriteAsync(db, session, ct);
            await tx.CommitAsync(ct);
            return affected;
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // one transaction: nothing of this file was saved
            throw new DomainException("Import.WriteFailed", $"The import could not be saved ({e.GetBaseException().Message}); nothing was saved.", e.GetBaseException().Message);
        }
    }

    private static void EnsureColumns(ImportKind kind, CsvTable table)
    {
        var missing = ImportColumns.Required(kind).Where(c => !table.Columns.Contains(c)).ToList();
        if (kind == ImportKind.Orders && !table.Columns.Contains("amount") && !table.Columns.Contains("product_code"))
            missing.Add("amount");
        if (missing.Count > 0)
            throw new DomainException("Import.MissingColumns", $"Missing columns: {string.Join(", ", missing)}.", string.Join(", ", missing));
    }
}
