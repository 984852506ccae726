using CrmBlazor.Data.BasicData;
using CrmBlazor.Web.Localization;

namespace CrmBlazor.Web.Features.BasicData;

/// <summary>Where a dictionary entry is used, in the reader's language: "37 个客户、5 个销售机会".</summary>
public static class DictionaryText
{
    public static string Uses(UiText t, IEnumerable<DictionaryUse> uses) =>
        string.Join(t["Dictionary.UseSeparator"], uses.Select(u => t["DictionaryUsePlace." + u.Place, Formats.Number(u.Count)]));
}
