namespace CrmBlazor.Domain.Customers;

/// <summary>A tag (data-dictionary code of kind Tag) on a customer, for segmentation inside a stage.</summary>
public sealed class CustomerTag
{
    private CustomerTag() { }

    public CustomerTag(int customerId, string tagCode)
    {
        CustomerId = customerId;
        TagCode = tagCode;
    }

    public int CustomerId { get; private set; }
    public string TagCode { get; private set; } = "";
}
