using Microsoft.Extensions.Options;

namespace ChatOps.Storage;

/// <summary>
/// Storage settings: section <c>Storage</c> plus <c>ConnectionStrings:ChatOps</c>. SQLite is the embedded default: a
/// file under <see cref="DataFolder"/>, created and migrated on first start. SQL Server is production.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default) or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Folder of the SQLite file when no connection string is given (default <c>data</c>).</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>From <c>ConnectionStrings:ChatOps</c>; required for SQL Server, optional for SQLite.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>The providers we support.</summary>
public static class StorageProviders
{
    /// <summary>Microsoft.Data.Sqlite, the embedded default.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Microsoft.Data.SqlClient, production.</summary>
    public const string SqlServer = "SqlServer";
}

/// <summary>Checks storage settings at start-up; each failure is one line naming the key and what is expected.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.Ordinal) &&
            !string.Equals(options.Provider, StorageProviders.SqlServer, StringComparison.Ordinal))
        {
            failures.Add($"Storage:Provider must be 'Sqlite' or 'SqlServer' (got '{options.Provider}').");
        }
        else if (options.Provider == StorageProviders.SqlServer && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("ConnectionStrings:ChatOps is required when Storage:Provider is 'SqlServer' (e.g. 'Server=db;Database=ChatOps;...').");
        }
        else if (options.Provider == StorageProviders.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString) &&
                 string.IsNullOrWhiteSpace(options.DataFolder))
        {
            failures.Add("Storage:DataFolder must name a folder for the SQLite file (or set ConnectionStrings:ChatOps).");
        }

        if (options.ConnectionString is { Length: > 0 } cs)
        {
            try
            {
                _ = options.Provider == StorageProviders.SqlServer
                    ? new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(cs).DataSource
                    : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs).DataSource;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
            {
                failures.Add($"ConnectionStrings:ChatOps is not a valid {options.Provider} connection string: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
