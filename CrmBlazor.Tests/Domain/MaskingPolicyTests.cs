using System.Reflection;
using CrmBlazor.Data.Events;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Privacy;

namespace CrmBlazor.Tests.Domain;

/// <summary>The one masking policy (docs/decisions/012): the masks of every kind, the personal fields, who may reveal, what events carry.</summary>
public sealed class MaskingPolicyTests
{
    private static AccessScope As(string role, string id = "me", string[]? team = null) => AccessScope.ForUser(id, id, [role], team);

    [Theory]
    [InlineData("13812348888", "138****8888")]
    [InlineData("138 1234 8888", "138****8888")]
    [InlineData("+86 138-1234-8888", "+86 138****8888")]
    [InlineData("+8613812348888", "+861****8888")]
    [InlineData("+1 (415) 555-0100", "+1 ****0100")]
    [InlineData("+44 20 7946 0958", "+44 ****0958")]
    [InlineData("010-62345678", "010****5678")]
    [InlineData("62345678", "****5678")]
    [InlineData("1234567", "****567")]
    [InlineData("12345", "*****")]
    [InlineData("1", "*")]
    [InlineData("", "")]
    public void Phone_KeepsAtMostThreeAndFourDigits(string value, string masked) => Assert.Equal(masked, Mask.Phone(value));

    [Theory]
    [InlineData("zhang@example.com", "z***@example.com")]
    [InlineData("a@b.cn", "a***@b.cn")]
    [InlineData("@broken", "@*****n")]
    [InlineData("no-at-sign", "n******n")]
    public void Email_KeepsFirstLetterAndDomain(string value, string masked) => Assert.Equal(masked, Mask.Email(value));

    [Theory]
    [InlineData("6222 0210 0112 3456 789", "****6789")]
    [InlineData("91310000MA1FL0XX1X", "****XX1X")]
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    public void AccountAndIdNumbers_ShowOnlyTheLastFour(string value, string masked)
    {
        Assert.Equal(masked, Mask.Value(PersonalKind.BankAccount, value));
        Assert.Equal(masked, Mask.Value(PersonalKind.IdNumber, value));
    }

    [Theory]
    [InlineData(PersonalKind.Phone)]
    [InlineData(PersonalKind.Email)]
    [InlineData(PersonalKind.Address)]
    [InlineData(PersonalKind.IdNumber)]
    [InlineData(PersonalKind.BankAccount)]
    [InlineData(PersonalKind.Name)]
    public void EveryMask_HidesPartOfEveryNonEmptyValue(PersonalKind kind)
    {
        foreach (var value in new[] { "x", "张三", "13812348888", "z@example.com", "上海市浦东新区世纪大道100号", "6222021001123456789", "+86 21 6234 5678" })
        {
            var masked = Mask.Value(kind, value)!;
            Assert.NotEqual(value, masked);
            Assert.Contains('*', masked);
        }
        Assert.Null(Mask.Value(kind, null));
    }

    [Fact]
    public void Fields_AreThePersonalFieldsOfCustomersContactsAndOpportunities()
    {
        var names = PersonalDataPolicy.Fields.Select(f => $"{f.Entity.Name}.{f.Name}").ToHashSet();
        Assert.Empty(new HashSet<string>
        {
            "Customer.Phone", "Customer.Fax", "Customer.Address", "Customer.LicenceNumber", "Customer.LegalRepresentative",
            "Customer.BankAccount", "Customer.TaxId", "Contact.Mobile", "Contact.OfficePhone", "Contact.Email", "Contact.Birthday",
            "Opportunity.ContactPhone",
        }.Except(names));
        Assert.DoesNotContain("Customer.Name", names); // a company's name is not personal
        Assert.True(PersonalDataPolicy.Field<Contact>("Name")!.ShownOnScreens); // whom to ask for stays readable
        Assert.False(PersonalDataPolicy.Field<Customer>("LegalRepresentative")!.ShownOnScreens);
        Assert.Null(PersonalDataPolicy.Field<Contact>("Notes"));
        Assert.Equal(PersonalKind.Phone, PersonalDataPolicy.Field<Opportunity>("ContactPhone")!.Kind);
    }

    [Fact]
    public void CanReveal_OwnerManagerAdmin_NotServiceExecutiveOtherManagersOrJobs()
    {
        Assert.True(PersonalDataPolicy.CanReveal(As(Roles.AccountManager), "me"));
        Assert.True(PersonalDataPolicy.CanReveal(As(Roles.SalesManager, "sm", ["am-1"]), "am-1"));
        Assert.True(PersonalDataPolicy.CanReveal(As(Roles.Admin, "admin"), "am-1"));
        Assert.False(PersonalDataPolicy.CanReveal(As(Roles.AccountManager), "other"));
        Assert.False(PersonalDataPolicy.CanReveal(As(Roles.AccountManager), null));
        Assert.False(PersonalDataPolicy.CanReveal(As(Roles.SalesManager, "sm", ["am-1"]), "am-9"));
        Assert.False(PersonalDataPolicy.CanReveal(As(Roles.CustomerService, "cs"), "am-1"));
        Assert.False(PersonalDataPolicy.CanReveal(As(Roles.Executive, "ex"), "am-1"));
        Assert.False(PersonalDataPolicy.CanReveal(AccessScope.System, "am-1")); // no one to audit: jobs export, they do not reveal
        Assert.True(PersonalDataPolicy.SeesClear(AccessScope.System, "am-1"));
    }

