using System.Net;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.DataQuality;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Web.Features.Customers;
using CrmBlazor.Web.Features.DataQuality;

namespace CrmBlazor.Tests.Web;

/// <summary>The customer page's pieces whose logic lives in markup, rendered in both languages.</summary>
public sealed class CustomerComponentTests
{
    private static async Task<string> Render<T>(string culture, Dictionary<string, object?> parameters) where T : Microsoft.AspNetCore.Components.IComponent =>
        WebUtility.HtmlDecode(await ComponentRendering.RenderAsync<T>(culture, parameters));

    private static readonly TimelineEntry[] Entries =
    [
        new(TimelineKind.StageChange, new DateTime(2026, 11, 11, 2, 0, 0), 7, null, null, LifecycleStage.Growing, LifecycleStage.Declining,
            StageReason.Serialize([StageReason.Of("Declining.NoOrder", 63, 60), StageReason.CounterOf("Counter.HighSatisfaction", 5)])),
        new(TimelineKind.Order, new DateTime(2026, 10, 10), 12, "SO-1001", null, Amount: 8551m),
        new(TimelineKind.StageChange, new DateTime(2026, 6, 1), 5, null, null, LifecycleStage.New, LifecycleStage.Growing,
            StageReason.Serialize([StageReason.Of("Growing.RepeatOrders", 2, 30)])),
    ];

    [Fact]
    public async Task TimelineList_Chinese_ShowsFromToWithReasonsAndTooltip_ThenTheOrder()
    {
        var html = await Render<TimelineList>("zh-CN", new() { ["Entries"] = Entries });
        var change = html.IndexOf("成长客户", StringComparison.Ordinal);
        var to = html.IndexOf("title=\"衰退客户：距上次下单 63 天（> 60）；但满意度 5/5\"", StringComparison.Ordinal);
        var order = html.IndexOf("订单 SO-1001 · ¥8,551.00", StringComparison.Ordinal);
        Assert.True(change >= 0 && to > change && order > to, html);
        Assert.Contains(">距上次下单 63 天（> 60）；但满意度 5/5<", html);
        Assert.Contains("data-kind=\"StageChange\"", html);
        // the stage the change left explains itself too (its reasons come from the older change into it)
        Assert.Contains("title=\"成长客户：近 30 天复购 2 次\"", html);
    }

    [Fact]
    public async Task TimelineList_English_SameEntriesInEnglish()
    {
        var html = await Render<TimelineList>("en-US", new() { ["Entries"] = Entries });
        Assert.Contains("Growing", html);
        Assert.Contains("63 days since last order (> 60); but satisfaction 5/5", html);
        Assert.Contains("Order SO-1001 · CN¥8,551.00", html);
    }

    private static CustomerDetail Detail(int orders, decimal spend) => new(1, "C0000001", "测试", "east", "it", "major", "u1", 4, 3, null, null, null, null, null,
        null, null, null, null, null, null, null, true, CustomerStatus.Active, new DateTime(2026, 1, 1), LifecycleStage.Growing, new DateTime(2026, 5, 1), "",
        new DateOnly(2026, 1, 5), new DateOnly(2026, 11, 1), orders, spend, true, [], [], null, 3);

    [Fact]
    public async Task CustomerFigures_ShowsAverageOrderValueActiveDaysAndFeatureUsage()
    {
        var activity = new CustomerActivity(4, [new FeatureUsage("reports", 12), new FeatureUsage("api", 3)]);
        var html = await Render<CustomerFigures>("zh-CN", new() { ["Customer"] = Detail(4, 10_000m), ["Activity"] = activity });
        Assert.Matches("data-testid=\"aov\"[^>]*>¥2,500<", html);
        Assert.Contains("近 30 天中 4 天", html);
        Assert.True(html.IndexOf("reports", StringComparison.Ordinal) < html.IndexOf("api", StringComparison.Ordinal));
        var none = await Render<CustomerFigures>("en-US", new() { ["Customer"] = Detail(0, 0m), ["Activity"] = new CustomerActivity(0, []) });
        Assert.Matches("data-testid=\"aov\"[^>]*>—<", none);
        Assert.Contains("No feature use recorded in the last 30 days.", none);
    }

    [Fact]
    public async Task DataQualitySection_LinksMasterDataFixesToTheEditor_AndCountsTheRest()
    {
        var section = new DataQualitySection(DataQualityKind.NoRegion, DataQualityGroup.Missing, 51,
            [new DataQualityFinding { Kind = DataQualityKind.NoRegion, CustomerId = 42, Number = "C0000042", Name = "缺地区公司" }]);
        var html = await Render<DataQualitySectionView>("zh-CN", new() { ["Section"] = section });
        Assert.Contains("缺少地区", html);
        Assert.Contains("href=\"customers/42?edit=1\"", html);
        Assert.Contains("……另有 50 条", html);

        var orders = new DataQualitySection(DataQualityKind.NegativeAmount, DataQualityGroup.Impossible, 1,
            [new DataQualityFinding { Kind = DataQualityKind.NegativeAmount, CustomerId = 7, Number = "C0000007", Name = "X", Detail = "SO-9", Date = new DateOnly(2026, 3, 1) }]);
        var en = await Render<DataQualitySectionView>("en-US", new() { ["Section"] = orders });
        Assert.Contains("href=\"customers/7\"", en);
        Assert.Contains("SO-9 · 3/1/2026", en);
        Assert.DoesNotContain("more", en);
    }
}
