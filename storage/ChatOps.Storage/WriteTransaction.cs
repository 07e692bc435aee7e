namespace ChatOps.Storage;

/// <summary>
/// A connection, its write transaction and the write turn; disposing ends all three (rollback unless committed). With
/// <paramref name="turnConnection"/> the connection is the write turn's own (<see cref="Database.BeginWriteAsync"/>): it
/// stays open, and the turn is passed on at the dispose, not at the commit, since the connection goes with it.
/// </summary>
internal sealed class WriteTransaction(DbConnection connection, DbTransaction transaction, WriteGate.Turn turn, Database? turnConnection) : IAsyncDisposable
{
    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    /// <summary>Commits; on a pooled connection passes the write turn on at once (the next writer need not wait for its return).</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await transaction.CommitAsync(cancellationToken);
        if (turnConnection is null)
        {
            turn.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (turnConnection is null)
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
                return;
            }

            try
            {
                await transaction.DisposeAsync(); // rolls back unless committed
            }
            catch (DbException)
            {
                // The rollback failed (the connection broken, or SQLite already ended the transaction): closing the
                // connection ends whatever is left of it, and the next writer starts on a new one.
                await turnConnection.CloseWriterAsync();
            }
        }
        finally
        {
            turn.Dispose();
        }
    }
}
