namespace CrmBlazor.Web.Security;

/// <summary>
/// How long a user may leave the app untouched before being signed out: <c>Security:IdleTimeoutMinutes</c>
/// (default 30). The sign-in cookie expires after the same time unless activity renews it, and an
/// open page signs itself out (<see cref="IdleClock"/>, <c>IdleSignOut</c>), because a live Blazor
/// circuit never asks for the cookie again.
/// </summary>
public sealed class IdleTimeout
{
    public const string Key = "Security:IdleTimeoutMinutes";

    public IdleTimeout(TimeSpan limit)
    {
        if (limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(limit), "The idle timeout must be positive.");
        Limit = limit;
    }

    public static IdleTimeout From(IConfiguration configuration)
    {
        var minutes = configuration.GetValue(Key, 30.0);
        return minutes > 0 && minutes <= 24 * 60
            ? new IdleTimeout(TimeSpan.FromMinutes(minutes))
            : throw new InvalidOperationException($"{Key} must be more than 0 and at most 1440 minutes (it is {minutes}).");
    }

    public TimeSpan Limit { get; }

    /// <summary>How often the page reports activity and checks the clock: a quarter of the limit, at most every 30 s.</summary>
    public TimeSpan CheckEvery => TimeSpan.FromTicks(Math.Min(Limit.Ticks / 4, TimeSpan.FromSeconds(30).Ticks));

    /// <summary>How often an active page renews the sign-in cookie: a quarter of the limit, at most every 5 minutes.</summary>
    public TimeSpan RenewEvery => TimeSpan.FromTicks(Math.Min(Limit.Ticks / 4, TimeSpan.FromMinutes(5).Ticks));
}

/// <summary>The last activity of one open page and whether the user has been away too long.</summary>
public sealed class IdleClock(TimeSpan limit, DateTimeOffset start)
{
    public DateTimeOffset LastActivity { get; private set; } = start;

    /// <summary>Activity reported late (a delayed message) never moves the clock backwards.</summary>
    public void Touch(DateTimeOffset now)
    {
        if (now > LastActivity) LastActivity = now;
    }

    public TimeSpan Remaining(DateTimeOffset now) => limit - (now - LastActivity);

    public bool IsExpired(DateTimeOffset now) => Remaining(now) <= TimeSpan.Zero;
}
