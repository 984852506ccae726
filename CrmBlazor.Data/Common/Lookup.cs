namespace CrmBlazor.Data.Common;

/// <summary>The outcome of reading one record by id: found, missing, or there but not the caller's to see.</summary>
public enum LookupStatus { Found, NotFound, Denied }

public sealed record Lookup<T>(LookupStatus Status, T? Value)
{
    public static Lookup<T> Found(T value) => new(LookupStatus.Found, value);
    public static readonly Lookup<T> NotFound = new(LookupStatus.NotFound, default);
    public static readonly Lookup<T> Denied = new(LookupStatus.Denied, default);
}
