using System.Text.Json;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Lifecycle;

/// <summary>One stage's playbook (阶段化策略) as the editor shows it.</summary>
public sealed record PlaybookRow(LifecycleStage Stage, string GoalZh, string GoalEn, string ActionsZh, string ActionsEn,
    string OwnerZh, string OwnerEn, CadenceKind Cadence, int Version)
{
    public CadenceKind DefaultCadence => FollowUpCadence.Default(Stage);

    public PlaybookEdit ToEdit() => new()
    {
        GoalZh = GoalZh, GoalEn = GoalEn, ActionsZh = ActionsZh, ActionsEn = ActionsEn, OwnerZh = OwnerZh, OwnerEn = OwnerEn, Cadence = Cadence,
    };
}

/// <summary>The editable fields of a playbook, in both languages.</summary>
public sealed class PlaybookEdit
{
    public string GoalZh { get; set; } = "";
    public string GoalEn { get; set; } = "";
    public string ActionsZh { get; set; } = "";
    public string ActionsEn { get; set; } = "";
    public string OwnerZh { get; set; } = "";
    public string OwnerEn { get; set; } = "";
    public CadenceKind Cadence { get; set; }
}

/// <summary>
/// The stage playbooks of PRODUCT.md §2: everyone who works with customers reads them, an admin
/// edits them (checked against the version the admin saw, audited with the stage and each changed
/// field), and managers and executives measure their effect (<see cref="PlaybookEffectQuery"/>).
/// </summary>
public sealed class PlaybookService(CrmDbFactory dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<PlaybookRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (!db.Scope.Can(Capability.ViewCustomers) && !db.Scope.Can(Capability.ManageSettings))
            db.Scope.Require(Capability.ViewCustomers);
        var rows = await db.Playbooks.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(p => p.Stage).Select(Row).ToArray();
    }

    /// <summary>
    /// Changes one stage's playbook. Refused with <c>Validation.*</c> for an empty or too long field,
    /// <c>Record.Changed</c> when someone saved since <paramref name="expectedVersion"/>.
    /// </summary>
    public async Task<PlaybookRow> UpdateAsync(LifecycleStage stage, int expectedVersion, PlaybookEdit edit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        db.Scope.Require(Capability.ManageSettings);
        var me = db.Scope.RequireUserId();
        var playbook = await db.Playbooks.FirstOrDefaultAsync(p => p.Stage == stage, ct)
            ?? throw new DomainException("Record.NotFound", "The playbook no longer exists.");
        if (playbook.Version != expectedVersion)
            throw new DomainException("Record.Changed", "Someone else changed this playbook meanwhile.");
        var before = Row(playbook);
        playbook.Update(edit.GoalZh, edit.GoalEn, edit.ActionsZh, edit.ActionsEn, edit.OwnerZh, edit.OwnerEn, edit.Cadence);
        var after = Row(playbook);
        var changes = Diff(before, after);
        if (changes.Count == 0) return before;

        // The row-by-row capture would name the playbook by its number only; this entry names the stage.
        db.SuppressAudit = true;
        changes["Stage"] = [stage.ToString(), stage.ToString()];
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, me, db.Scope.UserName, AuditAction.Update, nameof(StagePlaybook),
            stage.ToString(), JsonSerializer.Serialize(changes), db.ClientAddress));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Record.Changed", "Someone else changed this playbook meanwhile.");
        }
        return Row(playbook);
    }

    private static PlaybookRow Row(StagePlaybook p) =>
        new(p.Stage, p.GoalZh, p.GoalEn, p.ActionsZh, p.ActionsEn, p.OwnerZh, p.OwnerEn, p.Cadence, p.Version);

    private static SortedDictionary<string, string?[]> Diff(PlaybookRow before, PlaybookRow after)
    {
        var changes = new SortedDictionary<string, string?[]>(StringComparer.Ordinal);
        void Add(string field, string a, string b)
        {
            if (a != b) changes[field] = [a, b];
        }
        Add(nameof(PlaybookRow.GoalZh), before.GoalZh, after.GoalZh);
        Add(nameof(PlaybookRow.GoalEn), before.GoalEn, after.GoalEn);
        Add(nameof(PlaybookRow.ActionsZh), before.ActionsZh, after.ActionsZh);
        Add(nameof(PlaybookRow.ActionsEn), before.ActionsEn, after.ActionsEn);
        Add(nameof(PlaybookRow.OwnerZh), before.OwnerZh, after.OwnerZh);
        Add(nameof(PlaybookRow.OwnerEn), before.OwnerEn, after.OwnerEn);
        Add(nameof(PlaybookRow.Cadence), before.Cadence.ToString(), after.Cadence.ToString());
        return changes;
    }
}
