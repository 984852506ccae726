using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Products;

/// <summary>A catalogue product (产品信息); read-only for users, maintained by import.</summary>
public sealed class Product : VersionedEntity
{
    private Product() { }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? NameEn { get; private set; }
    public string? Model { get; private set; }
    public string? Specification { get; private set; }
    public string Unit { get; private set; } = "";
    public decimal Price { get; private set; }
    public bool IsActive { get; private set; } = true;
    /// <summary>Marks the product's main features counted as "core feature usage" by the stage rules.</summary>
    public bool IsCoreFeature { get; private set; }

    public static Product Create(string code, string name, string? nameEn, string? model, string? specification, string unit, decimal price, bool isCoreFeature = false) => new()
    {
        Code = Check.Required(code, "ProductCode", 40),
        Name = Check.Required(name, "ProductName", 200),
        NameEn = Check.Optional(nameEn, "ProductNameEn", 200),
        Model = Check.Optional(model, "Model", 100),
        Specification = Check.Optional(specification, "Specification", 200),
        Unit = Check.Required(unit, "Unit", 20),
        Price = Check.NotNegative(price, "Price"),
        IsCoreFeature = isCoreFeature,
    };

    public void Deactivate() => IsActive = false;
}

/// <summary>Stock of one product in one warehouse (库存).</summary>
public sealed class InventoryItem : VersionedEntity
{
    private InventoryItem() { }

    public int ProductId { get; private set; }
    public string Warehouse { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static InventoryItem Create(int productId, string warehouse, decimal quantity, DateTime now) => new()
    {
        ProductId = productId,
        Warehouse = Check.Required(warehouse, "Warehouse", 100),
        Quantity = Check.NotNegative(quantity, "Quantity"),
        UpdatedAt = now,
    };
}