    [Fact]
    public void SeesClear_OpportunityCreator_CountsBesideTheAssignee()
    {
        Assert.True(PersonalDataPolicy.SeesClear(As(Roles.AccountManager), "someone-else", "me"));
        Assert.False(PersonalDataPolicy.SeesClear(As(Roles.AccountManager), "someone-else", "third"));
        Assert.False(PersonalDataPolicy.SeesClear(As(Roles.Executive), "someone-else", "me"));
    }

    [Fact]
    public void ShowAndOnScreen_ExportsClearOnlyForTheRight_ScreensAlwaysMasked()
    {
        Assert.Equal("13812348888", PersonalDataPolicy.Show(As(Roles.AccountManager), "me", PersonalKind.Phone, "13812348888"));
        Assert.Equal("138****8888", PersonalDataPolicy.Show(As(Roles.CustomerService, "cs"), "me", PersonalKind.Phone, "13812348888"));
        Assert.Equal("138****8888", PersonalDataPolicy.OnScreen(PersonalKind.Phone, "13812348888"));
    }

    [Fact]
    public void Kept_TheMaskSentBackUnchanged_KeepsTheStoredValue()
    {
        Assert.Equal("13812348888", PersonalDataPolicy.Kept(PersonalKind.Phone, "138****8888", "13812348888"));
        Assert.Equal("13912345678", PersonalDataPolicy.Kept(PersonalKind.Phone, "13912345678", "13812348888"));
        Assert.Null(PersonalDataPolicy.Kept(PersonalKind.Phone, null, "13812348888")); // cleared on purpose
        Assert.Equal("138****8888", PersonalDataPolicy.Kept(PersonalKind.Phone, "138****8888", null)); // nothing stored: the domain's check refuses it
    }

    [Fact]
    public void Customer_EditedWithItsMaskedForm_KeepsEveryPersonalValue()
    {
        var c = Customer.Create("C1", new CustomerDetails
        {
            Name = "甲", Phone = "021-62345678", Fax = "021-62345679", Address = "上海市浦东新区世纪大道100号", LicenceNumber = "91310000MA1FL0XX1X",
            LegalRepresentative = "张三丰", BankAccount = "6222021001123456789", TaxId = "91310000MA1FL0XX1X",
        }, "am", DateTime.UtcNow);
        var masked = new CustomerDetails
        {
            Name = "甲", Phone = Mask.Phone(c.Phone), Fax = Mask.Phone(c.Fax), Address = Mask.Middle(c.Address), LicenceNumber = Mask.Tail(c.LicenceNumber),
            LegalRepresentative = Mask.Middle(c.LegalRepresentative), BankAccount = Mask.Tail(c.BankAccount), TaxId = Mask.Tail(c.TaxId),
        };
        c.Update(masked);
        Assert.Equal(("021-62345678", "021-62345679", "上海市浦东新区世纪大道100号", "张三丰", "6222021001123456789"), (c.Phone, c.Fax, c.Address, c.LegalRepresentative, c.BankAccount));
        c.Update(masked with { Phone = "021-60000000" });
        Assert.Equal("021-60000000", c.Phone);
    }

    /// <summary>
    /// Live events fan out to several users and go out on <c>/hubs/live</c> as they are: no event, and no
    /// row it carries, has a personal field (names shown on screens, like a contact's, aside).
    /// </summary>
    [Fact]
    public void LiveEvents_CarryNoPersonalField()
    {
        var personal = PersonalDataPolicy.Fields.Where(f => !f.ShownOnScreens).Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var events = typeof(CrmEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CrmEvent)) && !t.IsAbstract).ToArray();
        Assert.NotEmpty(events);
        var seen = new HashSet<Type>();
        var offending = new List<string>();
        void Walk(Type type, string path)
        {
            if (!seen.Add(type) || type.Namespace?.StartsWith("CrmBlazor", StringComparison.Ordinal) != true || type.IsEnum) return;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (personal.Contains(p.Name)) offending.Add($"{path}.{p.Name}");
                var inner = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                if (inner.IsGenericType) foreach (var arg in inner.GetGenericArguments()) Walk(arg, $"{path}.{p.Name}[]");
                else Walk(inner, $"{path}.{p.Name}");
            }
        }
        foreach (var e in events) Walk(e, e.Name);
        Assert.Empty(offending);
    }
}
