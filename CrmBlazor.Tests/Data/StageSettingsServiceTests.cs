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

/// <summary>The admin's stage rules: saved as settings, validated by range and cross-rules, audited with before → after, guarded against concurrent saves.</summary>
public abstract class StageSettingsServiceTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _admin = null!, _manager = null!;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _admin = await fx.AddUserAsync(Roles.Admin);
        _manager = await fx.AddUserAsync(Roles.SalesManager);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<StageSettingsService> As(TestData.User u) =>
        fx.As<StageSettingsService>(await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(u.Id, u.Email, [u.Role]));

    private static Dictionary<string, int> ValuesOf(StageThresholdSettings s) => s.Thresholds.ToDictionary(t => t.Descriptor.Key, t => t.Value);

    private async Task<Dictionary<string, string>> StoredAsync()
    {
        await using var db = await fx.SystemDbAsync();
        return await db.Settings.Where(s => s.Key.StartsWith("Stage.")).ToDictionaryAsync(s => s.Key, s => s.Value);
    }

    [Fact]
    public async Task Get_ListsEveryThreshold_WithItsDescriptor()
    {
        var settings = await (await As(_admin)).GetAsync();
        Assert.Equal(StageThresholds.Descriptors.Select(d => d.Key), settings.Thresholds.Select(t => t.Descriptor.Key));
        Assert.All(settings.Thresholds, t => Assert.InRange(t.Value, t.Descriptor.Min, t.Descriptor.Max));
    }

    [Fact]
    public async Task Save_ValidValue_IsStored_ReadBackByTheEngine_AndAuditedWithBeforeAndAfter()
    {
        var service = await As(_admin);
        var current = await service.GetAsync();
        var values = ValuesOf(current);
        var before = values[nameof(StageThresholds.GrowingMinCoreFeatures)];
        var after = before == 5 ? 6 : 5;
        values[nameof(StageThresholds.GrowingMinCoreFeatures)] = after;

        var saved = await service.SaveAsync(values, current.Version);

        Assert.NotEqual(current.Version, saved.Version);
        Assert.Equal(after, ValuesOf(saved)[nameof(StageThresholds.GrowingMinCoreFeatures)]);
        var stored = await StoredAsync();
        Assert.Equal(after, StageThresholds.FromSettings(stored).GrowingMinCoreFeatures);
        Assert.Equal(_admin.Id, saved.UpdatedById);

        await using var db = await fx.SystemDbAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityType == StageSettingsService.AuditEntityType && a.UserId == _admin.Id).OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(AuditAction.Update, audit.Action);
        var changes = JsonSerializer.Deserialize<Dictionary<string, string[]>>(audit.Changes!)!;
        Assert.Equal([before.ToString(), after.ToString()], Assert.Single(changes, c => c.Key == "Stage.GrowingMinCoreFeatures").Value);
        Assert.Single(changes); // only what changed
    }

    [Fact]
    public async Task Save_NothingChanged_WritesNoAudit()
    {
        var service = await As(_admin);
        var current = await service.GetAsync();
        var auditsBefore = await fx.CountAsync<AuditEntry>();
        var saved = await service.SaveAsync(ValuesOf(current), current.Version);
        Assert.Equal(current.Version, saved.Version);
        Assert.Equal(auditsBefore, await fx.CountAsync<AuditEntry>());
    }

    [Theory]
    [InlineData(nameof(StageThresholds.DecliningNoOrderDays), 0)]
    [InlineData(nameof(StageThresholds.DecliningNoOrderDays), 3651)]
    [InlineData(nameof(StageThresholds.GreyZoneHighSatisfaction), 6)]
    public async Task Save_OutOfRange_IsRefusedWithTheThreshold_NothingStored(string key, int value)
    {
        var service = await As(_admin);
        var current = await service.GetAsync();
        var stored = await StoredAsync();
        var values = ValuesOf(current);
        values[key] = value;

        var e = await Assert.ThrowsAsync<DomainException>(() => service.SaveAsync(values, current.Version));

        Assert.Equal("Threshold.Range", e.Code);
        Assert.Equal(key, e.Args[0]);
        Assert.Equal(stored, await StoredAsync());
    }

    [Fact]
    public async Task Save_ChurnedNotAfterDeclining_IsRefused_NothingStored()
    {
        var service = await As(_admin);
        var current = await service.GetAsync();
        var stored = await StoredAsync();
        var values = ValuesOf(current);
        values[nameof(StageThresholds.ChurnedNoOrderDays)] = values[nameof(StageThresholds.DecliningNoOrderDays)];

        var e = await Assert.ThrowsAsync<DomainException>(() => service.SaveAsync(values, current.Version));

        Assert.Equal("Threshold.ChurnAfterDecline", e.Code);
        Assert.Equal(stored, await StoredAsync());
    }

    [Fact]
    public async Task Save_LowSatisfactionNotBelowHigh_IsRefused()
    {
        var service = await As(_admin);
        var current = await service.GetAsync();
        var values = ValuesOf(current);
        values[nameof(StageThresholds.GreyZoneLowSatisfaction)] = 4;
        values[nameof(StageThresholds.GreyZoneHighSatisfaction)] = 4;
        var e = await Assert.ThrowsAsync<DomainException>(() => service.SaveAsync(values, current.Version));
        Assert.Equal("Threshold.SatisfactionOrder", e.Code);
    }

    [Fact]
    public async Task Save_AfterSomeoneElseSaved_IsRefusedAsChanged_TheirValueKept()
    {
        var first = await As(_admin);
        var second = await As(_admin);
        var seenByBoth = await first.GetAsync();
        var mine = ValuesOf(seenByBoth);
        var theirs = ValuesOf(seenByBoth);
        theirs[nameof(StageThresholds.MatureMinReferrals)] = seenByBoth.Values.MatureMinReferrals == 2 ? 3 : 2;
        mine[nameof(StageThresholds.MatureMinReferrals)] = 7;

        await first.SaveAsync(theirs, seenByBoth.Version);
        var e = await Assert.ThrowsAsync<DomainException>(() => second.SaveAsync(mine, seenByBoth.Version));

        Assert.Equal("Record.Changed", e.Code);
        Assert.Equal(theirs[nameof(StageThresholds.MatureMinReferrals)], (await first.GetAsync()).Values.MatureMinReferrals);
    }

    [Fact]
    public async Task GetAndSave_ByANonAdmin_AreRefused()
    {
        var service = await As(_manager);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetAsync());
        var values = StageThresholds.Descriptors.ToDictionary(d => d.Key, d => d.Default);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SaveAsync(values, 0));
    }
}

public sealed class StageSettingsServiceTests_Sqlite(SqliteFixture fx) : StageSettingsServiceTests(fx), IClassFixture<SqliteFixture>;

public sealed class StageSettingsServiceTests_Postgres(PostgresFixture fx) : StageSettingsServiceTests(fx), IClassFixture<PostgresFixture>;
