using System.Globalization;
using ChatOps.Storage.Dialects;
using Microsoft.Extensions.Options;

namespace ChatOps.Storage;

/// <summary>
/// Opens connections to the configured database and picks each statement's text through its <see cref="SqlDialect"/>.
/// Thread-safe: every call opens a pooled connection and the caller disposes it, except SQLite's write transactions
/// taken with the write turn, which all run on one connection kept open (see <see cref="BeginWriteAsync"/>); disposing
/// the database closes that one.
/// </summary>
public sealed class Database : IAsyncDisposable, IDisposable
{
    private DbConnection? _writer; // SQLite: the connection of the write turn's holder; touched only with the turn held
    private bool _writerDurable = true; // whether _writer's commits wait for the disk (BeginLeaseAsync turns that off)

    static Database() => DapperSetup.Configure();

    /// <summary>Creates the database access for validated options.</summary>
    public Database(IOptions<StorageOptions> options)
        : this(options.Value)
    {
    }

    /// <summary>Creates the database access for options (tests, CLI).</summary>
    public Database(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Dialect = SqlDialect.For(options.Provider);
        Connection = Dialect.Connection(options);
        WriteGate = Dialect.SupportsScaleOut ? null : new WriteGate();
    }

    /// <summary>
    /// SQLite's one write lock as an in-process turn (<see cref="Storage.WriteGate"/>), null on server databases (their
    /// writers lock rows, not the database).
    /// </summary>
    public WriteGate? WriteGate { get; }

    /// <summary>The database's dialect, chosen once from <c>Storage:Provider</c>.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The provider's name (<see cref="StorageProviders"/>).</summary>
    public string Provider => Dialect.Name;

    /// <summary>The full path of the SQLite file; null for server databases.</summary>
    public string? DataFile => Connection.DataFile;

    internal ConnectionSettings Connection { get; }

    internal string ConnectionString => Connection.ConnectionString;

    /// <summary>The connection string the migrator uses: for SQLite it may create the file.</summary>
    internal string CreateConnectionString => Connection.CreateConnectionString;

    /// <summary>Opens a connection.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => OpenAsync(writer: false, cancellationToken);

