using DbUp;
using DbUp.Builder;
using Npgsql;
using Quartz;

namespace ChatOps.Storage.Dialects;

/// <summary>
/// PostgreSQL (and the databases that speak its protocol and SQL, see docs/high-availability.md): TIMESTAMPTZ
/// instants sent in UTC, flags as INTEGER 0/1 like the other dialects, statements in the SQLite text (ON CONFLICT,
/// LIMIT, RETURNING mean the same here) unless a statement carries a PostgreSQL override — the claims do, to take
/// rows with <c>FOR UPDATE SKIP LOCKED</c>. Quartz runs clustered; migrations are serialised with an advisory lock so
/// instances starting together do not race.
/// </summary>
public sealed partial class PostgreSqlDialect() : SqlDialect(StorageProviders.PostgreSql, supportsScaleOut: true, "Host=db;Database=chatops;Username=chatops;Password=...")
{
    /// <summary>The advisory lock key held while migrating ("ChatOps" in ASCII).</summary>
    private const long MigrationLockKey = 0x436861744F7073;

    /// <inheritdoc/>
    public override bool NotifiesWork => true;

    internal override bool SendsBatches => true;

    /// <summary>Npgsql sends a batch with one Sync at its end: PostgreSQL runs it in one implicit transaction.</summary>
    internal override bool BatchIsOneTransaction => true;

    /// <summary>
    /// The configured connection string with two of Npgsql's settings, each unless the operator chose a value.
    /// <list type="bullet">
    /// <item>Automatic preparation on: a statement run five times on a physical connection is prepared there, so the
    /// server stops parsing and planning the few statements every message runs (inbox, claims, outbox) each time.</item>
    /// <item>No reset when a connection goes back to the pool (<c>No Reset On Close</c>). The reset is seven statements
    /// (RESET ALL, UNLISTEN *, DISCARD TEMP, …; <c>DISCARD ALL</c> would drop the prepared statements) sent with the
    /// next command of every open: under load about five of the twelve statements a message cost the server. It guards
    /// against session state left behind, and the bot leaves none on pooled connections: its one setting is
    /// <c>SET LOCAL</c> (<see cref="RelaxCommitAsync"/>), which ends with its transaction, and the sessions that LISTEN
    /// or hold the migration lock are outside the pool.</item>
    /// </list>
    /// Migrations use the string as configured.
    /// </summary>
    internal override ConnectionSettings Connection(StorageOptions options)
    {
        var configured = options.ConnectionString!;
        var given = new DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var runtime = new NpgsqlConnectionStringBuilder(configured);
        if (!given.Contains("MaxAutoPrepare"))
        {
            runtime.MaxAutoPrepare = AutoPrepared;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            runtime.NoResetOnClose = true;
        }

        return new(runtime.ConnectionString, configured, null);
    }

    /// <summary>How many statements each physical connection keeps prepared (Npgsql's <c>Max Auto Prepare</c>).</summary>
    internal const int AutoPrepared = 64;

    internal override string? ConnectionStringProblem(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.IsNullOrWhiteSpace(builder.Host) ? "it names no Host." : null;
    }

    internal override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    /// <summary>To Npgsql Dapper passes a list as one array parameter: <c>IN @Keys</c> becomes <c>= ANY(@Keys)</c>.</summary>
    internal override string ListParameters(string sql) => ListParameter().Replace(sql, "= ANY(@$1)");

    [System.Text.RegularExpressions.GeneratedRegex(@"\bIN\s+@(\w+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ListParameter();

    internal override async Task<IAsyncDisposable> LockForMigrationAsync(string connectionString, CancellationToken cancellationToken)
    {
        // A session of its own, outside the pool: the lock lives exactly as long as this connection.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@Key)", connection);
            command.Parameters.AddWithValue("Key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection; // closing the unpooled session releases the lock
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal override async Task ListenForWorkAsync(string connectionString, Action listening, Action<string> notified, CancellationToken cancellationToken)
    {
        // Outside the pool (LISTEN belongs to the session). No Npgsql keepalive query, which would wake the process:
        // the kernel's TCP keepalive finds a dead server without it.
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 0,
            TcpKeepAlive = true,
            TcpKeepAliveTime = 60,
            TcpKeepAliveInterval = 10,
            CommandTimeout = 30,
        };
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var triggers = new NpgsqlCommand(
            "SELECT count(*) FROM pg_trigger WHERE tgname IN ('inbox_notify_work', 'outbox_notify_work')", connection))
        {
            if (Convert.ToInt64(await triggers.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) < 2)
            {
                // A product without pg_notify (migration 0029 made no triggers): nothing will ever be notified, so the
                // workers keep their ordinary idle poll.
                await connection.CloseAsync();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }

        connection.Notification += (_, e) => notified(e.Channel);
        await using (var command = new NpgsqlCommand(
            $"LISTEN {Conversations.WorkNotifications.InboxChannel}; LISTEN {Conversations.WorkNotifications.OutboxChannel}", connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        listening();
        while (true)
        {
            await connection.WaitAsync(cancellationToken); // one notification (or a server message) per return
        }
    }

    /// <summary>
    /// <c>synchronous_commit</c> off for this transaction alone: PostgreSQL's asynchronous commit, which it documents as
    /// never inconsistent (a server crash may lose the last such commits, not a part of one); for a lease that means it
    /// is taken again. LOCAL, since pooled connections are not reset when they come back (<see cref="Connection"/>).
    /// </summary>
    internal override async Task RelaxCommitAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SET LOCAL synchronous_commit TO OFF";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal override UpgradeEngineBuilder MigrationTarget(string connectionString) => DeployChanges.To.PostgresqlDatabase(connectionString);

    internal override DbDataSource CreateDataSource(string connectionString) => NpgsqlDataSource.Create(connectionString);

    /// <inheritdoc/>
    public override void UseQuartzStore(IPersistentStoreBuilder store, Func<IServiceProvider, DbDataSource> dataSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.UsePostgres(ds => ds.DataSourceFactory = dataSource);
        store.UseClustering();
    }

    internal override bool Owns(IDbDataParameter parameter) => parameter is NpgsqlParameter;

    internal override void SetInstant(IDbDataParameter parameter, DateTimeOffset value)
    {
        // Npgsql writes timestamptz only from UTC values.
        parameter.DbType = DbType.DateTimeOffset;
        parameter.Value = value.ToUniversalTime();
    }

    internal override void SetFlag(IDbDataParameter parameter, bool value)
    {
        parameter.DbType = DbType.Int32;
        parameter.Value = value ? 1 : 0;
    }
}
