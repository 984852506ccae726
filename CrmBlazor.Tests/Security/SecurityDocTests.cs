namespace CrmBlazor.Tests.Security;

/// <summary>docs/security.md is what the matrix says now. <c>scripts/security-matrix</c> rewrites it (CRM_WRITE_SECURITY_DOC=1).</summary>
public sealed class SecurityDocTests
{
    [Fact]
    public void SecurityDoc_IsUpToDate()
    {
        var path = SecurityDoc.RepoFile(SecurityDoc.RelativePath);
        var expected = SecurityDoc.Render();
        if (Environment.GetEnvironmentVariable("CRM_WRITE_SECURITY_DOC") == "1")
            File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), $"{SecurityDoc.RelativePath} is missing: run scripts/security-matrix.");
        var actual = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(actual == expected, $"{SecurityDoc.RelativePath} is stale (the access matrix changed): run scripts/security-matrix and commit the file.");
    }

    [Fact]
    public void SecurityDoc_NamesEveryMethodAndPage()
    {
        var doc = SecurityDoc.Render();
        foreach (var rule in AccessRules.Methods) Assert.Contains($"`{rule.Key}`", doc);
        foreach (var page in AccessRules.Pages) Assert.Contains($"| {page.Page.Name} |", doc);
        Assert.Contains("| AssignOpportunities | ✓ | ✓ |  |  |  |", doc);
    }
}
