using System.Diagnostics;
using CrmBlazor.Data.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Seeding;

public sealed record SeedProgress(long Customers, long Orders, long TargetCustomers, TimeSpan Elapsed);

/// <summary>
/// The <c>seed</c> command: adds N generated customers with M orders each (and one contact each),
/// classified by the real stage rules, for load and scale testing. Writes in batches through
/// <see cref="BulkSession"/>; owners are spread over the existing account managers. It adds no
/// users, opportunities or tickets — only the web server seeds the demo company.
/// </summary>
public sealed class VolumeSeeder(IDbContextFactory<CrmDbContext> factory, TimeProvider clock)
{
    private const int Chunk = 10_000;

    public async Task<(long Customers, long Orders)> SeedAsync(int customers, int ordersPerCustomer, int seed, IProgress<SeedProgress>? progress, CancellationToken ct = default)
    {
        if (customers <= 0) throw new ArgumentOutOfRangeException(nameof(customers), "The number of customers must be positive.");
        if (ordersPerCustomer < 0) throw new ArgumentOutOfRangeException(nameof(ordersPerCustomer), "Orders per customer cannot be negative.");
        await using var db = await factory.CreateSystemContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var now = clock.GetUtcNow().UtcDateTime;
        var asOf = DateOnly.FromDateTime(now);
        var owners = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == Roles.AccountManager && u.IsActive
                            orderby u.Id
                            select u.Id).ToListAsync(ct);
        var thresholds = StageThresholds.FromSettings(await db.Settings.ToDictionaryAsync(s => s.Key, s => s.Value, ct));
        var generator = new CustomerGenerator(seed, asOf, rich: false);
        var watch = Stopwatch.StartNew();
        await using var writer = await CustomerWriter.OpenAsync(db, rich: false, now, ct);
        for (var done = 0; done < customers; done += Chunk)
        {
            var batch = Enumerable.Range(done, Math.Min(Chunk, customers - done)).Select(i => generator.Next(i, ordersPerCustomer)).ToArray();
            // ARPU rank within the batch: batches are independent samples of the same mix; `recompute` ranks over everyone.
            var facts = batch.Select(c => c.Orders.Select(o => new OrderFact(o.Date, o.Amount)).ToArray()).ToArray();
            var top = StageTimeline.ArpuTopPercent(facts, asOf);
            for (var i = 0; i < batch.Length; i++)
            {
                var signals = SignalCalculator.Build(asOf, facts[i], [], batch[i].Satisfaction, thresholds, top[i]);
                var stage = StageRules.Classify(signals, thresholds);
                var owner = owners.Count == 0 ? null : owners[(done + i) % owners.Count];
                await writer.WriteAsync(batch[i], owner, [new StageStep(now, null, stage)], ct);
            }
            progress?.Report(new SeedProgress(writer.CustomersWritten, writer.OrdersWritten, customers, watch.Elapsed));
        }
        await writer.CompleteAsync(ct);
        progress?.Report(new SeedProgress(writer.CustomersWritten, writer.OrdersWritten, customers, watch.Elapsed));
        return (writer.CustomersWritten, writer.OrdersWritten);
    }
}
