namespace CrmBlazor.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Configuration section <c>Database</c>: <c>Provider</c> (Sqlite | Postgres) and <c>DataFolder</c>
/// (where the SQLite file lives when <c>ConnectionStrings:Crm</c> is not set).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? DataFolder { get; set; }
    public string? ConnectionString { get; set; }

    /// <summary>The connection string to use: the configured one, or a SQLite file in the data folder.</summary>
    public string ResolveConnectionString(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString)) return ConnectionString;
        if (Provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Crm is not set.");
        var folder = string.IsNullOrWhiteSpace(DataFolder) ? Path.Combine(contentRoot, "App_Data") : Path.GetFullPath(DataFolder, contentRoot);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "crm.db")};Default Timeout=30";
    }
}
