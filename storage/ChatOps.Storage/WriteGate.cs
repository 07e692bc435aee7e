namespace ChatOps.Storage;

/// <summary>
/// The in-process turn for SQLite's one write lock, taken before BEGIN IMMEDIATE by the hot writers (the inbox's group
/// commit, the engine's units of work, the workers' claims and marks) and released after COMMIT or ROLLBACK.
/// Without it they met only inside SQLite, whose busy handler sleeps 1, 2, 5, 10, 15, 20, 25… ms between tries: a
/// callback's commit waiting behind an engine transaction woke up to 10–25 ms after the lock was free (the 11 ms p50 at
/// 1,000 callbacks/s). Here a waiter is handed the lock the moment it is released, and <b>priority</b> waiters (the
/// inbox, whose commit an HTTP answer waits for) go before the others, so background work never queues ahead of an
/// acknowledgement. Waiting is bounded: after <see cref="Timeout"/> the writer goes on without its turn and SQLite's
/// own busy handling decides, as before (so a nested or forgotten writer can never hang the process). Other writers
/// (Quartz, the console, the CLI, other processes) are not gated and still meet inside SQLite.
/// </summary>
public sealed class WriteGate
{
    private readonly object _lock = new();
    private readonly Queue<TaskCompletionSource<bool>> _priority = new();
    private readonly Queue<TaskCompletionSource<bool>> _normal = new();
    private bool _held;
    private int _priorityWaiting;

    /// <summary>How long a writer waits for its turn before going on without it (SQLite's busy timeout is as long).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a priority writer (an acknowledgement) is waiting: a long writer should commit and let it in.</summary>
    public bool PriorityWaiting => Volatile.Read(ref _priorityWaiting) > 0;

    /// <summary>
    /// Waits for the turn; dispose the result (once or more) to pass it on. A priority writer waits synchronously (it
    /// runs on a thread of its own); the others asynchronously.
    /// </summary>
    public async ValueTask<Turn> EnterAsync(bool priority, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<bool> waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return new Turn(this);
            }

            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (priority)
            {
                _priority.Enqueue(waiter);
                _priorityWaiting++;
            }
            else
            {
                _normal.Enqueue(waiter);
            }
        }

        try
        {
            if (priority)
            {
                // Blocking on purpose: the priority writer is the group commit's own thread, which exists to wait for the
                // database; woken directly by the release, with no hop through a busy thread pool.
                if (!waiter.Task.Wait((int)Timeout.TotalMilliseconds, cancellationToken))
                {
                    throw new TimeoutException();
                }
            }
            else
            {
                await waiter.Task.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            }

            return new Turn(this);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Handed the turn at the same moment? Then it is ours and must be passed on by the caller's Dispose.
            if (!waiter.TrySetCanceled())
            {
                if (ex is OperationCanceledException)
                {
                    Release();
                    throw;
                }

                return new Turn(this);
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            return Turn.None; // timed out: go on without the turn, SQLite's busy handler decides
        }
    }

    private void Release()
    {
        lock (_lock)
        {
            while (_priority.Count > 0)
            {
                _priorityWaiting--;
                if (_priority.Dequeue().TrySetResult(true))
                {
                    return;
                }
            }

            while (_normal.Count > 0)
            {
                if (_normal.Dequeue().TrySetResult(true))
                {
                    return;
                }
            }

            _held = false;
        }
    }

    /// <summary>A writer's turn; disposing it hands it to the next waiter (only the first Dispose counts).</summary>
    public sealed class Turn : IDisposable
    {
        private WriteGate? _gate;

        internal Turn(WriteGate? gate) => _gate = gate;

        /// <summary>Whether this is the turn (not <see cref="None"/>) and not yet passed on.</summary>
        public bool Held => Volatile.Read(ref _gate) is not null;

        /// <summary>No turn held (no gate, or the wait timed out).</summary>
        public static Turn None => new(null);

        /// <summary>Passes the turn on.</summary>
        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
