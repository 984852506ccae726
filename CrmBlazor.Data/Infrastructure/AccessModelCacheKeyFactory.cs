using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CrmBlazor.Data.Infrastructure;

/// <summary>One cached model per access profile, because each profile has its own query filters.</summary>
internal sealed class AccessModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is CrmDbContext crm
            ? (context.GetType(), crm.Scope.Profile, designTime)
            : (object)(context.GetType(), designTime);
}
