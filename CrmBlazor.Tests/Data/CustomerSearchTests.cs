using CrmBlazor.Data.Customers;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Common;
using CrmBlazor.Tests.TestSupport;

namespace CrmBlazor.Tests.Data;

/// <summary>The list's text search: a number-shaped text is a number prefix (an index range, any case), other text also searches names.</summary>
public abstract class CustomerSearchTests(DatabaseFixture fx)
{
    private async Task<string[]> SearchAsync(string text)
    {
        var page = await fx.As<CustomerService>(AccessScope.System).ListAsync(new CustomerQuery { Text = text, Take = 50 });
        return page.Items.Select(r => r.Name).ToArray();
    }

    [Fact]
    public async Task Search_ByNumberPrefix_InAnyCase_AndByNamePart()
    {
        fx.RequireAvailable();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var id = await fx.AddCustomerAsync($"搜索测试{tag}有限公司", null);
        await using (var db = await fx.SystemDbAsync())
        {
            var c = await db.Customers.FindAsync(id);
            c!.AssignNumber($"Q{tag.ToUpperInvariant()}77");
            await db.SaveChangesAsync();
        }
        await fx.AddCustomerAsync($"另一家{tag}", null);

        Assert.Equal([$"搜索测试{tag}有限公司"], await SearchAsync($"Q{tag.ToUpperInvariant()}7"));
        Assert.Equal([$"搜索测试{tag}有限公司"], await SearchAsync($"q{tag.ToLowerInvariant()}7"));
        Assert.Equal([$"搜索测试{tag}有限公司"], await SearchAsync($"搜索测试{tag}"));
        Assert.Equal([$"另一家{tag}"], await SearchAsync($"另一家{tag}"));
        Assert.Empty(await SearchAsync($"Q{tag.ToUpperInvariant()}8"));
    }
}

public sealed class CustomerSearchTests_Sqlite(SqliteFixture fx) : CustomerSearchTests(fx), IClassFixture<SqliteFixture>;

public sealed class CustomerSearchTests_Postgres(PostgresFixture fx) : CustomerSearchTests(fx), IClassFixture<PostgresFixture>;
