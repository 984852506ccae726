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

    /// <summary>A user's record reads as their name, any other as type and id.</summary>
    public static string Record(UiText t, AuditRow a) => a.EntityId switch
    {
        null => RecordType(t, a.EntityType),
        { } id when a.EntityType is "User" or "AppUser" && t.User(id) is var name && name != "—" => $"{RecordType(t, a.EntityType)} · {name}",
        { } id => $"{RecordType(t, a.EntityType)} #{id}",
    };
}
