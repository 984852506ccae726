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
}
