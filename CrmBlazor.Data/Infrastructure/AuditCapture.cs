using System.Reflection;
using System.Text.Json;
using CrmBlazor.Data.Identity;
using CrmBlazor.Domain.Access;
using CrmBlazor.Domain.Audit;
using CrmBlazor.Domain.Behaviour;
using CrmBlazor.Domain.Common;
using CrmBlazor.Domain.Lifecycle;
using CrmBlazor.Domain.Opportunities;
using CrmBlazor.Domain.Orders;
using CrmBlazor.Domain.Privacy;
using CrmBlazor.Domain.Service;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CrmBlazor.Data.Infrastructure;

/// <summary>
/// Turns tracked changes into audit entries: the fields changed with before → after, personal
/// values (<see cref="PersonalAttribute"/>) masked, secrets never written. History records and
/// bulk data (orders, events) are not audited row by row — they are records themselves, and
/// imports write one summary entry.
/// </summary>
internal static class AuditCapture
{
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEntry), typeof(OpportunityHistoryEntry), typeof(TicketHistoryEntry), typeof(StageHistoryEntry),
        typeof(ChurnCaseEntry), typeof(Order), typeof(OrderLine), typeof(BehaviourEvent),
    ];

    private static readonly HashSet<string> SecretOrNoise = new(StringComparer.Ordinal)
    {
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.NormalizedEmail), nameof(AppUser.NormalizedUserName), nameof(AppUser.AccessFailedCount),
        nameof(AppUser.LastSignInAt), nameof(IVersioned.Version),
    };

    public static List<PendingAudit> Capture(ChangeTracker tracker)
    {
        var result = new List<PendingAudit>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Metadata.ClrType;
            if (NotAudited.Contains(type) || type.IsGenericType && type != typeof(IdentityUserRole<string>)) continue;
            if (type.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true && type != typeof(IdentityUserRole<string>)) continue;

            var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var p in entry.Properties)
            {
                // the key is the entry's record id; before the save a generated key is only a temporary value
                if (p.Metadata.IsPrimaryKey() && type != typeof(IdentityUserRole<string>)) continue;
                if (SecretOrNoise.Contains(p.Metadata.Name) || p.Metadata.IsShadowProperty() && !p.Metadata.IsForeignKey()) continue;
                var personal = p.Metadata.PropertyInfo?.GetCustomAttribute<PersonalAttribute>()?.Kind;
                object? before = entry.State == EntityState.Added ? null : p.OriginalValue;
                object? after = entry.State == EntityState.Deleted ? null : p.CurrentValue;
                if (entry.State == EntityState.Modified && Equals(before, after)) continue;
                if (entry.State == EntityState.Added && after is null) continue;
                changes[p.Metadata.Name] = [Present(before, personal), Present(after, personal)];
            }
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Deleted => AuditAction.Delete,
                _ when changes.ContainsKey("Stage") => AuditAction.StageChange,
                _ when changes.ContainsKey("AssignedToId") || changes.ContainsKey("OwnerId") => AuditAction.Assign,
                _ => AuditAction.Update,
            };
            var name = type == typeof(IdentityUserRole<string>) ? "UserRole" : type.Name;
            result.Add(new PendingAudit(entry, action, name, JsonSerializer.Serialize(changes)));
        }
        return result;
    }

    private static object? Present(object? value, PersonalKind? personal) => value switch
    {
        null => null,
        string s when personal is { } kind => Mask.Value(kind, s),
        _ when personal is not null => "***",
        DateTime d => d.ToString("O"),
        _ => value is Enum ? value.ToString() : value,
    };

    internal sealed record PendingAudit(EntityEntry Entry, AuditAction Action, string EntityType, string Changes)
    {
        public AuditEntry ToEntry(DateTime now, AccessScope scope, string? ip)
        {
            var key = Entry.Metadata.FindPrimaryKey();
            var id = key is null ? null : string.Join("/", key.Properties.Select(p => Entry.Property(p.Name).CurrentValue));
            return new AuditEntry(now, scope.UserId, scope.UserName, Action, EntityType, id, Changes, ip);
        }
    }
}
