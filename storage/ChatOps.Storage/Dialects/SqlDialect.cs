using DbUp.Builder;
using Quartz;

namespace ChatOps.Storage.Dialects;

/// <summary>
/// Everything that differs between the databases we support, in one class per database: how to open a connection,
/// the DbUp target of its migrations folder, Quartz's job store settings, how instants and flags travel as parameters,
/// and which text of a <see cref="SqlStatement"/> it runs. Chosen once from <c>Storage:Provider</c>
/// (<see cref="For"/>); nothing outside these classes asks which database it is talking to. Adding a database is one
/// subclass, a migrations folder and overrides for the statements whose default text it cannot run.
/// </summary>
/// <param name="name">The <c>Storage:Provider</c> value and the name of the migrations folder.</param>
/// <param name="supportsScaleOut">Whether several instances may share the database.</param>
/// <param name="connectionStringExample">An example connection string for the operator's error message.</param>
public abstract class SqlDialect(string name, bool supportsScaleOut, string connectionStringExample)
{
    private static readonly SqlDialect[] Known = [new SqliteDialect(), new SqlServerDialect(), new PostgreSqlDialect()];

    /// <summary>Every dialect this build carries.</summary>
    public static IReadOnlyList<SqlDialect> All => Known;

    /// <summary>The <c>Storage:Provider</c> value and the name of the migrations folder, e.g. <c>PostgreSql</c>.</summary>
    public string Name => name;

    /// <summary>Several instances may share this database: Quartz runs clustered and claims skip locked rows.</summary>
    public bool SupportsScaleOut => supportsScaleOut;

    /// <summary>
    /// Whether new inbox and outbox rows written by any process are announced to listening processes
    /// (<see cref="ListenForWorkAsync"/>; PostgreSQL's LISTEN/NOTIFY). Elsewhere another process's work is found by a poll.
    /// </summary>
    public virtual bool NotifiesWork => false;

    /// <summary>
    /// Whether many rows of one statement travel as one <see cref="DbBatch"/> (<see cref="RowBatch"/>): worth it where
    /// each statement is a round trip to a server and the driver pipelines a batch (Npgsql). SQLite runs in-process.
    /// </summary>
    internal virtual bool SendsBatches => false;

    /// <summary>
    /// Whether a batch sent outside a transaction (<see cref="RowBatch"/>, at most <see cref="RowBatch.ChunkSize"/>
    /// rows, so one round trip) runs as one transaction committed at its end — all rows or none — so that an
    /// explicit BEGIN … COMMIT, a second round trip, can be left out. PostgreSQL: the batch's statements share the
    /// implicit transaction that ends at its one Sync message.
    /// </summary>
    internal virtual bool BatchIsOneTransaction => false;

    /// <summary>
    /// How the database compares the text keys we look up (person ids, channel identities) in the collation it is
    /// installed with, so that rows found by a list of keys are matched back to what was asked: ordinal by default
    /// (SQLite, PostgreSQL); SQL Server's default collations ignore case.
    /// </summary>
    internal virtual StringComparer KeyComparer => StringComparer.Ordinal;

    /// <summary>Whether <c>ConnectionStrings:ChatOps</c> must be set (SQLite has a default file).</summary>
    internal virtual bool RequiresConnectionString => true;

    /// <summary>An example connection string for the operator's error message.</summary>
    internal string ConnectionStringExample => connectionStringExample;

    /// <summary>The dialect named by a <c>Storage:Provider</c> value (case-sensitive, as configured), or null.</summary>
    public static SqlDialect? Find(string? provider) => Known.FirstOrDefault(d => string.Equals(d.Name, provider, StringComparison.Ordinal));

    /// <summary>The dialect named by a <c>Storage:Provider</c> value; throws for an unknown one (options validation names them).</summary>
    public static SqlDialect For(string? provider) =>
        Find(provider) ?? throw new ArgumentException($"Unknown storage provider '{provider}'.", nameof(provider));

    /// <summary>The names accepted as <c>Storage:Provider</c>, for messages: 'Sqlite', 'SqlServer' or 'PostgreSql'.</summary>
    public static string Names()
    {
        var quoted = Known.Select(d => $"'{d.Name}'").ToList();
        return string.Join(", ", quoted[..^1]) + " or " + quoted[^1];
    }

    /// <summary>The statement's text for this database: its own override if it has one, else its default text.</summary>
    public string Text(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement.Override(Name) ?? DefaultText(statement);
    }

    /// <summary>The text this dialect runs when the statement has no override for it: by default the SQLite text.</summary>
    protected virtual string DefaultText(SqlStatement statement) => statement.Sqlite;

    /// <summary>
    /// The connection strings for validated options: the runtime one, the migrator's one, and the SQLite file. By default
    /// (a server database) the configured string serves both and there is no file.
    /// </summary>
    internal virtual ConnectionSettings Connection(StorageOptions options) =>
        new(options.ConnectionString!, options.ConnectionString!, null);

    /// <summary>A problem with a configured connection string (one line), or null when it parses.</summary>
    internal abstract string? ConnectionStringProblem(string connectionString);

