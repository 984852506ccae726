using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Privacy;

namespace CrmBlazor.Tests.Domain;

public sealed class MaskTests
{
    [Theory]
    [InlineData("13812348888", "138****8888")]
    [InlineData("+86 138-1234-8888", "+86 138****8888")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    public void Phone(string value, string masked) => Assert.Equal(masked, Mask.Phone(value));

    [Theory]
    [InlineData("zhang@example.com", "z***@example.com")]
    [InlineData("@broken", "@*****n")]
    public void Email(string value, string masked) => Assert.Equal(masked, Mask.Email(value));

    [Theory]
    [InlineData("上海市浦东新区世纪大道100号", "上******号")]
    [InlineData("ab", "**")]
    [InlineData("abcd", "a***")]
    public void Middle(string value, string masked) => Assert.Equal(masked, Mask.Middle(value));

    [Fact]
    public void Null_StaysNull() => Assert.Null(Mask.Value(PersonalKind.Phone, null));
}

public sealed class PersonalDataPolicyTests
{
    private static AccessScope As(string role, string id = "me", string[]? team = null) => AccessScope.ForUser(id, id, [role], team);

    [Fact]
    public void Owner_ManagerOfTheOwner_AndAdmin_SeeInClear()
    {
        Assert.True(PersonalDataPolicy.SeesClear(As(Roles.AccountManager), "me"));
        Assert.True(PersonalDataPolicy.SeesClear(As(Roles.SalesManager, "sm", ["am-1"]), "am-1"));
        Assert.True(PersonalDataPolicy.SeesClear(As(Roles.Admin, "admin"), "am-1"));
    }

    [Fact]
    public void Everyone_Else_SeesMasked()
    {
        Assert.False(PersonalDataPolicy.SeesClear(As(Roles.AccountManager), "other"));
        Assert.False(PersonalDataPolicy.SeesClear(As(Roles.SalesManager, "sm", ["am-1"]), "am-9"));
        Assert.False(PersonalDataPolicy.SeesClear(As(Roles.CustomerService, "cs"), "am-1"));
        Assert.False(PersonalDataPolicy.SeesClear(As(Roles.Executive, "ex"), "am-1"));
        Assert.Equal("138****8888", PersonalDataPolicy.Show(As(Roles.Executive, "ex"), "am-1", PersonalKind.Phone, "13812348888"));
    }
}

public sealed class AccessScopeTests
{
    [Fact]
    public void ProfileFor_PicksTheBroadestRole()
    {
        Assert.Equal(AccessProfile.Admin, RolePermissions.ProfileFor([Roles.AccountManager, Roles.Admin]));
        Assert.Equal(AccessProfile.SalesManager, RolePermissions.ProfileFor([Roles.AccountManager, Roles.SalesManager]));
        Assert.Equal(AccessProfile.None, RolePermissions.ProfileFor(["Guest"]));
    }

    [Fact]
    public void Require_WithoutTheCapability_Throws()
    {
        var exec = AccessScope.ForUser("e", "e", [Roles.Executive]);
        Assert.True(exec.Can(Capability.ViewReports));
        var e = Assert.Throws<AccessDeniedException>(() => exec.Require(Capability.EditCustomers));
        Assert.Equal("Access.Denied", e.Code);
    }

    [Fact]
    public void ForUser_TeamAlwaysIncludesTheUser() =>
        Assert.Equal(new[] { "am-1", "sm" }, AccessScope.ForUser("sm", "sm", [Roles.SalesManager], ["am-1"]).TeamUserIds.Order());

    [Fact]
    public void Matrix_AdminCanEverything_ExecutiveOnlyReads()
    {
        Assert.All(Enum.GetValues<Capability>(), c => Assert.True(RolePermissions.Allows(Roles.Admin, c)));
        Assert.False(RolePermissions.Allows(Roles.Executive, Capability.CreateOpportunities));
        Assert.False(RolePermissions.Allows(Roles.CustomerService, Capability.ViewOpportunities));
        Assert.True(RolePermissions.Allows(Roles.SalesManager, Capability.AssignOpportunities));
        Assert.False(RolePermissions.Allows(Roles.AccountManager, Capability.AssignOpportunities));
    }
}

public sealed class StageThresholdsTests
{
    [Fact]
    public void FromSettings_MissingKeysKeepTheDefaults()
    {
        var t = StageThresholds.FromSettings(new Dictionary<string, string> { ["Stage.DecliningNoOrderDays"] = "45", ["Stage.ChurnedNoOrderDays"] = "junk" });
        Assert.Equal(45, t.DecliningNoOrderDays);
        Assert.Equal(90, t.ChurnedNoOrderDays);
        Assert.Equal(3, t.ProspectMinSiteVisits);
    }

    [Fact]
    public void ToSettings_RoundTrips()
    {
        var tuned = new StageThresholds() with { MatureArpuTopPercent = 15 };
        Assert.Equal(tuned, StageThresholds.FromSettings(tuned.ToSettings()));
    }

    [Fact]
    public void With_OutOfRangeValue_IsRefused()
    {
        var values = StageThresholds.Descriptors.ToDictionary(d => d.Key, d => d.Default);
        values["MatureArpuTopPercent"] = 101;
        Assert.Equal("Threshold.Range", Assert.Throws<DomainException>(() => StageThresholds.With(values)).Code);
    }

    [Fact]
    public void With_ChurnNotAfterDecline_IsRefused()
    {
        var values = StageThresholds.Descriptors.ToDictionary(d => d.Key, d => d.Default);
        values["ChurnedNoOrderDays"] = 60;
        Assert.Equal("Threshold.ChurnAfterDecline", Assert.Throws<DomainException>(() => StageThresholds.With(values)).Code);
    }
}

public sealed class ErasureTombstoneTests
{
    [Fact]
    public void Hash_IsStable_NormalisedAndOneWay()
    {
        var a = ErasureTombstone.Hash(ErasedKind.Contact, " 13812348888 ");
        Assert.Equal(a, ErasureTombstone.Hash(ErasedKind.Contact, "13812348888"));
        Assert.NotEqual(a, ErasureTombstone.Hash(ErasedKind.Customer, "13812348888"));
        Assert.Equal(64, a.Length);
        Assert.DoesNotContain("1381234", a);
    }

    [Fact]
    public void Can_ARoleThatSeesEveryCustomer_DoesNotLendOwnerScopedRights()
    {
        // an account manager who is also in customer service sees every customer (the service view) …
        var both = AccessScope.ForUser("u1", "u1@x", [Roles.AccountManager, Roles.CustomerService], []);
        Assert.Equal(AccessProfile.CustomerService, both.Profile);
        // … so the account manager's rights to edit and import, scoped to own customers, do not apply
        Assert.False(both.Can(Capability.EditCustomers));
        Assert.False(both.Can(Capability.ImportData));
        Assert.True(both.Can(Capability.HandleTickets));
        // a sales manager who also carries accounts keeps both
        var manager = AccessScope.ForUser("u2", "u2@x", [Roles.AccountManager, Roles.SalesManager], []);
        Assert.True(manager.Can(Capability.AssignOpportunities));
        Assert.True(manager.Can(Capability.DevelopOpportunities));
        Assert.False(RolePermissions.CanCombine([Roles.Executive, Roles.SalesManager]));
        Assert.False(RolePermissions.CanCombine([Roles.CustomerService, Roles.AccountManager]));
        Assert.True(RolePermissions.CanCombine([Roles.SalesManager, Roles.AccountManager]));
        Assert.True(RolePermissions.CanCombine([Roles.Admin, Roles.Executive, Roles.AccountManager]));
    }
}
