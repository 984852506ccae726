using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Lifecycle;

namespace CrmBlazor.Tests.Domain;

public sealed class CustomerTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    private static Customer New() => Customer.Create("C1", new CustomerDetails { Name = "北京华信有限公司" }, "am-1", Now);

    [Fact]
    public void Create_StartsAsActiveProspect()
    {
        var c = New();
        Assert.Equal(LifecycleStage.Prospect, c.Stage);
        Assert.Equal(CustomerStatus.Active, c.Status);
        Assert.Equal(0, c.OrderCount);
    }

    [Theory]
    [InlineData("Satisfaction", 0)]
    [InlineData("Satisfaction", 6)]
    [InlineData("Credit", 0)]
    public void Update_RatingOutside1To5_IsRefused(string field, int value)
    {
        var details = new CustomerDetails { Name = "x", Satisfaction = field == "Satisfaction" ? value : null, Credit = field == "Credit" ? value : null };
        var e = Assert.Throws<DomainException>(() => New().Update(details));
        Assert.Equal(("Validation.Range", field), (e.Code, (string)e.Args[0]!));
    }

    [Theory]
    [InlineData("not a site")]
    [InlineData("http://")]
    public void Update_InvalidWebsite_IsRefused(string site) =>
        Assert.Equal("Validation.Url", Assert.Throws<DomainException>(() => New().Update(new CustomerDetails { Name = "x", Website = site })).Code);

    [Fact]
    public void Update_NegativeCapital_IsRefused() =>
        Assert.Equal("Validation.NotNegative", Assert.Throws<DomainException>(() => New().Update(new CustomerDetails { Name = "x", RegisteredCapital = -1 })).Code);

    [Fact]
    public void AddContact_FirstBecomesPrimary_ANewPrimaryReplacesIt()
    {
        var c = New();
        var first = c.AddContact(new ContactDetails { Name = "王芳" });
        var second = c.AddContact(new ContactDetails { Name = "李强" });
        Assert.True(first.IsPrimary);
        Assert.False(second.IsPrimary);
        var third = c.AddContact(new ContactDetails { Name = "赵敏", IsPrimary = true });
        Assert.True(third.IsPrimary);
        Assert.False(first.IsPrimary);
    }

    [Fact]
    public void RemoveContact_TheLastOne_IsRefused()
    {
        var c = New();
        var only = c.AddContact(new ContactDetails { Name = "王芳" });
        Assert.Equal("Customer.LastContact", Assert.Throws<DomainException>(() => c.RemoveContact(only)).Code);
    }

    [Fact]
    public void RemoveContact_ThePrimary_PromotesAnother()
    {
        var c = New();
        var primary = c.AddContact(new ContactDetails { Name = "王芳" });
        var other = c.AddContact(new ContactDetails { Name = "李强" });
        c.RemoveContact(primary);
        Assert.True(other.IsPrimary);
    }

    [Fact]
    public void RecordOrder_KeepsFirstLastCountAndSpend()
    {
        var c = New();
        c.RecordOrder(new DateOnly(2026, 5, 1), 100m);
        c.RecordOrder(new DateOnly(2026, 3, 1), 50m);
        c.RecordOrder(new DateOnly(2026, 9, 1), 150m);
        Assert.Equal(new DateOnly(2026, 3, 1), c.FirstOrderDate);
        Assert.Equal(new DateOnly(2026, 9, 1), c.LastOrderDate);
        Assert.Equal(3, c.OrderCount);
        Assert.Equal(300m, c.TotalSpend);
        Assert.Equal(100m, c.AverageOrderValue);
    }

    [Fact]
    public void EnsureDeletable_WithOrders_IsRefused()
    {
        var c = New();
        c.EnsureDeletable();
        c.RecordOrder(new DateOnly(2026, 5, 1), 100m);
        Assert.Equal("Customer.HasOrders", Assert.Throws<DomainException>(c.EnsureDeletable).Code);
    }

    [Fact]
    public void MoveToStage_SameStage_ChangesOnlyTheExplanation()
    {
        var c = New();
        Assert.False(c.MoveToStage(LifecycleStage.Prospect, "r1", Now.AddDays(1)));
        Assert.Equal(Now, c.StageEnteredAt);
        Assert.Equal("r1", c.StageReasons);
        Assert.True(c.MoveToStage(LifecycleStage.New, "r2", Now.AddDays(2)));
        Assert.Equal(Now.AddDays(2), c.StageEnteredAt);
    }

    [Theory]
    [InlineData("13812348888", true)]
    [InlineData("+86 21 6234-5678", true)]
    [InlineData("(021) 62345678", true)]
    [InlineData("12", false)]
    [InlineData("138-ABCD-8888", false)]
    public void Contact_PhoneFormat(string phone, bool valid)
    {
        var c = New();
        var act = () => c.AddContact(new ContactDetails { Name = "王芳", Mobile = phone });
        if (valid) act();
        else Assert.Equal("Validation.Phone", Assert.Throws<DomainException>(act).Code);
    }

    [Theory]
    [InlineData("wang@example.com", true)]
    [InlineData("王芳@例子.中国", true)]
    [InlineData("wang@", false)]
    [InlineData("wang example.com", false)]
    public void Contact_EmailFormat(string email, bool valid)
    {
        var act = () => New().AddContact(new ContactDetails { Name = "王芳", Email = email });
        if (valid) act();
        else Assert.Equal("Validation.Email", Assert.Throws<DomainException>(act).Code);
    }
}
