using CrmBlazor.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Data.Access;

/// <summary>
/// Opens a <see cref="CrmDbContext"/> bound to the current caller's <see cref="AccessScope"/>.
/// Every service opens its contexts here — one per method, never held across calls — so the
/// record-level filters apply to every query it writes.
/// </summary>
public sealed class CrmDbFactory(IDbContextFactory<CrmDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<CrmDbContext> CreateAsync(CancellationToken cancellationToken = default)
    {
        var scope = await currentUser.GetScopeAsync(cancellationToken);
        return await CreateAsync(scope, cancellationToken);
    }

    /// <summary>Opens a context for an explicit scope (jobs acting as <see cref="AccessScope.System"/>).</summary>
    public async Task<CrmDbContext> CreateAsync(AccessScope scope, CancellationToken cancellationToken = default)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Bind(scope);
        db.Clock = clock;
        db.ClientAddress = currentUser.ClientAddress;
        return db;
    }

    public Task<AccessScope> GetScopeAsync(CancellationToken cancellationToken = default) =>
        currentUser.GetScopeAsync(cancellationToken);
}
