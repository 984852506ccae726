using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Data.Seeding;

/// <summary>
/// Replays the stage rules over generated histories at fortnightly snapshots (as the nightly job
/// would have), so demo stage history is what the rules themselves produce.
/// </summary>
internal static class StageTimeline
{
    public static List<StageStep>[] Build(IReadOnlyList<GenCustomer> customers, DateOnly asOf, StageThresholds t, int snapshotDays, int months)
    {
        var timelines = customers.Select(_ => new List<StageStep>()).ToArray();
        var start = asOf.AddMonths(-months);
        var dates = new List<DateOnly>();
        for (var d = start; d < asOf; d = d.AddDays(snapshotDays)) dates.Add(d);
        dates.Add(asOf);

        var orderFacts = customers.Select(c => c.Orders.Select(o => new OrderFact(o.Date, o.Amount)).ToArray()).ToArray();
        var eventFacts = customers.Select(c => c.Events.Select(e => new EventFact(e.At, e.Type, e.Value, e.Detail)).ToArray()).ToArray();
        foreach (var date in dates)
        {
            var top = ArpuTopPercent(orderFacts, date);
            for (var i = 0; i < customers.Count; i++)
            {
                var created = DateOnly.FromDateTime(customers[i].CreatedAt);
                if (created > date) continue;
                var signals = SignalCalculator.Build(date, orderFacts[i], eventFacts[i], customers[i].Satisfaction, t, top[i]);
                var result = StageRules.Classify(signals, t);
                var line = timelines[i];
                var at = line.Count == 0 && created > start ? customers[i].CreatedAt : date.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
                if (line.Count == 0 || line[^1].To.Stage != result.Stage)
                    line.Add(new StageStep(DateTime.SpecifyKind(at, DateTimeKind.Utc), line.Count == 0 ? null : line[^1].To.Stage, result));
                else if (date == asOf)
                    line[^1] = line[^1] with { To = result }; // same stage, today's explanation
            }
        }
        return timelines;
    }

    /// <summary>Where each customer's monthly revenue ranks among the customers with orders on <paramref name="date"/>.</summary>
    public static double?[] ArpuTopPercent(IReadOnlyList<OrderFact[]> orders, DateOnly date)
    {
        var withOrders = Enumerable.Range(0, orders.Count).Where(i => orders[i].Any(o => o.Date <= date)).ToArray();
        var arpu = withOrders.Select(i => SignalCalculator.Arpu(orders[i], date)).ToArray();
        var distribution = ArpuDistribution.From(arpu);
        var result = new double?[orders.Count];
        for (var k = 0; k < withOrders.Length; k++) result[withOrders[k]] = distribution.TopPercent(arpu[k]);
        return result;
    }
}
