using CrmBlazor.Web.Localization;

namespace CrmBlazor.Tests.Web;

/// <summary>Where <c>/culture/set</c> returns to after switching the language.</summary>
public sealed class CultureSetupTests
{
    [Theory]
    [InlineData("/customers", "/customers")]
    [InlineData("/reports/contribution?name=科技", "/reports/contribution?name=%E7%A7%91%E6%8A%80")] // a Location header is ASCII
    [InlineData("/customers?text=a%20b#top", "/customers?text=a%20b#top")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("customers", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    public void LocalTarget_IsAnEncodedPathOnThisSite(string? redirectUri, string expected) =>
        Assert.Equal(expected, CultureSetup.LocalTarget(redirectUri));
}
