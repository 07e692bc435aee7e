using ChatOps.Storage.Reports;

namespace ChatOps.Storage.Conversations;

/// <summary>One transaction: the stores below share its connection; disposing without commit rolls back.</summary>
internal sealed class UnitOfWork : IUnitOfWork, IUnitOfWorkSavepoints
{
    private readonly WriteTransaction _write;
    private readonly DbTransaction _transaction;
    private readonly WriteGate? _gate;
    private readonly DialogStateStore _dialogs;
    private RowBatch? _marks; // the inbox marks, written with the commit
    private Dictionary<string, int>? _savepoints; // per savepoint, how many marks there were when it was taken

    public UnitOfWork(Database db, WriteTransaction write)
    {
        _write = write;
        _transaction = write.Transaction;
        _gate = db.WriteGate;
        var session = new Session(db, write.Connection, write.Transaction);
        _dialogs = new DialogStateStore(session);
        LastCards = new LastCardStore(session);
        Reports = new ReportStore(session);
        Outbox = new OutboxStore(session);
        Schedule = new ScheduleStore(session);
        Audit = new Audit.AuditLog(session);
        Session = session;
    }

    public IDialogStateStore Dialogs => _dialogs;

    public ILastCardStore LastCards { get; }

    public Core.Reports.IReportStore Reports { get; }

    public IOutbox Outbox { get; }

    public Core.Reports.IScheduleStore Schedule { get; }

    public Core.Audit.IAuditLog Audit { get; }

    internal Session Session { get; }

    /// <summary>
    /// Noted here and written with the commit, all of this unit of work's marks in one batch (<see cref="RowBatch"/>):
    /// a shared unit of work of many turns pays one round trip for them on PostgreSQL, one compile on SQLite. A turn
    /// rolled back to its savepoint takes its mark with it.
    /// </summary>
    public Task MarkInboxProcessedAsync(long inboxId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        (_marks ??= Session.Batch(EngineSql.MarkInboxProcessed, "@Id", "@At")).Add(inboxId, at);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> OldestUnhandledMessageAsync(CancellationToken cancellationToken = default) =>
        Session.ExecuteScalarAsync<DateTimeOffset?>(EngineSql.OldestUnprocessedInbox, null, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_marks is not null)
        {
            await _marks.ExecuteAsync(cancellationToken);
        }

        await _write.CommitAsync(cancellationToken);
    }

    /// <summary>An acknowledgement waits for the write lock this unit of work holds (SQLite): commit soon.</summary>
    public bool OthersWaiting => _gate?.PriorityWaiting ?? false;

    public Task SaveAsync(string name, CancellationToken cancellationToken = default)
    {
        (_savepoints ??= new(StringComparer.Ordinal))[name] = _marks?.Count ?? 0;
        return _transaction.SaveAsync(name, cancellationToken);
    }

    public async Task RollbackToAsync(string name, CancellationToken cancellationToken = default)
    {
        _dialogs.Forget();
        await _transaction.RollbackAsync(name, cancellationToken);
        if (_marks is not null && _savepoints is not null && _savepoints.TryGetValue(name, out var marks))
        {
            _marks.RemoveFrom(marks);
        }
    }

    public ValueTask DisposeAsync() => _write.DisposeAsync();
}

/// <summary>
/// A connection and transaction shared by the stores of one unit of work; without a transaction each command (or
/// batch, see <see cref="Dialects.SqlDialect.BatchIsOneTransaction"/>) commits on its own.
/// </summary>
internal sealed class Session(Database db, DbConnection connection, DbTransaction? transaction)
{
    public Database Db => db;

    /// <summary>Rows of one statement to run together in this transaction (<see cref="RowBatch"/>).</summary>
    public RowBatch Batch(SqlStatement statement, params string[] parameterNames) => new(this, statement, parameterNames);

    /// <summary>A command on this transaction (for <see cref="RowBatch"/>).</summary>
    public DbCommand CreateCommand(string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    /// <summary>A batch on this transaction, where the dialect sends batches (for <see cref="RowBatch"/>).</summary>
    public DbBatch CreateBatch()
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        return batch;
    }

    public CommandDefinition Cmd(SqlStatement statement, object? parameters, CancellationToken cancellationToken) =>
        new(db.Sql(statement), parameters, transaction, cancellationToken: cancellationToken);

    public Task<int> ExecuteAsync(SqlStatement statement, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Cmd(statement, parameters, cancellationToken));

    public Task<IEnumerable<T>> QueryAsync<T>(SqlStatement statement, object? parameters, CancellationToken cancellationToken) =>
        connection.QueryAsync<T>(Cmd(statement, parameters, cancellationToken));

    public Task<T?> QuerySingleOrDefaultAsync<T>(SqlStatement statement, object? parameters, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<T>(Cmd(statement, parameters, cancellationToken));

    public Task<T?> ExecuteScalarAsync<T>(SqlStatement statement, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<T>(Cmd(statement, parameters, cancellationToken));
}
