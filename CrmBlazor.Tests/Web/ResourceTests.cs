using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrmBlazor.Data.Reports;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Service;

namespace CrmBlazor.Tests.Web;

/// <summary>Every text the UI shows exists in English and in Chinese — a missing translation fails the build.</summary>
public sealed partial class ResourceTests
{
    private static readonly string Root = FindRoot();
    private static readonly IReadOnlyDictionary<string, string> En = Load("SharedResource.resx");
    private static readonly IReadOnlyDictionary<string, string> Zh = Load("SharedResource.zh-CN.resx");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmBlazor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Root, "CrmBlazor.Web", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static IEnumerable<string> Sources(string project, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root, project), p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [Fact]
    public void BothLanguages_HaveTheSameKeys_AndNoEmptyText()
    {
        Assert.Empty(En.Keys.Except(Zh.Keys));
        Assert.Empty(Zh.Keys.Except(En.Keys));
        Assert.All(En.Concat(Zh), kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public void BothLanguages_UseTheSamePlaceholders()
    {
        foreach (var key in En.Keys)
            Assert.True(Placeholders(En[key]).SetEquals(Placeholders(Zh[key])), $"{key}: '{En[key]}' vs '{Zh[key]}'");
    }

    [Fact]
    public void EveryKeyTheUiUses_Exists()
    {
        var used = Sources("CrmBlazor.Web", "*.razor", "*.cs")
            .SelectMany(f => UiKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => !k.EndsWith('.'))
            .ToHashSet();
        Assert.NotEmpty(used);
        Assert.Empty(used.Where(k => !En.ContainsKey(k)).Order());
    }

    [Fact]
    public void EveryRuleRefusal_AndStageReason_IsTranslated()
    {
        var domain = Sources("CrmBlazor.Domain", "*.cs").Select(File.ReadAllText).ToArray();
        var errors = domain.SelectMany(s => ErrorCode().Matches(s).Select(m => "Error." + m.Groups[1].Value)).ToHashSet();
        var reasons = domain.SelectMany(s => ReasonCode().Matches(s).Select(m => "Reason." + m.Groups[1].Value)).ToHashSet();
        Assert.True(errors.Count > 30 && reasons.Count > 20);
        Assert.Empty(errors.Concat(reasons).Where(k => !En.ContainsKey(k)).Order());
    }

    [Fact]
    public void EveryEnumValueShown_IsTranslated()
    {
        var missing = new[] { typeof(LifecycleStage), typeof(OpportunityStatus), typeof(TicketStatus), typeof(TicketPriority), typeof(CustomerStatus), typeof(CompositionDimension), typeof(Gender), typeof(FollowUpKind), typeof(CadenceKind), typeof(OpportunityHistoryKind), typeof(LeadRuleKind) }
            .SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}.{n}"))
            .Where(k => !En.ContainsKey(k));
        Assert.Empty(missing);
        Assert.All(CrmBlazor.Domain.Common.Roles.All, r => Assert.True(En.ContainsKey("Role." + r)));
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\b[TL]\[""([A-Za-z0-9_.]+)""")]
    private static partial Regex UiKey();

    [GeneratedRegex(@"(?:DomainException|AccessDeniedException)\(""([A-Za-z.]+)""")]
    private static partial Regex ErrorCode();

    [GeneratedRegex(@"StageReason\.(?:Of|CounterOf)\(""([A-Za-z.]+)""")]
    private static partial Regex ReasonCode();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
