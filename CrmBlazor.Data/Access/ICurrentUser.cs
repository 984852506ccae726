using CrmBlazor.Domain.Access;

namespace CrmBlazor.Data.Access;

/// <summary>Who is calling: the web app resolves it from the signed-in user, the command line and jobs use <see cref="AccessScope.System"/>.</summary>
public interface ICurrentUser
{
    Task<AccessScope> GetScopeAsync(CancellationToken cancellationToken = default);

    /// <summary>The client's IP address for the audit trail, when known.</summary>
    string? ClientAddress => null;
}

/// <summary>A fixed caller — background jobs, command-line modes, tests.</summary>
public sealed class FixedCurrentUser(AccessScope scope) : ICurrentUser
{
    public Task<AccessScope> GetScopeAsync(CancellationToken cancellationToken = default) => Task.FromResult(scope);
}
