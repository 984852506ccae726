using System.Globalization;
using System.Net;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Web.Localization;
using CrmBlazor.Web.Shared;

namespace CrmBlazor.Tests.Web;

public sealed class StageBadgeTests
{
    private static readonly string DecliningReasons = StageReason.Serialize(
    [
        StageReason.Of("Declining.NoOrder", 63, 60),
        StageReason.CounterOf("Counter.HighSatisfaction", 5),
    ]);

    private static async Task<string> Badge(string culture, LifecycleStage stage, string? reasons) =>
        WebUtility.HtmlDecode(await ComponentRendering.RenderAsync<StageBadge>(culture, new Dictionary<string, object?> { ["Stage"] = stage, ["Reasons"] = reasons }));

    [Fact]
    public async Task Render_Chinese_ShowsTheStageAndExplainsItInTheTooltip()
    {
        var html = await Badge("zh-CN", LifecycleStage.Declining, DecliningReasons);
        Assert.Contains(">衰退客户<", html);
        Assert.Contains("title=\"衰退客户：距上次下单 63 天（> 60）；但满意度 5/5\"", html);
        Assert.Contains("crm-stage-declining", html);
    }

    [Fact]
    public async Task Render_English_SameReasonsInEnglish()
    {
        var html = await Badge("en-US", LifecycleStage.Declining, DecliningReasons);
        Assert.Contains(">Declining<", html);
        Assert.Contains("title=\"Declining: 63 days since last order (> 60); but satisfaction 5/5\"", html);
    }

    [Fact]
    public async Task Render_WithoutReasons_HasNoTooltip()
    {
        var html = await Badge("en-US", LifecycleStage.Mature, null);
        Assert.Contains(">Mature<", html);
        Assert.DoesNotContain("title=", html);
    }
}

public sealed class StageReasonListTests
{
    [Fact]
    public async Task Render_ListsDecisiveReasonsFirst_ThenTheCounterSignals()
    {
        var reasons = StageReason.Serialize([StageReason.CounterOf("Counter.UsageDown", 60), StageReason.Of("Growing.RepeatOrders", 2, 30)]);
        var html = WebUtility.HtmlDecode(await ComponentRendering.RenderAsync<StageReasonList>("zh-CN", new Dictionary<string, object?> { ["Reasons"] = reasons }));
        var decisive = html.IndexOf("近 30 天复购 2 次", StringComparison.Ordinal);
        var counter = html.IndexOf("但： 使用量下降 60%", StringComparison.Ordinal);
        Assert.True(decisive >= 0 && counter > decisive, html);
        Assert.Contains("crm-reason-counter", html);
    }
}

public sealed class FormatsTests
{
    private static T In<T>(string culture, Func<T> f)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return f(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous; }
    }

    [Fact]
    public void Money_IsAlwaysYuan_InTheReadersFormat()
    {
        Assert.Equal("¥1,234,568", In("zh-CN", () => Formats.Money(1_234_567.8m)));
        Assert.Equal("CN¥1,234,567.80", In("en-US", () => Formats.Money(1_234_567.8m, 2)));
        Assert.Equal("—", In("en-US", () => Formats.Money(null)));
    }

    [Fact]
    public void CompactMoney_UsesWanAndYiInChinese()
    {
        Assert.Equal("¥12.5万", In("zh-CN", () => Formats.CompactMoney(125_000m)));
        Assert.Equal("¥3.2亿", In("zh-CN", () => Formats.CompactMoney(320_000_000m)));
        Assert.Equal("CN¥125k", In("en-US", () => Formats.CompactMoney(125_000m)));
    }

    [Fact]
    public void Dates_FollowTheCulture_AndTimesAreShownInChinaTime()
    {
        Assert.Equal("2026/11/22", In("zh-CN", () => Formats.Date(new DateOnly(2026, 11, 22))));
        Assert.Equal("11/22/2026", In("en-US", () => Formats.Date(new DateOnly(2026, 11, 22))));
        // 23:30 UTC is already the next morning in Shanghai
        Assert.Equal("11/23/2026", In("en-US", () => Formats.Date(new DateTime(2026, 11, 22, 23, 30, 0, DateTimeKind.Utc))));
    }
}
