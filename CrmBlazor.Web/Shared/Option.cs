namespace CrmBlazor.Web.Shared;

/// <summary>An entry of a drop-down: the text shown and the value it stands for.</summary>
public sealed record Option<TValue>(string Text, TValue Value);
