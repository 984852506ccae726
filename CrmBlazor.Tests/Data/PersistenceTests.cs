using System.Text.Json;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Customers;
using CrmBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CrmBlazor.Tests.Data;

/// <summary>Optimistic concurrency with the integer Version token, and the audit trail written with every change.</summary>
public abstract class PersistenceTests(DatabaseFixture fx)
{
    [Fact]
    public async Task SaveChanges_TwoEditorsOfOneRecord_SecondIsRefused_FirstIsKept()
    {
        fx.RequireAvailable();
        var id = await fx.AddCustomerAsync("并发测试公司 " + Guid.NewGuid().ToString("N")[..6], null);
        await using var first = await fx.SystemDbAsync();
        await using var second = await fx.SystemDbAsync();
        var a = await first.Customers.SingleAsync(c => c.Id == id);
        var b = await second.Customers.SingleAsync(c => c.Id == id);
        Assert.Equal(0, a.Version);

        a.Update(new CustomerDetails { Name = a.Name, Satisfaction = 5 });
        await first.SaveChangesAsync();
        Assert.Equal(1, a.Version);

        b.Update(new CustomerDetails { Name = b.Name, Satisfaction = 1 });
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = await fx.SystemDbAsync();
        var saved = await check.Customers.SingleAsync(c => c.Id == id);
        Assert.Equal(5, saved.Satisfaction);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task SaveChanges_WritesAnAuditEntry_WithWhoWhatAndMaskedPersonalValues()
    {
        fx.RequireAvailable();
        var user = await fx.AddUserAsync(Roles.Admin);
        var id = await fx.AddCustomerAsync("审计测试公司 " + Guid.NewGuid().ToString("N")[..6], null);
        await using (var db = await fx.DbAsAsync(user.Scope()))
        {
            var c = await db.Customers.SingleAsync(x => x.Id == id);
            c.Update(new CustomerDetails { Name = c.Name, Phone = "13900001111", Satisfaction = 4 });
            await db.SaveChangesAsync();
        }
        await using var read = await fx.SystemDbAsync();
        var entry = await read.AuditEntries.Where(a => a.EntityType == "Customer" && a.EntityId == id.ToString() && a.Action == AuditAction.Update).SingleAsync();
        Assert.Equal(user.Id, entry.UserId);
        Assert.Equal(user.Email, entry.UserName);
        var changes = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(entry.Changes!)!;
        Assert.Equal("139****1111", changes["Phone"][1].GetString());
        Assert.DoesNotContain("13900001111", entry.Changes);
        Assert.Equal(4, changes["Satisfaction"][1].GetInt32());
        Assert.False(changes.ContainsKey("Version"));
    }

    [Fact]
    public async Task AuditTrail_IsInvisibleToEveryoneButAdmins()
    {
        fx.RequireAvailable();
        await fx.AddCustomerAsync("审计可见性 " + Guid.NewGuid().ToString("N")[..6], null);
        var manager = await fx.AddUserAsync(Roles.SalesManager);
        var admin = await fx.AddUserAsync(Roles.Admin);
        await using var asManager = await fx.DbAsAsync(manager.Scope());
        await using var asAdmin = await fx.DbAsAsync(admin.Scope());
        Assert.Equal(0, await asManager.AuditEntries.CountAsync());
        Assert.True(await asAdmin.AuditEntries.CountAsync() > 0);
    }
}

public sealed class PersistenceTests_Sqlite(SqliteFixture fx) : PersistenceTests(fx), IClassFixture<SqliteFixture>;

public sealed class PersistenceTests_Postgres(PostgresFixture fx) : PersistenceTests(fx), IClassFixture<PostgresFixture>;
