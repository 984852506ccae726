using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>
/// The single-customer path and the batch recompute must classify alike. A varied population
/// (orders, usage, visits, referrals, tickets, closures) is evaluated customer list first; the
/// batch over the same data must then find nothing to change.
/// </summary>
public abstract class LifecycleEquivalenceTests(DatabaseFixture fx)
{
    [Fact]
    public async Task EvaluateEveryone_ThenRecompute_FindsNothingToChange()
    {
        fx.RequireAvailable();
        var owner = await fx.AddUserAsync(Roles.AccountManager);
        var random = new Random(20261122);
        var ids = new List<int>();
        var now = fx.Clock.UtcNow;
        for (var i = 0; i < 80; i++)
        {
            var id = await fx.AddCustomerAsync($"等价客户 {i}", i % 7 == 0 ? null : owner.Id);
            ids.Add(id);
            await using var db = await fx.SystemDbAsync();
            var orders = random.Next(0, 9);
            for (var k = 0; k < orders; k++)
                db.Orders.Add(Order.Create($"EQ-{id}-{k}", id, fx.Clock.Today.AddDays(-random.Next(0, 420)), random.Next(50, 5000), now));
            foreach (var type in Enum.GetValues<BehaviourEventType>())
            {
                if (random.NextDouble() > (type is BehaviourEventType.AccountClosed or BehaviourEventType.Unsubscribe ? 0.04 : 0.35)) continue;
                for (var k = random.Next(1, 5); k > 0; k--)
                    db.BehaviourEvents.Add(BehaviourEvent.Create(null, id, now.AddDays(-random.Next(0, 70)).AddHours(-random.Next(0, 20)), type,
                        random.Next(1, 200), "F" + random.Next(0, 5), now));
            }
            await db.SaveChangesAsync();
        }
        var engine = fx.Services.GetRequiredService<LifecycleEvaluator>();

        var incremental = await engine.EvaluateAsync(ids);
        var afterIncremental = await StagesAsync();
        var batch = await engine.RecomputeAsync(null, null);

        Assert.Equal(80, incremental.Evaluated);
        Assert.True(incremental.StageChanges > 20, $"the population should move many customers out of Prospect, moved {incremental.StageChanges}");
        Assert.True(afterIncremental.Select(s => s.Stage).Distinct().Count() >= 4, "the population should cover most stages");
        Assert.Equal((0, 0, 0), (batch.StageChanges, batch.WarningsRaised, batch.TasksCreated));
        Assert.Equal(afterIncremental, await StagesAsync());
    }

    private async Task<List<(int Id, CrmBlazor.Domain.Lifecycle.LifecycleStage Stage, string Reasons, int OrderCount)>> StagesAsync()
    {
        await using var db = await fx.SystemDbAsync();
        return (await db.Customers.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Stage, c.StageReasons, c.OrderCount }).ToListAsync())
            .Select(c => (c.Id, c.Stage, c.StageReasons, c.OrderCount)).ToList();
    }
}

public sealed class LifecycleEquivalenceTests_Sqlite(SqliteFixture fx) : LifecycleEquivalenceTests(fx), IClassFixture<SqliteFixture>;

public sealed class LifecycleEquivalenceTests_Postgres(PostgresFixture fx) : LifecycleEquivalenceTests(fx), IClassFixture<PostgresFixture>;
