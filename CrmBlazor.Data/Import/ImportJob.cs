using CrmBlazor.Data.Infrastructure;
using CrmBlazor.Domain.Common;

namespace CrmBlazor.Data.Import;

/// <summary>
/// One kind of import in two steps: <see cref="PlanAsync"/> checks every row (nothing is written)
/// and collects rejections and the records to write; <see cref="WriteAsync"/> writes them inside the
/// caller's transaction — new rows in bulk, changes through the entities — and names the customers
/// whose data changed.
/// </summary>
internal abstract class ImportJob
{
    public List<ImportRejection> Rejected { get; } = [];
    public int Added { get; protected set; }
    public int Updated { get; protected set; }
    public int Unchanged { get; protected set; }
    public int LinesAdded { get; protected set; }

    public abstract Task PlanAsync(ImportContext ctx, CsvTable table, IProgress<ImportProgress>? progress, CancellationToken ct);

    public bool HasWork => Added + Updated > 0;

    public abstract Task<IReadOnlyCollection<AffectedCustomer>> WriteAsync(CrmDbContext db, BulkSession session, CancellationToken ct);

    protected void Reject(CsvRow row, DomainException reason) => Rejected.Add(new ImportRejection(row.Line, reason, row.Raw));

    private int _reported;

    protected void Report(IProgress<ImportProgress>? progress, int done, int total)
    {
        if (progress is null || (done - _reported < 2_000 && done != total)) return;
        _reported = done;
        progress.Report(new ImportProgress("checking", done, total));
    }

    /// <summary>Remembers the first line of each natural key; a later row with the same key is refused.</summary>
    protected sealed class SeenKeys
    {
        private readonly Dictionary<string, int> _first = new(StringComparer.Ordinal);

        public void Add(string key, int line)
        {
            if (!_first.TryAdd(key, line))
                throw new DomainException("Import.DuplicateInFile", $"{key} already appears on line {_first[key]}.", key, _first[key]);
        }
    }
}
