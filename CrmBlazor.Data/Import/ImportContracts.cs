using CrmBlazor.Domain.Common;

namespace CrmBlazor.Data.Import;

/// <summary>What a file holds: customers (with a contact), orders (with lines), behaviour events, the product catalogue or stock per warehouse.</summary>
public enum ImportKind { Customers, Orders, Events, Products, Inventory }

/// <param name="AllOrNothing">When any row is rejected, commit nothing.</param>
/// <param name="Mapping">File header → field, for headers that are not matched by name (an empty field ignores the column).</param>
public sealed record ImportOptions(bool AllOrNothing = false, IReadOnlyDictionary<string, string>? Mapping = null);

/// <summary>A rejected row: its line in the file, why (a code the UI translates, with an English message), and its fields as written.</summary>
public sealed record ImportRejection(int Line, DomainException Reason, IReadOnlyList<string> Fields);

/// <summary>
/// What an import did. <see cref="Added"/> counts new records (customers, orders, events),
/// <see cref="Updated"/> existing customers changed by the file, <see cref="Unchanged"/> records
/// already present exactly as in the file (a re-import). <see cref="Committed"/> is false when
/// nothing was written (all or nothing with a rejected row, or no valid row).
/// </summary>
public sealed record ImportReport(ImportKind Kind, int Rows, int Added, int Updated, int Unchanged, int LinesAdded,
    IReadOnlyList<ImportRejection> Rejected, IReadOnlyList<string> Headers, IReadOnlyList<string> UnknownColumns,
    bool Committed, int CustomersAffected, TimeSpan Elapsed)
{
    public bool AllImported => Rejected.Count == 0;
}

/// <summary>Progress of an import: the phase (<c>reading</c>, <c>checking</c>, <c>writing</c>, <c>evaluating</c>) and rows done of total.</summary>
public sealed record ImportProgress(string Phase, int Done, int Total);

/// <summary>The default columns of each file kind (English names, as documented in docs/import.md) with the Chinese headers also accepted.</summary>
public static class ImportColumns
{
    public static readonly IReadOnlyDictionary<string, string[]> Customers = new Dictionary<string, string[]>
    {
        ["customer_no"] = ["客户编号", "客户号", "编号", "number", "customer_number"],
        ["name"] = ["客户名称", "名称", "公司名称", "customer_name"],
        ["industry"] = ["行业"],
        ["region"] = ["地区", "区域"],
        ["level"] = ["客户等级", "等级"],
        ["owner"] = ["客户经理", "负责人", "owner_email"],
        ["contact_name"] = ["联系人", "联系人姓名", "contact"],
        ["phone"] = ["电话", "手机", "联系电话", "mobile"],
        ["email"] = ["邮箱", "电子邮件", "e-mail"],
        ["created_at"] = ["创建日期", "创建时间", "建档日期", "created"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> Orders = new Dictionary<string, string[]>
    {
        ["order_no"] = ["订单号", "订单编号", "order_number"],
        ["customer_no"] = ["客户编号", "客户号", "customer_number"],
        ["order_date"] = ["下单日期", "订单日期", "日期", "date"],
        ["amount"] = ["金额", "订单金额", "total"],
        ["product_code"] = ["产品编号", "产品代码", "商品编号", "product"],
        ["quantity"] = ["数量", "qty"],
        ["unit_price"] = ["单价", "price"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> Events = new Dictionary<string, string[]>
    {
        ["event_id"] = ["事件编号", "事件号", "id"],
        ["customer_no"] = ["客户编号", "客户号", "customer_number"],
        ["occurred_at"] = ["发生时间", "时间", "日期", "date"],
        ["type"] = ["类型", "事件类型"],
        ["value"] = ["数值", "值"],
        ["detail"] = ["详情", "说明", "备注"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> Products = new Dictionary<string, string[]>
    {
        ["code"] = ["产品编号", "产品代码", "编号", "product_code"],
        ["name"] = ["产品名称", "名称", "product_name"],
        ["name_en"] = ["英文名称", "english_name"],
        ["model"] = ["型号"],
        ["specification"] = ["规格", "spec"],
        ["unit"] = ["单位"],
        ["price"] = ["单价", "价格", "unit_price"],
        ["active"] = ["启用", "有效", "is_active"],
        ["core_feature"] = ["核心功能", "core"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> Inventory = new Dictionary<string, string[]>
    {
        ["product_code"] = ["产品编号", "产品代码", "code", "product"],
        ["warehouse"] = ["仓库", "库房"],
        ["quantity"] = ["数量", "库存", "库存数量", "qty", "stock"],
    };

    /// <summary>Kinds that change company-wide reference data rather than customers: admins only (<see cref="Domain.Access.Capability.ManageSettings"/>).</summary>
    public static bool IsReferenceData(ImportKind kind) => kind is ImportKind.Products or ImportKind.Inventory;

    /// <summary>Columns a file must have (after mapping).</summary>
    public static IReadOnlyList<string> Required(ImportKind kind) => kind switch
    {
        ImportKind.Customers => ["customer_no", "name"],
        ImportKind.Orders => ["order_no", "customer_no", "order_date"],
        ImportKind.Products => ["code", "name", "unit", "price"],
        ImportKind.Inventory => ["product_code", "warehouse", "quantity"],
        _ => ["event_id", "customer_no", "occurred_at", "type"],
    };

    public static IReadOnlyDictionary<string, string[]> For(ImportKind kind) => kind switch
    {
        ImportKind.Customers => Customers,
        ImportKind.Orders => Orders,
        ImportKind.Products => Products,
        ImportKind.Inventory => Inventory,
        _ => Events,
    };

    /// <summary>The <c>type</c> values of an events file.</summary>
    public static readonly IReadOnlyList<string> EventTypes =
        ["site_visit", "lead_form", "event_participation", "feature_use", "usage_minutes", "service_contact", "referral", "unsubscribe", "account_closed"];
}
