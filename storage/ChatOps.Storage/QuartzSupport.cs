using ChatOps.Storage.Dialects;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Storage;

/// <summary>
/// What Quartz's ADO job store needs from the storage layer to keep its tables (QRTZ_*, migration 0003) in the same
/// database as everything else: one database to back up, and on SQL Server and PostgreSQL one place for the clustered instances to
/// coordinate. The connection string stays internal to storage; Quartz gets a data source over it.
/// </summary>
public static class QuartzSupport
{
    /// <summary>The prefix of Quartz's tables, as migration 0003 creates them.</summary>
    public const string TablePrefix = "QRTZ_";

    /// <summary>
    /// The configured dialect, read from the same key <see cref="StorageOptions"/> binds (<c>Storage:Provider</c>;
    /// SQLite when unset or unknown — options validation then stops the host). Quartz chooses its SQL dialect (and
    /// clustering) while services are registered, before options can be resolved.
    /// </summary>
    public static SqlDialect Dialect(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return SqlDialect.Find(configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"]) ?? SqlDialect.For(StorageProviders.Sqlite);
    }

    /// <summary>A data source over the storage's own connection (on SQLite the migrated file, opened read-write).</summary>
    public static DbDataSource CreateQuartzDataSource(this Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Dialect.CreateDataSource(database.ConnectionString);
    }
}
