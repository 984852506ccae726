namespace CrmBlazor.Tests.TestSupport;

/// <summary>A clock the test sets: "now" is fixed unless a test moves it.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset Default = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public TestClock() : this(Default) { }

    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public DateTime UtcNow => Now.UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public void Advance(TimeSpan by) => Now += by;

    /// <summary>Runs <paramref name="work"/> with the clock moved <paramref name="by"/> ahead, then puts it back (the clock is shared by a class's tests).</summary>
    public async Task<T> AheadAsync<T>(TimeSpan by, Func<Task<T>> work)
    {
        var before = Now;
        try
        {
            Advance(by);
            return await work();
        }
        finally
        {
            Now = before;
        }
    }
}
