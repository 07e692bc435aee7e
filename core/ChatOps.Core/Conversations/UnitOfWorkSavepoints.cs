namespace ChatOps.Core.Conversations;

/// <summary>
/// Savepoints inside a unit of work, so several turns share one transaction (one commit) while a turn that fails is
/// undone alone (<see cref="ConversationEngine.HandleBatchAsync"/>). Implemented by the stores' units of work; a unit
/// of work without it is used one turn at a time.
/// </summary>
public interface IUnitOfWorkSavepoints
{
    /// <summary>Marks a point the transaction can be rolled back to (SQL: SAVEPOINT / SAVE TRANSACTION).</summary>
    Task SaveAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Undoes everything since the savepoint; the transaction goes on.</summary>
    Task RollbackToAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a writer that an answer waits for (an inbox acknowledgement) is queued behind this unit of work's write
    /// lock: a batch of turns then commits after the current turn instead of going on.
    /// </summary>
    bool OthersWaiting => false;
}
