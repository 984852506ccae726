using CrmBlazor.Data.Audit;
using CrmBlazor.Web.Localization;

namespace CrmBlazor.Web.Features.Audit;

/// <summary>How an audit entry's record reads: the record type in the reader's language and its id.</summary>
public static class AuditText
{
    public static string RecordType(UiText t, string entityType)
    {
        var text = t["AuditRecord." + entityType];
        return text == "AuditRecord." + entityType ? entityType : text;
    }

    public static string Record(UiText t, AuditRow a) => a.EntityId is null ? RecordType(t, a.EntityType) : $"{RecordType(t, a.EntityType)} #{a.EntityId}";
}
