namespace CrmBlazor.Web;

/// <summary>Marker for the UI text resources: <c>Resources/SharedResource.resx</c> (English) and <c>.zh-CN.resx</c>.</summary>
public sealed class SharedResource;
