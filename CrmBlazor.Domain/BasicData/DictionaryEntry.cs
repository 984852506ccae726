using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.BasicData;

/// <summary>The lists of the data dictionary (基础数据 — 数据字典).</summary>
public enum DictionaryKind
{
    CustomerLevel,
    Region,
    Industry,
    OpportunitySource,
    ServiceType,
    ChurnReason,
    FollowUpChannel,
    Tag,
}

/// <summary>One entry of a dictionary list: a stable code with a zh-CN and an English label, an order and an active flag.</summary>
public sealed class DictionaryEntry : VersionedEntity
{
    private DictionaryEntry() { }

    public DictionaryKind Kind { get; private set; }
    public string Code { get; private set; } = "";
    public string LabelZh { get; private set; } = "";
    public string LabelEn { get; private set; } = "";
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; } = true;

    public static DictionaryEntry Create(DictionaryKind kind, string code, string labelZh, string labelEn, int sortOrder)
    {
        var trimmed = Check.Required(code, "Code", 32);
        if (!trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new DomainException("Dictionary.CodeFormat", "A code may only contain letters, digits, '-' and '_'.");
        var entry = new DictionaryEntry { Kind = kind, Code = trimmed };
        entry.Rename(labelZh, labelEn, sortOrder);
        return entry;
    }

    public void Rename(string labelZh, string labelEn, int sortOrder)
    {
        LabelZh = Check.Required(labelZh, "LabelZh", 100);
        LabelEn = Check.Required(labelEn, "LabelEn", 100);
        SortOrder = sortOrder;
    }

    public void SetActive(bool active) => IsActive = active;

    public string Label(bool chinese) => chinese ? LabelZh : LabelEn;
}
