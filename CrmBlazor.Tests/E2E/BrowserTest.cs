using Microsoft.Playwright;

namespace CrmBlazor.Tests.E2E;

/// <summary>
/// Base of the browser tests. When a test fails it reports what the browser and the server were
/// doing — each open page's address, alerts, reconnect banner and console errors, the server's
/// warnings during the test, and a screenshot under <c>TestResults/e2e-failures</c> — so a failure
/// on CI explains itself; and it closes every browser context the test opened, failed or not.
/// </summary>
public abstract class BrowserTest : IAsyncDisposable
{
    protected BrowserTest(BrowserFixture fixture)
    {
        Fx = fixture;
        fixture.BeginTest();
    }

    /// <summary>The shared app server and browser.</summary>
    protected BrowserFixture Fx { get; }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        var context = TestContext.Current;
        if (context.TestState?.Result == TestResult.Failed)
        {
            try
            {
                context.TestOutputHelper?.WriteLine(await Fx.DescribeAsync(context.Test?.TestDisplayName ?? "test"));
            }
            catch (Exception ex)
            {
                context.TestOutputHelper?.WriteLine("Could not describe the failure: " + ex.Message);
            }
        }
        await Fx.EndTestAsync();
    }
}
