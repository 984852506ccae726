using CrmBlazor.Domain.Common;

namespace CrmBlazor.Domain.Orders;

/// <summary>A historical order (历史订单), imported from the order system; the order number is its natural key.</summary>
public sealed class Order : Entity
{
    private readonly List<OrderLine> _lines = [];

    private Order() { }

    public string OrderNo { get; private set; } = "";
    public int CustomerId { get; private set; }
    public DateOnly OrderDate { get; private set; }
    public decimal Amount { get; private set; }
    public DateTime ImportedAt { get; private set; }
    public IReadOnlyList<OrderLine> Lines => _lines;

    public static Order Create(string orderNo, int customerId, DateOnly orderDate, decimal amount, DateTime now)
    {
        if (LocalToday.IsFuture(orderDate, now))
            throw new DomainException("Order.FutureDate", "An order cannot be dated in the future.");
        return new Order
        {
            OrderNo = Check.Required(orderNo, "OrderNo", 40),
            CustomerId = customerId,
            OrderDate = orderDate,
            Amount = Check.NotNegative(amount, "Amount"),
            ImportedAt = now,
        };
    }

    public OrderLine AddLine(string productCode, decimal quantity, decimal unitPrice, int? productId = null)
    {
        if (quantity <= 0)
            throw new DomainException("Order.Quantity", "Quantity must be greater than zero.");
        var line = new OrderLine(Check.Required(productCode, "ProductCode", 40), quantity, Check.NotNegative(unitPrice, "UnitPrice"), productId);
        _lines.Add(line);
        return line;
    }
}

public sealed class OrderLine : Entity
{
    private OrderLine() { }

    internal OrderLine(string productCode, decimal quantity, decimal unitPrice, int? productId)
    {
        ProductCode = productCode;
        Quantity = quantity;
        UnitPrice = unitPrice;
        ProductId = productId;
    }

    public int OrderId { get; private set; }
    public int? ProductId { get; private set; }
    public string ProductCode { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal LineTotal => Quantity * UnitPrice;
}
