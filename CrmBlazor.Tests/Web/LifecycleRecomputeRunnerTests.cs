using CrmBlazor.Data.Lifecycle;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Tests.TestSupport;
using CrmBlazor.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBlazor.Tests.Web;

/// <summary>The one-at-a-time runner behind "re-evaluate all customers now" and the daily job, over the real engine.</summary>
public sealed class LifecycleRecomputeRunnerTests(SqliteFixture fx) : IClassFixture<SqliteFixture>, IAsyncLifetime
{
    private TestData.User _admin = null!, _manager = null!;

    public async ValueTask InitializeAsync()
    {
        _admin = await fx.AddUserAsync(Roles.Admin);
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        await fx.AddCustomerAsync("重算 " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private LifecycleRecomputeRunner NewRunner() =>
        new(fx.Services.GetRequiredService<LifecycleEvaluator>(), fx.Clock, new Lifetime(), NullLogger<LifecycleRecomputeRunner>.Instance);

    [Fact]
    public async Task TryStart_RunsInTheBackground_ReportsPhases_AndEndsWithTheSummary()
    {
        var runner = NewRunner();
        var seen = new List<RecomputeRun>();
        runner.Changed += r => { lock (seen) seen.Add(r); };

        Assert.True(runner.TryStart(_admin.Scope(), out var started));
        Assert.Equal(_admin.Id, started.StartedById);
        await runner.WhenIdleAsync();

        var done = runner.Current!;
        Assert.False(done.IsRunning);
        Assert.Null(done.Error);
        Assert.True(done.Summary!.Evaluated >= 1);
        lock (seen)
        {
            Assert.True(seen[0].IsRunning);
            Assert.Contains(seen, r => r.Progress?.Phase == "customers");
            Assert.Same(done, seen[^1]);
        }
    }

    [Fact]
    public async Task TryStart_WhileARunIsUnderWay_IsRefused_AndTheDailyJobSkips()
    {
        var runner = NewRunner();
        var paused = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        // an observer on the engine's thread holds the run at its first progress report
        runner.Changed += r =>
        {
            if (r.Progress is null) return;
            paused.TrySetResult();
            release.Task.Wait(TimeSpan.FromSeconds(30));
        };
        Assert.True(runner.TryStart(_admin.Scope(), out var first));
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(runner.TryStart(_admin.Scope(), out var running));
        Assert.Equal(first.Id, running.Id);
        Assert.Null(await runner.RunAsync("daily job"));

        release.SetResult();
        await runner.WhenIdleAsync();
        Assert.NotNull(runner.Current!.Summary);
        Assert.True(runner.TryStart(_admin.Scope(), out _)); // free again once it has finished
        await runner.WhenIdleAsync();
    }

    [Fact]
    public void TryStart_ByANonAdmin_IsRefused()
    {
        var runner = NewRunner();
        Assert.Throws<AccessDeniedException>(() => runner.TryStart(_manager.Scope(), out _));
        Assert.Null(runner.Current);
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
