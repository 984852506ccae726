using CrmBlazor.Data.Users;
using CrmBlazor.Web.Localization;

namespace CrmBlazor.Web.Features.Admin;

internal static class AdminErrors
{
    /// <summary>Admin and Identity error codes in the reader's language ("Identity.PasswordTooShort" → "密码至少需要 8 个字符").</summary>
    public static string Describe(UiText t, AdminResult result) =>
        string.Join(" ", result.Errors.Select(code => t["Error." + code] is var text && text != "Error." + code ? text : code));
}
