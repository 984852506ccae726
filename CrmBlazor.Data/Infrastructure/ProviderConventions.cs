using CrmBlazor.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrmBlazor.Data.Infrastructure;

/// <summary>
/// Type mappings that keep one model working on SQLite and PostgreSQL (docs/decisions/002):
/// enums stored by name; money as numeric(18,4) — on SQLite as REAL, because SQLite's decimal
/// (TEXT) cannot be summed or ordered in SQL; DateTime always UTC.
/// </summary>
internal static class ProviderConventions
{
    public static void Apply(ModelConfigurationBuilder b, string? providerName)
    {
        foreach (var enumType in typeof(LifecycleStage).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic))
            b.Properties(enumType).HaveConversion<string>().HaveMaxLength(32);

        var sqlite = providerName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true;
        if (sqlite)
        {
            b.Properties<decimal>().HaveConversion<double>();
            b.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
        else
        {
            b.Properties<decimal>().HavePrecision(18, 4);
        }
    }

    /// <summary>SQLite returns DateTime with Kind Unspecified; everything we store is UTC.</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