    /// <summary>Opens a pooled connection, or the write turn's (<see cref="BeginWriteAsync"/>).</summary>
    private async Task<DbConnection> OpenAsync(bool writer, CancellationToken cancellationToken)
    {
        var connection = Dialect.CreateConnection(writer ? Connection.Writer : ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await Dialect.OnOpenedAsync(connection, cancellationToken);
            if (writer)
            {
                await Dialect.OnWriterOpenedAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Begins a write transaction: on SQLite after taking the write turn (<paramref name="priority"/> for writes an answer
    /// waits for, the inbox), on a server database on a pooled connection at once. The turn is passed on when the returned
    /// <see cref="WriteTransaction"/> is disposed.
    /// <para>
    /// On SQLite every transaction taken with the turn runs on one connection, opened on first use and kept open. A
    /// connection keeps its page cache from one transaction to the next only while no other connection has written in
    /// between (WAL mode: any other writer's commit makes it drop the whole cache); with each write on whichever pooled
    /// connection came next, every transaction began with a cold cache and read its pages again from the WAL and the file
    /// (18 file reads, 72 KiB per <c>/api/messages</c> turn in the load harness) and the freed caches' memory went back
    /// to the kernel and was faulted in again. The turn already makes these writers one at a time, so holding the turn
    /// is holding the connection. A writer that waited past the turn's timeout goes on as before, on a pooled
    /// connection. A transaction whose begin or rollback fails closes the connection; the next writer opens a new one.
    /// Its settings are the dialect's (<see cref="ConnectionSettings.Writer"/>, <see cref="SqlDialect.OnWriterOpenedAsync"/>: SQLite's is
    /// outside the pool, with a larger page cache).
    /// </para>
    /// </summary>
    internal Task<WriteTransaction> BeginWriteAsync(bool priority, CancellationToken cancellationToken = default) =>
        StartWriteAsync(priority, durable: true, cancellationToken);

    /// <summary>
    /// A write transaction that only takes leases (the inbox's and the outbox's claims): its commit need not wait for the
    /// disk (<see cref="SqlDialect.SetWriterDurabilityAsync"/>, <see cref="SqlDialect.RelaxCommitAsync"/>), since a lease
    /// lost in a power failure is taken again, and a crash of this process loses nothing committed either way.
    /// </summary>
    internal Task<WriteTransaction> BeginLeaseAsync(CancellationToken cancellationToken = default) =>
        StartWriteAsync(priority: false, durable: false, cancellationToken);

    private async Task<WriteTransaction> StartWriteAsync(bool priority, bool durable, CancellationToken cancellationToken)
    {
        if (WriteGate is not null)
        {
            var turn = await WriteGate.EnterAsync(priority, cancellationToken);
            if (turn.Held)
            {
                try
                {
                    if (_writer is { State: not ConnectionState.Open })
                    {
                        await CloseWriterAsync();
                    }

                    if (_writer is null)
                    {
                        _writer = await OpenAsync(writer: true, cancellationToken);
                        _writerDurable = true;
                    }

                    if (_writerDurable != durable)
                    {
                        await Dialect.SetWriterDurabilityAsync(_writer, durable, cancellationToken);
                        _writerDurable = durable;
                    }

                    var transaction = await _writer.BeginTransactionAsync(cancellationToken);
                    return new WriteTransaction(_writer, transaction, turn, this);
                }
                catch
                {
                    await CloseWriterAsync();
                    turn.Dispose();
                    throw;
                }
            }
        }

        var connection = await OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!durable)
            {
                await Dialect.RelaxCommitAsync(connection, transaction, cancellationToken);
            }

            return new WriteTransaction(connection, transaction, WriteGate.Turn.None, null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the write turn's connection (call with the turn held); the next writer opens a new one.</summary>
    internal async ValueTask CloseWriterAsync()
    {
        var writer = _writer;
        _writer = null;
        if (writer is not null)
        {
            await writer.DisposeAsync();
        }
    }

    /// <summary>Closes the write turn's connection once its holder, if any, has passed the turn on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (WriteGate is null)
        {
            return;
        }

        using var turn = await WriteGate.EnterAsync(priority: false);
        await CloseWriterAsync();
    }

    /// <summary>As <see cref="DisposeAsync"/>, for containers disposed synchronously (SQLite's calls complete synchronously).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Rows of one statement written and committed on their own (<see cref="RowBatch"/>; the rows each affected, by
    /// position): where a batch is one transaction (<see cref="SqlDialect.BatchIsOneTransaction"/>, PostgreSQL) and the
    /// rows fit one round trip, the rows and their commit travel together; otherwise in a write transaction taken with
    /// <paramref name="priority"/> (see <see cref="BeginWriteAsync"/>). All rows or none either way.
    /// </summary>
    internal async Task<int[]> CommitRowsAsync(
        SqlStatement statement, string[] parameterNames, IReadOnlyList<object?[]> rows, bool priority, CancellationToken cancellationToken)
    {
        if (Dialect.BatchIsOneTransaction && rows.Count <= RowBatch.ChunkSize)
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await Fill(new Conversations.Session(this, connection, null)).ExecuteAsync(cancellationToken);
        }

        await using var write = await BeginWriteAsync(priority, cancellationToken);
        var affected = await Fill(new Conversations.Session(this, write.Connection, write.Transaction)).ExecuteAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return affected;

        RowBatch Fill(Conversations.Session session)
        {
            var batch = session.Batch(statement, parameterNames);
            foreach (var row in rows)
            {
                batch.Add(row);
            }

            return batch;
        }
    }

    /// <summary>The statement's text for this database.</summary>
    public string Sql(SqlStatement statement) => Dialect.Text(statement);

    /// <summary>One query on a connection of its own (the stores outside a unit of work: each call one round trip).</summary>
    internal async Task<IReadOnlyList<T>> QueryAsync<T>(SqlStatement statement, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<T>(new CommandDefinition(Sql(statement), parameters, cancellationToken: cancellationToken))];
    }

    /// <summary>One row or none, on a connection of its own.</summary>
    internal async Task<T?> QuerySingleOrDefaultAsync<T>(SqlStatement statement, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(Sql(statement), parameters, cancellationToken: cancellationToken));
    }

    /// <summary>One value read on a connection of its own (a statement that writes goes through <see cref="WriteAsync{T}"/>).</summary>
    internal async Task<T?> ExecuteScalarAsync<T>(SqlStatement statement, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(Sql(statement), parameters, cancellationToken: cancellationToken));
    }

