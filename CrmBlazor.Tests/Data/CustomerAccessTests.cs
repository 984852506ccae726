using CrmBlazor.Data.Common;
using CrmBlazor.Data.Customers;
using CrmBlazor.Data.Users;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBlazor.Tests.Data;

/// <summary>Record-level access to customers (PRODUCT.md §1), enforced by the scoped context for every service.</summary>
public abstract class CustomerAccessTests(DatabaseFixture fx) : IAsyncLifetime
{
    private TestData.User _manager = null!, _am1 = null!, _am2 = null!, _outsider = null!, _service = null!, _exec = null!;
    private int _c1, _c2, _outsiderCustomer, _unowned;

    public async ValueTask InitializeAsync()
    {
        fx.RequireAvailable();
        _manager = await fx.AddUserAsync(Roles.SalesManager);
        var team = await fx.AddTeamAsync("Team " + Guid.NewGuid().ToString("N")[..6], _manager.Id);
        _am1 = await fx.AddUserAsync(Roles.AccountManager, team);
        _am2 = await fx.AddUserAsync(Roles.AccountManager, team);
        _outsider = await fx.AddUserAsync(Roles.AccountManager);
        _service = await fx.AddUserAsync(Roles.CustomerService);
        _exec = await fx.AddUserAsync(Roles.Executive);
        _c1 = await fx.AddCustomerAsync("甲公司 " + Guid.NewGuid().ToString("N")[..6], _am1.Id);
        _c2 = await fx.AddCustomerAsync("乙公司 " + Guid.NewGuid().ToString("N")[..6], _am2.Id);
        _outsiderCustomer = await fx.AddCustomerAsync("丙公司 " + Guid.NewGuid().ToString("N")[..6], _outsider.Id);
        _unowned = await fx.AddCustomerAsync("丁公司 " + Guid.NewGuid().ToString("N")[..6], null);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<AccessScope> ScopeOf(TestData.User user) =>
        await fx.Services.GetRequiredService<UserDirectory>().ScopeForAsync(user.Id, user.Email, [user.Role]);

    private async Task<HashSet<int>> VisibleIds(TestData.User user)
    {
        var page = await fx.As<CustomerService>(await ScopeOf(user)).ListAsync(new CustomerQuery { Take = 500 });
        return page.Items.Select(c => c.Id).ToHashSet();
    }

    [Fact]
    public async Task ListAsync_AccountManager_SeesOnlyOwnCustomers()
    {
        var ids = await VisibleIds(_am1);
        Assert.Contains(_c1, ids);
        Assert.DoesNotContain(_c2, ids);
        Assert.DoesNotContain(_outsiderCustomer, ids);
        Assert.DoesNotContain(_unowned, ids);
    }

    [Fact]
    public async Task ListAsync_SalesManager_SeesTeamAndUnownedButNotOtherTeams()
    {
        var ids = await VisibleIds(_manager);
        Assert.Contains(_c1, ids);
        Assert.Contains(_c2, ids);
        Assert.Contains(_unowned, ids);
        Assert.DoesNotContain(_outsiderCustomer, ids);
    }

    [Fact]
    public async Task ListAsync_CustomerServiceAndExecutive_SeeEveryCustomer()
    {
        foreach (var user in new[] { _service, _exec })
        {
            var ids = await VisibleIds(user);
            Assert.Superset(new HashSet<int> { _c1, _c2, _outsiderCustomer, _unowned }, ids);
        }
    }

    [Fact]
    public async Task GetAsync_AccountManagerAsksForAnotherManagersCustomer_IsDenied()
    {
        var lookup = await fx.As<CustomerService>(await ScopeOf(_am1)).GetAsync(_c2);
        Assert.Equal(LookupStatus.Denied, lookup.Status);
        Assert.Null(lookup.Value);
    }

    [Fact]
    public async Task GetAsync_UnknownId_IsNotFound()
    {
        var lookup = await fx.As<CustomerService>(await ScopeOf(_am1)).GetAsync(int.MaxValue);
        Assert.Equal(LookupStatus.NotFound, lookup.Status);
    }

    [Fact]
    public async Task GetAsync_ContactPhoneMaskedForEveryone_OnlyTheOwnerMayRevealIt()
    {
        var own = await fx.As<CustomerService>(await ScopeOf(_am1)).GetAsync(_c1);
        Assert.Equal("138****8888", own.Value!.Contacts[0].Mobile);
        Assert.True(own.Value.CanReveal);

        var service = await fx.As<CustomerService>(await ScopeOf(_service)).GetAsync(_c1);
        Assert.Equal("138****8888", service.Value!.Contacts[0].Mobile);
        Assert.Equal("c***@example.com", service.Value.Contacts[0].Email);
        Assert.False(service.Value.CanReveal);
    }

    [Fact]
    public async Task ChildRecords_OfAnotherManagersCustomer_AreInvisible()
    {
        await using var db = await fx.DbAsAsync(await ScopeOf(_am1));
        Assert.Empty(db.Contacts.Where(c => c.CustomerId == _c2).ToList());
        Assert.NotEmpty(db.Contacts.Where(c => c.CustomerId == _c1).ToList());
    }

    [Fact]
    public async Task NoScope_SeesNoBusinessRecord()
    {
        await using var db = await fx.DbAsAsync(AccessScope.None);
        Assert.Empty(db.Customers.ToList());
        Assert.Empty(db.Contacts.ToList());
    }

    [Fact]
    public async Task ListAsync_CallerWithoutTheCapability_IsRefused()
    {
        var nobody = AccessScope.ForUser("x", "x", []);
        await Assert.ThrowsAsync<AccessDeniedException>(() => fx.As<CustomerService>(nobody).ListAsync(new CustomerQuery()));
    }
}

public sealed class CustomerAccessTests_Sqlite(SqliteFixture fx) : CustomerAccessTests(fx), IClassFixture<SqliteFixture>;

public sealed class CustomerAccessTests_Postgres(PostgresFixture fx) : CustomerAccessTests(fx), IClassFixture<PostgresFixture>;
