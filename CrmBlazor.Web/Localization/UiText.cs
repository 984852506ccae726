using CrmBlazor.Data.Lookups;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.BasicData;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using Microsoft.Extensions.Localization;

namespace CrmBlazor.Web.Localization;

/// <summary>
/// Everything a page needs to speak the reader's language: resource strings, enum names,
/// data-dictionary labels, user names, business-rule refusals and stage explanations.
/// Call <see cref="LoadAsync"/> once before rendering labels.
/// </summary>
public sealed class UiText(IStringLocalizer<SharedResource> localizer, DictionaryCache dictionary, UserDirectory users)
{
    private Func<DictionaryKind, string?, string> _labels = (_, code) => code ?? "";
    private UserDirectory.Snapshot? _users;

    public string this[string key] => localizer[key];

    public string this[string key, params object?[] args] => localizer[key, args.Select(a => a ?? "").ToArray()];

    /// <summary>The text of <paramref name="key"/>, or null when there is none (for a more specific key with a general fallback).</summary>
    public string? Find(string key) => localizer[key] is { ResourceNotFound: false } text ? text.Value : null;

    public async Task LoadAsync(CancellationToken ct = default)
    {
        _labels = await dictionary.LabellerAsync(Formats.IsChinese, ct);
        _users = await users.GetAsync(ct);
    }

    public string Enum<T>(T value) where T : struct, System.Enum => localizer[$"{typeof(T).Name}.{value}"];

    public string Enum<T>(T? value) where T : struct, System.Enum => value is { } v ? Enum(v) : "—";

    public string Dict(DictionaryKind kind, string? code) => string.IsNullOrEmpty(code) ? "—" : _labels(kind, code);

    public string User(string? id) => string.IsNullOrEmpty(id) ? "—" : _users?.NameOf(id) is { Length: > 0 } name ? name : "—";

    /// <summary>The reader's-language text of a business-rule refusal; falls back to the English message for an unknown code.</summary>
    public string Error(DomainException ex)
    {
        var text = localizer["Error." + ex.Code, ex.Args.Select(Arg).ToArray()];
        return text.ResourceNotFound ? ex.Message : text.Value;
    }

    /// <summary>One stage reason, e.g. "距上次下单 63 天（> 60）".</summary>
    public string Reason(StageReason reason)
    {
        var text = localizer["Reason." + reason.Code, reason.Args.Cast<object>().ToArray()];
        return text.ResourceNotFound ? string.Join(" ", [reason.Code, .. reason.Args]) : text.Value;
    }

    /// <summary>A whole explanation: "衰退：距上次下单 63 天（> 60）；但 满意度 5/5".</summary>
    public string Explain(LifecycleStage stage, string? storedReasons)
    {
        var reasons = StageReason.Deserialize(storedReasons);
        var decisive = string.Join(localizer["Reason.Separator"], reasons.Where(r => !r.Counter).Select(Reason));
        var counter = reasons.Where(r => r.Counter).Select(Reason).ToArray();
        var text = $"{Enum(stage)}{localizer["Reason.Colon"]}{decisive}";
        return counter.Length == 0 ? text : text + localizer["Reason.But", string.Join(localizer["Reason.And"], counter)];
    }

    private object Arg(object? arg) => arg switch
    {
        null => "",
        string s when !localizer["Field." + s].ResourceNotFound => localizer["Field." + s].Value,
        System.Enum e when !localizer[$"{e.GetType().Name}.{e}"].ResourceNotFound => localizer[$"{e.GetType().Name}.{e}"].Value,
        _ => arg,
    };
}
