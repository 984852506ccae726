using System.Xml.Linq;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Tests.Web;

/// <summary>The stage rules page builds its keys from the thresholds: each one needs its meaning (with the value) and its name, each unit its label, in both languages.</summary>
public sealed class StageRulesTextTests
{
    public static TheoryData<string> Files => new() { "SharedResource.resx", "SharedResource.zh-CN.resx" };

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryThreshold_HasAMeaningWithItsValue_AName_AndAUnit(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "CrmBlazor.sln"))) dir = dir.Parent;
        var texts = XDocument.Load(Path.Combine(dir.FullName, "CrmBlazor.Web", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

        Assert.All(StageThresholds.Descriptors, d =>
        {
            Assert.Contains("{0}", texts["Threshold." + d.Key]);
            Assert.True(texts.ContainsKey("Field." + d.Key), "Field." + d.Key);
        });
        Assert.All(Enum.GetNames<ThresholdUnit>(), u => Assert.True(texts.ContainsKey("ThresholdUnit." + u), u));
        Assert.All(new[] { "orders", "customers" }, phase => Assert.True(texts.ContainsKey("RecomputePhase." + phase), phase));
    }
}
