using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;

namespace CrmBlazor.Data.Privacy;

/// <summary>Exporting and erasing a person's data (PIPL art. 45/47) is an admin's act, on any record.</summary>
internal static class PrivacyAccess
{
    public static void RequireAdmin(AccessScope scope)
    {
        if (scope.Profile is not (AccessProfile.Admin or AccessProfile.System))
            throw new AccessDeniedException("Access.Denied", $"{scope.UserName} may not export or erase personal data.", "PersonalData");
    }
}
