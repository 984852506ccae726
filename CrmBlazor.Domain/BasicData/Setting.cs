using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.BasicData;

/// <summary>An admin-tunable setting (stage thresholds, pool return days, …) as a key and an invariant-culture value.</summary>
public sealed class Setting : VersionedEntity
{
    private Setting() { }

    public Setting(string key, string value, DateTime now)
    {
        Key = Check.Required(key, "Key", 100);
        Value = Check.MaxLength(value, "Value", 2000) ?? "";
        UpdatedAt = now;
    }

    public string Key { get; private set; } = "";
    public string Value { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string? UpdatedById { get; private set; }

    public void Change(string value, string? byUserId, DateTime now)
    {
        Value = Check.MaxLength(value, "Value", 2000) ?? "";
        UpdatedById = byUserId;
        UpdatedAt = now;
    }
}