    /// <summary>One change committed on its own (<see cref="WriteAsync{T}"/>); returns the rows changed.</summary>
    internal Task<int> ExecuteAsync(SqlStatement statement, object? parameters, CancellationToken cancellationToken) =>
        WriteAsync(s => s.ExecuteAsync(statement, parameters, cancellationToken), cancellationToken);

    /// <summary>
    /// Writes outside a unit of work: on SQLite in the write turn like every other writer (<see cref="BeginWriteAsync"/>;
    /// one transaction), so they wait in line instead of in SQLite's busy handler, whose sleeps cost a new Bot Framework
    /// user's first message 52 ms on average under load; on a server database each statement commits on its own, on a
    /// connection of its own.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<Session, Task<T>> work, CancellationToken cancellationToken)
    {
        if (WriteGate is not null)
        {
            return await InSessionAsync(work, cancellationToken);
        }

        await using var connection = await OpenAsync(cancellationToken);
        return await work(new Session(this, connection, null));
    }

    /// <summary>Runs <paramref name="work"/> on a <see cref="Session"/> of one transaction (see <see cref="InTransactionAsync{T}"/>).</summary>
    internal Task<T> InSessionAsync<T>(Func<Session, Task<T>> work, CancellationToken cancellationToken) =>
        InTransactionAsync((connection, transaction) => work(new Session(this, connection, transaction)), cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (<see cref="BeginWriteAsync"/>: on SQLite in the write turn),
    /// committed when it returns, rolled back when it throws. <paramref name="work"/> uses only the connection it is given.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var write = await BeginWriteAsync(priority: false, cancellationToken);
        var result = await work(write.Connection, write.Transaction);
        await write.CommitAsync(cancellationToken);
        return result;
    }
}

/// <summary>Dapper settings shared by every repository.</summary>
internal static class DapperSetup
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.RemoveTypeMap(typeof(bool));
        SqlMapper.RemoveTypeMap(typeof(bool?));
        SqlMapper.AddTypeHandler(new FlagHandler());
        TypeHandlers.Register();
        RecordMap.Register<Core.Supervision.SupervisionItem>();
        RecordMap.Register<Core.Supervision.SupervisionEntry>();
        RecordMap.Register<Core.Attachments.StoredAttachment>();
        RecordMap.Register<Core.Conversations.StoredFile>();
        RecordMap.Register<Core.Conversations.LastCard>();
        RecordMap.Register<Core.Meetings.MeetingSeries>();
        RecordMap.Register<Core.Meetings.Meeting>();
        RecordMap.Register<Core.Meetings.Attendee>();
        RecordMap.Register<Core.Meetings.LeaveRequest>();
        RecordMap.Register<Core.Meetings.AgreedItem>();
        RecordMap.Register<Core.Meetings.ItemFeedback>();
        RecordMap.Register<Core.Circulars.Circular>();
        RecordMap.Register<Core.Circulars.CircularRecipient>();
        RecordMap.Register<Core.Circulars.CircularAuditEntry>();
        RecordMap.Register<Core.Reports.Report>();
        RecordMap.Register<Core.Reports.ReportRevision>();
        RecordMap.Register<Core.Reports.ReportReturn>();
        RecordMap.Register<Core.Reports.Overview.BulletinEdition>();
        RecordMap.Register<Core.Organization.Unit>();
        RecordMap.Register<Core.Organization.LiaisonChange>();
        RecordMap.Register<Core.Organization.ApiToken>();
        RecordMap.Register<Core.Audit.AuditEntry>();
    }

    /// <summary>Instants: each dialect says how it sends them (<see cref="SqlDialect.SetInstant"/>); reading accepts every form.</summary>
    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) =>
            SqlDialect.Owning(parameter).SetInstant(parameter, value);

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as an instant."),
        };
    }

    /// <summary>Flags: stored as 0/1 (SQLite INTEGER, SQL Server BIT, PostgreSQL INTEGER); read from any of those forms.</summary>
    private sealed class FlagHandler : SqlMapper.TypeHandler<bool>
    {
        public override void SetValue(IDbDataParameter parameter, bool value) =>
            SqlDialect.Owning(parameter).SetFlag(parameter, value);

        public override bool Parse(object value) => value switch
        {
            bool b => b,
            long l => l != 0,
            int i => i != 0,
            short s => s != 0,
            byte b => b != 0,
            _ => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
        };
    }
}
