using System.Net;
using CrmBlazor.Data.FollowUps;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Web.Features.Dashboard;

namespace CrmBlazor.Tests.Web;

public sealed class TaskSectionTests
{
    private static readonly FollowUpRow Cadence = new(11, 7, "宁波测试有限公司", FollowUpKind.FollowUp, LifecycleStage.Growing, "Growing follow-up", new DateOnly(2026, 11, 20), "am-1", 0);
    private static readonly FollowUpRow Revisit = new(12, 8, "Acme Ltd.", FollowUpKind.Revisit, LifecycleStage.Mature, "Revisit after ticket T000042", new DateOnly(2026, 11, 21), "am-2", 0);

    private static async Task<string> RenderAsync(string culture, string? me) =>
        WebUtility.HtmlDecode(await ComponentRendering.RenderAsync<TaskSection>(culture, new Dictionary<string, object?>
        {
            ["Title"] = "Overdue", ["Count"] = 5, ["Tasks"] = new[] { Cadence, Revisit }, ["Tone"] = "overdue", ["Me"] = me,
        }));

    [Fact]
    public async Task Render_Chinese_NamesCadenceTasksByStage_NotByTheStoredEnglishTitle()
    {
        var html = await RenderAsync("zh-CN", null);
        Assert.Contains("成长客户跟进", html);
        Assert.DoesNotContain("Growing follow-up", html);
        Assert.Contains("回访", html);
        Assert.Contains("另有 3 项", html); // five in the group, two shown
    }

    [Fact]
    public async Task Render_English_AndOnlyTheAssigneeGetsACompleteButton()
    {
        var html = await RenderAsync("en-US", "am-1");
        Assert.Contains("Growing follow-up", html);
        Assert.Contains("data-testid=\"complete-11\"", html);
        Assert.DoesNotContain("data-testid=\"complete-12\"", html);
    }
}