    /// <summary>A new, unopened connection.</summary>
    internal abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Per-connection settings after opening (SQLite's busy timeout).</summary>
    internal virtual Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Settings of the connection kept open for the write turn, after <see cref="OnOpenedAsync"/>
    /// (<see cref="Database.BeginWriteAsync"/>; only databases with a <see cref="WriteGate"/> have one).
    /// </summary>
    internal virtual Task OnWriterOpenedAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Sets whether the write turn's connection waits for the disk at each commit, before a transaction begins on it:
    /// <paramref name="durable"/> false only for transactions that take leases (<see cref="Database.BeginLeaseAsync"/>).
    /// </summary>
    internal virtual Task SetWriterDurabilityAsync(DbConnection writer, bool durable, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Makes a transaction just begun on a pooled connection commit without waiting for the disk
    /// (<see cref="Database.BeginLeaseAsync"/>); by default it stays as durable as every other.
    /// </summary>
    internal virtual Task RelaxCommitAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Work before the migrations run (SQLite creates its file and switches it to WAL).</summary>
    internal virtual Task PrepareForMigrationAsync(ConnectionSettings connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Holds a database-wide lock while the migrations run, so that instances starting together migrate one after
    /// the other; the default takes none (SQLite has one process, SQL Server behaviour is unchanged).
    /// </summary>
    internal virtual Task<IAsyncDisposable> LockForMigrationAsync(string connectionString, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    /// <summary>
    /// Listens for new work on a dedicated connection: <paramref name="listening"/> once the listen is in place, then
    /// <paramref name="notified"/> with <see cref="Conversations.WorkNotifications.InboxChannel"/> or
    /// <see cref="Conversations.WorkNotifications.OutboxChannel"/> for each committed insert. Returns or throws only when
    /// the connection is lost or <paramref name="cancellationToken"/> is cancelled. Only called when <see cref="NotifiesWork"/>.
    /// </summary>
    internal virtual Task ListenForWorkAsync(string connectionString, Action listening, Action<string> notified, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Name} does not notify of new work.");

    /// <summary>DbUp's target for this database (journal table <c>SchemaVersions</c>).</summary>
    internal abstract UpgradeEngineBuilder MigrationTarget(string connectionString);

    /// <summary>A data source for Quartz's ADO job store over the same database.</summary>
    internal abstract DbDataSource CreateDataSource(string connectionString);

    /// <summary>Quartz's job store settings for this database: its driver delegate and, where supported, clustering.</summary>
    public abstract void UseQuartzStore(IPersistentStoreBuilder store, Func<IServiceProvider, DbDataSource> dataSource);

    /// <summary>Whether a Dapper parameter belongs to this dialect's driver (the type handlers ask).</summary>
    internal abstract bool Owns(IDbDataParameter parameter);

    /// <summary>How an instant is sent: by default as DATETIMEOFFSET.</summary>
    internal virtual void SetInstant(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.DateTimeOffset;
        parameter.Value = value;
    }

    /// <summary>How a flag is sent: by default as a boolean (SQLite and SQL Server store it as 0/1).</summary>
    internal virtual void SetFlag(IDbDataParameter parameter, bool value)
    {
        parameter.DbType = DbType.Boolean;
        parameter.Value = value;
    }

    /// <summary>An INSERT returning the new id (SQLite, PostgreSQL: <c>RETURNING id</c>).</summary>
    internal virtual string InsertReturningId(InsertShape insert) => $"{insert.Text}\nRETURNING id";

    /// <summary>An INSERT that does nothing on its key's conflict (SQLite, PostgreSQL: <c>ON CONFLICT … DO NOTHING</c>).</summary>
    internal virtual string InsertIfAbsent(InsertShape insert) => $"{insert.Text}\nON CONFLICT ({string.Join(", ", insert.Key)}) DO NOTHING";

    /// <summary>An INSERT that updates the other columns on its key's conflict (SQLite, PostgreSQL: <c>ON CONFLICT … DO UPDATE</c>).</summary>
    internal virtual string Upsert(InsertShape insert) =>
        $"{insert.Text}\nON CONFLICT ({string.Join(", ", insert.Key)}) DO UPDATE SET "
        + string.Join(", ", insert.NonKey.Select(p => $"{p.Column} = excluded.{p.Column}"));

    /// <summary>
    /// A query whose list parameter is written <c>IN @Keys</c>, as this dialect's driver takes a list: Dapper spells it
    /// out as <c>IN (@Keys1, @Keys2 …)</c> (SQLite, SQL Server), so the text stays as written.
    /// </summary>
    internal virtual string ListParameters(string sql) => sql;

    /// <summary>The dialect whose driver made this parameter (for the global Dapper type handlers).</summary>
    internal static SqlDialect Owning(IDbDataParameter parameter) =>
        Known.FirstOrDefault(d => d.Owns(parameter)) ?? Known[1];

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The connection strings of one configured database.</summary>
/// <param name="ConnectionString">What the repositories use.</param>
/// <param name="CreateConnectionString">What the migrator uses (for SQLite it may create the file).</param>
/// <param name="DataFile">The SQLite file's full path; null for server databases.</param>
/// <param name="WriterConnectionString">
/// What the write turn's connection uses (<see cref="Database.BeginWriteAsync"/>); null: <paramref name="ConnectionString"/>.
/// </param>
internal sealed record ConnectionSettings(string ConnectionString, string CreateConnectionString, string? DataFile, string? WriterConnectionString = null)
{
    /// <summary>The write turn's connection string.</summary>
    public string Writer => WriterConnectionString ?? ConnectionString;
}
