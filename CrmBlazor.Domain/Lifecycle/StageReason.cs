using System.Text.Json;

namespace CrmBlazor.Domain.Lifecycle;

/// <summary>
/// One reason behind a classification, as a resource code plus its values, so it can be shown in
/// the reader's language ("衰退：距上次下单 63 天（> 60）" / "Declining: 63 days since last order (> 60)").
/// <see cref="Counter"/> marks a grey-zone signal that pulled the other way.
/// </summary>
public sealed record StageReason(string Code, IReadOnlyList<string> Args, bool Counter = false)
{
    public bool Equals(StageReason? other) =>
        other is not null && Code == other.Code && Counter == other.Counter && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Code, Counter, Args.Count == 0 ? "" : Args[0]);

    public static StageReason Of(string code, params object[] args) =>
        new(code, args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray());

    public static StageReason CounterOf(string code, params object[] args) => Of(code, args) with { Counter = true };

    public static string Serialize(IEnumerable<StageReason> reasons) =>
        JsonSerializer.Serialize(reasons.Select(r => new Stored(r.Code, r.Args, r.Counter ? true : null)), Options);

    public static IReadOnlyList<StageReason> Deserialize(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored)) return [];
        try
        {
            return JsonSerializer.Deserialize<Stored[]>(stored, Options)?
                .Select(s => new StageReason(s.C, s.A ?? [], s.X == true)).ToArray() ?? [];
        }
        catch (JsonException)
        {
            return [new StageReason("Reason.Text", [stored])];
        }
    }

    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private sealed record Stored(string C, IReadOnlyList<string>? A, bool? X);
}
