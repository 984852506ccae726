using Microsoft.AspNetCore.Identity;

namespace CrmBlazor.Data.Identity;

/// <summary>
/// A CRM user. Identity supplies sign-in, lockout and roles; we add the display name, language,
/// team, and the region / industry specialities the sales manager assigns by.
/// </summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>"zh-CN" or "en"; restored into the culture cookie at sign-in.</summary>
    public string? PreferredCulture { get; set; }
    public int? TeamId { get; set; }
    /// <summary>Comma-separated Region dictionary codes.</summary>
    public string? RegionCodes { get; set; }
    /// <summary>Comma-separated Industry dictionary codes.</summary>
    public string? IndustryCodes { get; set; }
    public bool IsActive { get; set; } = true;
    public bool MustChangePassword { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }

    public IReadOnlyList<string> Regions => Split(RegionCodes);
    public IReadOnlyList<string> Industries => Split(IndustryCodes);

    public static string? Join(IEnumerable<string>? codes)
    {
        var list = codes?.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToArray() ?? [];
        return list.Length == 0 ? null : string.Join(',', list);
    }

    private static string[] Split(string? codes) =>
        string.IsNullOrWhiteSpace(codes) ? [] : codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
