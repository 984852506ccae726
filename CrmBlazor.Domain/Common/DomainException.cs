namespace CrmBlazor.Domain.Common;

/// <summary>
/// A business rule refused an operation. <see cref="Code"/> names the rule (a resource key the UI
/// translates, e.g. "Opportunity.NotEditable"); <see cref="Args"/> fill its placeholders.
/// The English <see cref="Exception.Message"/> is for logs and API clients.
/// </summary>
public class DomainException(string code, string message, params object?[] args) : Exception(message)
{
    public string Code { get; } = code;
    public IReadOnlyList<object?> Args { get; } = args;
}

/// <summary>The caller's role or record rights do not allow the operation.</summary>
public sealed class AccessDeniedException(string code, string message, params object?[] args)
    : DomainException(code, message, args);
