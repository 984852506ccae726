namespace CrmBlazor.Data.Common;

/// <summary>One page of rows plus the total count behind all pages.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total)
{
    public static readonly PagedResult<T> Empty = new([], 0);
}

/// <summary>Server-side paging and sorting. <see cref="SortBy"/> names a column the service whitelists.</summary>
public record PageRequest
{
    public int Skip { get; init; }
    public int Take { get; init; } = 20;
    public string? SortBy { get; init; }
    public bool Descending { get; init; }

    public int SafeSkip => Math.Max(0, Skip);
    public int SafeTake => Math.Clamp(Take, 1, 500);
}
