using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Value;
using CrmBlazor.Tests.TestSupport;

namespace CrmBlazor.Tests.Domain.Value;

public sealed class RepeatSummariesTests
{
    private static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    [Fact]
    public void FromPurchases_CdnowSample_RebuildsBothSummaryFiles()
    {
        var built = RepeatSummaries.FromPurchases(Cdnow.Transactions(), CalibrationEnd, daysPerUnit: 7);
        var summary = Cdnow.ReadSummary(Cdnow.SummaryFile);
        var withSpend = Cdnow.ReadSummary(Cdnow.SummaryWithSpendFile);

        Assert.Equal(2357, built.Length);
        Assert.Equal(summary.Select(s => s.Id), built.Select(b => b.CustomerId));
        for (var i = 0; i < built.Length; i++)
        {
            var (b, file, spend) = (built[i].Summary, summary[i].Summary, withSpend[i].Summary);
            Assert.Equal(file.Frequency, b.Frequency);
            Assert.Equal(file.Recency, Math.Round(b.Recency, 2));
            Assert.Equal(file.T, Math.Round(b.T, 2));
            Assert.True(Math.Abs(spend.MonetaryValue - b.MonetaryValue) <= 0.01, $"customer {built[i].CustomerId}: zbar {b.MonetaryValue} vs {spend.MonetaryValue}");
        }
        Assert.Equal(2457, built.Sum(b => b.Summary.Frequency));
        Assert.Equal(1411, built.Count(b => b.Summary.Frequency == 0));
    }

    [Fact]
    public void FromPurchases_SameDayPurchasesCountOnce_AndLaterOnesAreIgnored()
    {
        var d = new DateOnly(2026, 1, 1);
        Purchase[] purchases =
        [
            new(7, d, 10m), new(7, d.AddDays(14), 20m), new(7, d.AddDays(14), 30m),
            new(7, d.AddDays(28), 10m), new(7, d.AddDays(100), 999m), new(8, d.AddDays(7), 5m),
        ];
        var built = RepeatSummaries.FromPurchases(purchases, d.AddDays(35), daysPerUnit: 7);
        Assert.Equal([7, 8], built.Select(b => b.CustomerId));
        Assert.Equal(new RepeatSummary(2, 4, 5, 30), built[0].Summary); // repeat days: 50 and 10
        Assert.Equal(new RepeatSummary(0, 0, 4, 0), built[1].Summary);
    }

    [Fact]
    public void Validate_RecencyBeyondT_IsRefusedWithTheLabel()
    {
        var e = Assert.Throws<DomainException>(() => RepeatSummaries.Validate(new RepeatSummary(2, 12, 10, 0), "line 3"));
        Assert.Equal("Value.InvalidSummary", e.Code);
        Assert.StartsWith("line 3: recency is greater than T", e.Message);
    }
}
