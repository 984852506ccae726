using System.Text.Json;
using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>The stage playbooks: edited by an admin (validated, versioned, audited) and their effect measured on known stage history.</summary>
public abstract class PlaybookServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _admin = null!, _manager = null!, _am = null!, _outsider = null!, _executive = null!;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _admin = await fx.AddUserAsync(Roles.Admin);
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Playbook " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am = await fx.AddUserAsync(Roles.AccountManager, team);
        _outsider = await fx.AddUserAsync(Roles.AccountManager);
        _executive = await fx.AddUserAsync(Roles.Executive);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> As<T>(TestData.User u) where T : notnull =>
        fx.As<T>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    // ---------- editing ----------

    [Fact]
    public async Task List_HasTheSixSeededPlaybooks_WithTheDefaultCadences()
    {
        var rows = await (await As<PlaybookService>(_am)).ListAsync();
        Assert.Equal(Enum.GetValues<LifecycleStage>(), rows.Select(r => r.Stage));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.GoalZh)));
        Assert.Equal(CadenceKind.TwiceWeekly, rows.Single(r => r.Stage == LifecycleStage.Declining).DefaultCadence);
    }

    [Fact]
    public async Task Update_Valid_IsStored_VersionMoves_AndAuditNamesTheStageAndFields()
    {
        var service = await As<PlaybookService>(_admin);
        var row = (await service.ListAsync()).Single(r => r.Stage == LifecycleStage.Mature);
        var edit = row.ToEdit();
        edit.GoalEn = "Keep the relationship, win referrals " + Guid.NewGuid().ToString("N")[..4];
        edit.Cadence = row.Cadence == CadenceKind.Weekly ? CadenceKind.Monthly : CadenceKind.Weekly;

        var saved = await service.UpdateAsync(LifecycleStage.Mature, row.Version, edit);

        Assert.Equal(row.Version + 1, saved.Version);
        var reread = (await service.ListAsync()).Single(r => r.Stage == LifecycleStage.Mature);
        Assert.Equal(edit.GoalEn, reread.GoalEn);
        Assert.Equal(edit.Cadence, reread.Cadence);
        Assert.Equal(row.GoalZh, reread.GoalZh);

        await using var db = await fx.SystemDbAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(StagePlaybook) && a.UserId == _admin.Id).OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal("Mature", audit.EntityId);
        var changes = JsonSerializer.Deserialize<Dictionary<string, string[]>>(audit.Changes!)!;
        Assert.Equal([row.GoalEn, edit.GoalEn], changes["GoalEn"]);
        Assert.Equal([row.Cadence.ToString(), edit.Cadence.ToString()], changes["Cadence"]);
        Assert.False(changes.ContainsKey("GoalZh"));
    }

    [Fact]
    public async Task Update_EmptyField_IsRefused_NothingStored()
    {
        var service = await As<PlaybookService>(_admin);
        var row = (await service.ListAsync()).Single(r => r.Stage == LifecycleStage.New);
        var edit = row.ToEdit();
        edit.ActionsZh = "  ";
        var e = await Assert.ThrowsAsync<DomainException>(() => service.UpdateAsync(LifecycleStage.New, row.Version, edit));
        Assert.Equal("Validation.Required", e.Code);
        Assert.Equal("ActionsZh", e.Args[0]);
        Assert.Equal(row, (await service.ListAsync()).Single(r => r.Stage == LifecycleStage.New));
    }

    [Fact]
    public async Task Update_StaleVersion_IsRefusedAsChanged()
    {
        var service = await As<PlaybookService>(_admin);
        var row = (await service.ListAsync()).Single(r => r.Stage == LifecycleStage.Growing);
        var first = row.ToEdit();
        first.OwnerEn = "Sales manager";
        await service.UpdateAsync(LifecycleStage.Growing, row.Version, first);
        var second = row.ToEdit();
        second.OwnerEn = "Product manager";
        var e = await Assert.ThrowsAsync<DomainException>(() => service.UpdateAsync(LifecycleStage.Growing, row.Version, second));
        Assert.Equal("Record.Changed", e.Code);
        Assert.Equal("Sales manager", (await service.ListAsync()).Single(r => r.Stage == LifecycleStage.Growing).OwnerEn);
    }

    [Fact]
    public async Task Update_ByANonAdmin_IsRefused()
    {
        var row = (await (await As<PlaybookService>(_admin)).ListAsync()).Single(r => r.Stage == LifecycleStage.Prospect);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<PlaybookService>(_manager)).UpdateAsync(LifecycleStage.Prospect, row.Version, row.ToEdit()));
    }

    // ---------- effect ----------

    private async Task<int> CustomerWithHistoryAsync(string? ownerId, params (LifecycleStage To, DateTime At)[] changes)
    {
        var id = await fx.AddCustomerAsync("效果 " + Guid.NewGuid().ToString("N")[..6], ownerId);
        await using var db = await fx.SystemDbAsync();
        LifecycleStage? from = null;
        foreach (var (to, at) in changes)
        {
            db.StageHistory.Add(new StageHistoryEntry(id, from, to, DateTime.SpecifyKind(at, DateTimeKind.Utc), ""));
            from = to;
        }
        await db.SaveChangesAsync();
        return id;
    }

    private static DateTime D(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Effect_OnKnownHistory_CountsUpDownStayed_WithinTheWindow()
    {
        const LifecycleStage declining = LifecycleStage.Declining, growing = LifecycleStage.Growing, mature = LifecycleStage.Mature;
        var owner = _am.Id;
        await CustomerWithHistoryAsync(owner, (LifecycleStage.New, D(2024, 12, 1)), (declining, D(2025, 3, 1)), (growing, D(2025, 4, 15)), (mature, D(2025, 5, 1)));
        await CustomerWithHistoryAsync(owner, (declining, D(2025, 3, 1)), (LifecycleStage.Churned, D(2025, 5, 1)));
        await CustomerWithHistoryAsync(owner, (declining, D(2025, 3, 1)), (growing, D(2025, 7, 1)));   // back after 122 days: too late
        await CustomerWithHistoryAsync(owner, (declining, D(2025, 6, 1)));
        await CustomerWithHistoryAsync(owner, (declining, D(2025, 6, 1)), (LifecycleStage.New, D(2025, 6, 10))); // same rank: sideways
        await CustomerWithHistoryAsync(owner, (growing, D(2025, 2, 1)), (declining, D(2025, 3, 15)));
        await CustomerWithHistoryAsync(owner, (growing, D(2025, 1, 10)), (mature, D(2025, 4, 10)));   // exactly 90 days: counts
        await CustomerWithHistoryAsync(owner, (growing, D(2025, 1, 10)), (mature, D(2025, 4, 10).AddSeconds(1))); // just over

        var effect = await (await As<PlaybookEffectService>(_admin)).GetAsync(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

        var d = effect.Declining;
        Assert.Equal((6, 1, 1, 4, 0), (d.Entered, d.MovedUp, d.MovedDown, d.Stayed, d.Open));
        Assert.Equal(100.0 / 6, effect.WinBackRate!.Value, 6);
        Assert.False(effect.ReviewDecliningPlaybook);
        var g = effect.Stages.Single(s => s.Stage == growing);
        Assert.Equal((5, 2, 1, 2, 0), (g.Entered, g.MovedUp, g.MovedDown, g.Stayed, g.Open));
        Assert.Equal(40.0, g.UpShare!.Value, 6);
        Assert.Equal(20.0, g.DownShare!.Value, 6);
        Assert.Equal(3, effect.Stages.Single(s => s.Stage == mature).Stayed);
        Assert.Equal(0, effect.Stages.Single(s => s.Stage == LifecycleStage.Prospect).Entered);
        Assert.Equal(0, effect.Stages.Single(s => s.Stage == LifecycleStage.New).MovedUp);

        // the account manager's team lead sees the same; an executive too
        Assert.Equal(6, (await (await As<PlaybookEffectService>(_manager)).GetAsync(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31))).Declining.Entered);
        Assert.Equal(6, (await (await As<PlaybookEffectService>(_executive)).GetAsync(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31))).Declining.Entered);
    }

    [Fact]
    public async Task Effect_WinBackUnderTenPercent_IsFlagged_AndOtherTeamsStayHidden()
    {
        await CustomerWithHistoryAsync(_outsider.Id, (LifecycleStage.Declining, D(2023, 5, 1)), (LifecycleStage.Mature, D(2023, 6, 1)));
        for (var i = 0; i < 10; i++)
            await CustomerWithHistoryAsync(_outsider.Id, (LifecycleStage.Declining, D(2023, 5, 1)));

        var effect = await (await As<PlaybookEffectService>(_admin)).GetAsync(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31));
        Assert.Equal(11, effect.Declining.Entered);
        Assert.Equal(100.0 / 11, effect.WinBackRate!.Value, 6);
        Assert.True(effect.ReviewDecliningPlaybook);

        // the manager's team does not include the outsider
        var managers = await (await As<PlaybookEffectService>(_manager)).GetAsync(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31));
        Assert.Equal(0, managers.Declining.Entered);
        Assert.Null(managers.WinBackRate);
        Assert.False(managers.ReviewDecliningPlaybook);
    }

    [Fact]
    public async Task Effect_RecentEntry_IsOpen_NotCountedAsStayed()
    {
        var entered = fx.Clock.UtcNow.AddDays(-30);
        await CustomerWithHistoryAsync(_am.Id, (LifecycleStage.Declining, entered));
        var effect = await (await As<PlaybookEffectService>(_admin)).GetAsync(DateOnly.FromDateTime(entered), fx.Clock.Today);
        Assert.Equal((1, 1, 0), (effect.Declining.Entered, effect.Declining.Open, effect.Declining.Decided));
        Assert.Null(effect.WinBackRate);
    }

    [Fact]
    public async Task Effect_ForbiddenToAccountManagers_AndAReversedPeriodIsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await (await As<PlaybookEffectService>(_am)).GetAsync(new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1)));
        var e = await Assert.ThrowsAsync<DomainException>(async () => await (await As<PlaybookEffectService>(_admin)).GetAsync(new DateOnly(2025, 2, 1), new DateOnly(2025, 1, 1)));
        Assert.Equal("Period.EndBeforeStart", e.Code);
    }
}

public sealed class PlaybookServiceTests_Sqlite(SqliteFixture fx) : PlaybookServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class PlaybookServiceTests_Postgres(PostgresFixture fx) : PlaybookServiceTests(fx), IClassFixture<PostgresFixture>;
