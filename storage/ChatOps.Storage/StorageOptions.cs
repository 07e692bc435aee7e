using ChatOps.Storage.Dialects;
using Microsoft.Extensions.Options;

namespace ChatOps.Storage;

/// <summary>
/// Storage settings: section <c>Storage</c> plus <c>ConnectionStrings:ChatOps</c>. SQLite is the embedded default: a
/// file under <see cref="DataFolder"/>, created and migrated on first start. SQL Server and PostgreSQL are production.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default), <c>SqlServer</c> or <c>PostgreSql</c> (<see cref="Dialects.SqlDialect"/>).</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Folder of the SQLite file when no connection string is given (default <c>data</c>).</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>From <c>ConnectionStrings:ChatOps</c>; required for SQL Server and PostgreSQL, optional for SQLite.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>The providers we support.</summary>
public static class StorageProviders
{
    /// <summary>Microsoft.Data.Sqlite, the embedded default.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Microsoft.Data.SqlClient, production.</summary>
    public const string SqlServer = "SqlServer";

    /// <summary>Npgsql, production (PostgreSQL and the databases that speak its protocol).</summary>
    public const string PostgreSql = "PostgreSql";
}

/// <summary>Checks storage settings at start-up; each failure is one line naming the key and what is expected.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        var dialect = SqlDialect.Find(options.Provider);
        if (dialect is null)
        {
            failures.Add($"Storage:Provider must be {SqlDialect.Names()} (got '{options.Provider}').");
        }
        else if (dialect.RequiresConnectionString && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"ConnectionStrings:ChatOps is required when Storage:Provider is '{dialect.Name}' (e.g. '{dialect.ConnectionStringExample}').");
        }
        else if (!dialect.RequiresConnectionString && string.IsNullOrWhiteSpace(options.ConnectionString) &&
                 string.IsNullOrWhiteSpace(options.DataFolder))
        {
            failures.Add("Storage:DataFolder must name a folder for the SQLite file (or set ConnectionStrings:ChatOps).");
        }

        if (dialect is not null && options.ConnectionString is { Length: > 0 } cs)
        {
            string? problem;
            try
            {
                problem = dialect.ConnectionStringProblem(cs);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                problem = ex.Message;
            }

            if (problem is not null)
            {
                failures.Add($"ConnectionStrings:ChatOps is not a valid {options.Provider} connection string: {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
