using System.Globalization;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;
using Quartz;

namespace ChatOps.Storage.Dialects;

/// <summary>
/// SQLite, the embedded default: one file, one process. Instants are stored as fixed-width UTC text
/// (yyyy-MM-ddTHH:mm:ss.fffffffZ) so that text comparison in SQL orders them; Quartz runs unclustered.
/// </summary>
public sealed class SqliteDialect() : SqlDialect(StorageProviders.Sqlite, supportsScaleOut: false, "Data Source=data/chatops.db")
{
    /// <summary>SQLite handles whose busy_timeout is set (weakly held: a handle the pool closes is forgotten).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> BusyTimeoutSet = new();

    internal override bool RequiresConnectionString => false;

    internal override ConnectionSettings Connection(StorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(options.ConnectionString)
                ? $"Data Source={Path.Combine(options.DataFolder, "chatops.db")}"
                : options.ConnectionString)
        {
            ForeignKeys = true,
            Pooling = true,
        };
        var dataFile = Path.GetFullPath(builder.DataSource);
        builder.DataSource = dataFile;
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        var create = builder.ToString();

        // After migration the file must exist: a missing file is an unreachable database, not a fresh empty one.
        builder.Mode = SqliteOpenMode.ReadWrite;
        var runtime = builder.ToString();
        builder.Pooling = false; // the write turn's connection (OnWriterOpenedAsync)
        return new ConnectionSettings(runtime, create, dataFile, builder.ToString());
    }

    internal override string? ConnectionStringProblem(string connectionString)
    {
        _ = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return null;
    }

    internal override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    internal override async Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // The setting belongs to SQLite's handle, which the pool keeps between opens: set once per handle, not on every
        // open (an open per look-up and per transaction on the hot path; docs/benchmarks.md, "CPU per message").
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && BusyTimeoutSet.TryGetValue(handle, out _))
        {
            return;
        }

        // Let SQLite wait for a busy writer itself (fine-grained) instead of the provider's fixed 150 ms retry sleep:
        // the callback's inbox insert and the worker's turn commit contend (see docs/benchmarks.md, WeCom).
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        if (handle is not null)
        {
            BusyTimeoutSet.AddOrUpdate(handle, handle);
        }
    }

    /// <summary>
    /// The write turn's connection: its own handle, outside the pool (<see cref="ConnectionSettings.Writer"/>), with a
    /// page cache of up to <see cref="WriterCacheKiB"/> KiB instead of SQLite's default 2,000. Every write runs on it one
    /// after the other and no other connection writes, so its cache stays valid between transactions
    /// (<see cref="Database.BeginWriteAsync"/>); with the default size it held about 500 pages, fewer than one busy
    /// minute's writes touch once the inbox and outbox hold tens of thousands of rows, and each transaction read evicted
    /// pages again (18–31 file reads, 71–126 KiB per <c>/api/messages</c> turn after 30 s of load in the harness, against 7
    /// with the larger cache). Outside the pool, so the large cache never passes to a pooled reader, whose cache any
    /// commit empties anyway. The cache grows only as pages are read.
    /// </summary>
    internal override async Task OnWriterOpenedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = WriterCachePragma;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// WAL with <c>synchronous</c> FULL (SQLite's default, kept for every durable write: the inbox, the turns, the sent
    /// marks) fsyncs the log at each commit, holding the write turn meanwhile; NORMAL leaves that to the next FULL commit
    /// or checkpoint. A transaction survives a kill -9 either way (its frames are in the file); NORMAL risks only a power
    /// failure's loss of the last commits, which for a lease means it is taken again. The setting can change only
    /// outside a transaction, so it is set before the lease's BEGIN and back before the next durable one.
    /// </summary>
    internal override async Task SetWriterDurabilityAsync(DbConnection writer, bool durable, CancellationToken cancellationToken)
    {
        await using var pragma = writer.CreateCommand();
        pragma.CommandText = durable ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    private static readonly string WriterCachePragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{WriterCacheKiB};");

    /// <summary>
    /// The write turn's connection's page cache at most, in KiB (16 MiB, about 4,000 pages). Not larger: at each commit
    /// SQLite drops cached pages past the end of the database (<c>pcache1TruncateUnsafe</c>), at a cost that grew with
    /// the pages cached; with 64 MiB the WeCom closed loop spent 9 % of the bot's samples there and 20–30 % more CPU a
    /// message (docs/benchmarks.md, thirteenth session).
    /// </summary>
    internal const int WriterCacheKiB = 16 * 1024;

    internal override async Task PrepareForMigrationAsync(ConnectionSettings connection, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(connection.DataFile!)!);
            await using var c = new SqliteConnection(connection.CreateConnectionString);
            await c.OpenAsync(cancellationToken);
            await using var command = c.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new DatabaseStartupException($"The SQLite file {connection.DataFile} cannot be created or opened: {ex.Message}", ex);
        }
    }

    internal override UpgradeEngineBuilder MigrationTarget(string connectionString) => DeployChanges.To.SqliteDatabase(connectionString);

    internal override DbDataSource CreateDataSource(string connectionString) => SqliteFactory.Instance.CreateDataSource(connectionString);

    /// <inheritdoc/>
    public override void UseQuartzStore(IPersistentStoreBuilder store, Func<IServiceProvider, DbDataSource> dataSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.UseSqlite(ds => ds.DataSourceFactory = dataSource);
    }

    internal override bool Owns(IDbDataParameter parameter) => parameter is SqliteParameter;

    internal override void SetInstant(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = Text(value);
    }

    /// <summary>The SQLite text form of an instant.</summary>
    public static string Text(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
