namespace CrmBlazor.Domain.Common;

/// <summary>The five roles of PRODUCT.md §1. The strings are the Identity role names.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string SalesManager = "SalesManager";
    public const string AccountManager = "AccountManager";
    public const string CustomerService = "CustomerService";
    public const string Executive = "Executive";

    public static readonly IReadOnlyList<string> All = [Admin, SalesManager, AccountManager, CustomerService, Executive];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
