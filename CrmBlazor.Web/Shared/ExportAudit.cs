using CrmBlazor.Data.Access;
using CrmBlazor.Data.Audit;

namespace CrmBlazor.Web.Shared;

/// <summary>Records a CSV download made in the browser (chart data, quality tables, rejected import rows): who, what file, from where.</summary>
public static class ExportAudit
{
    public static async Task RecordAsync(ICurrentUser user, AuditLog log, string entityType, string fileName, int rows)
    {
        var scope = await user.GetScopeAsync();
        await log.ExportAsync(scope, entityType, new { file = fileName, rows }, user.ClientAddress);
    }
}
