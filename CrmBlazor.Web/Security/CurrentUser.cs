using System.Security.Claims;
using CrmBlazor.Data.Access;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace CrmBlazor.Web.Security;

/// <summary>
/// The signed-in user of this request or circuit, as an <see cref="AccessScope"/> for the data
/// services. Roles come from the sign-in cookie; the team is looked up in the user directory.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider auth, UserDirectory directory, IHttpContextAccessor http) : ICurrentUser
{
    private AccessScope? _scope;
    private string? _for;

    public async Task<AccessScope> GetScopeAsync(CancellationToken cancellationToken = default)
    {
        var principal = (await auth.GetAuthenticationStateAsync()).User;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return AccessScope.None;
        if (_scope is not null && _for == id) return _scope;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value);
        _scope = await directory.ScopeForAsync(id, principal.Identity?.Name ?? id, roles, cancellationToken);
        _for = id;
        return _scope;
    }

    private string? _address;

    /// <summary>Kept once known: inside a circuit the HTTP context is not always there when the audit needs it.</summary>
    public string? ClientAddress => _address ??= http.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
