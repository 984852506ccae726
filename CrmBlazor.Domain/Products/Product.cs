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

    /// <summary>Takes the catalogue's current values (a re-import); returns whether anything changed.</summary>
    public bool Update(string name, string? nameEn, string? model, string? specification, string unit, decimal price, bool isActive, bool isCoreFeature)
    {
        var next = Create(Code, name, nameEn, model, specification, unit, price, isCoreFeature);
        next.IsActive = isActive;
        if (Name == next.Name && NameEn == next.NameEn && Model == next.Model && Specification == next.Specification && Unit == next.Unit
            && Price == next.Price && IsActive == next.IsActive && IsCoreFeature == next.IsCoreFeature)
            return false;
        (Name, NameEn, Model, Specification, Unit, Price, IsActive, IsCoreFeature) =
            (next.Name, next.NameEn, next.Model, next.Specification, next.Unit, next.Price, next.IsActive, next.IsCoreFeature);
        return true;
    }

    public void SetActive(bool active) => IsActive = active;
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

    /// <summary>The warehouse's current count (a stock re-import); returns whether it changed.</summary>
    public bool SetQuantity(decimal quantity, DateTime now)
    {
        Check.NotNegative(quantity, "Quantity");
        if (Quantity == quantity) return false;
        Quantity = quantity;
        UpdatedAt = now;
        return true;
    }
}
