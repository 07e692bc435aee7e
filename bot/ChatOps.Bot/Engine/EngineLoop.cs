using ChatOps.Storage.Conversations;

namespace ChatOps.Bot.Engine;

/// <summary>
/// The loop both engine workers run: a round; after one that did work the next at once; after one that did not, a wait
/// for the worker's signal (a callback in this process, or another process's insert when the database notifies) of at
/// most the idle wait, which backs off while idle (<see cref="EngineOptions.IdleWait"/>). A failed round is logged and
/// tried again after <see cref="EngineOptions.PollInterval"/>; stopping ends the loop quietly.
/// </summary>
internal static class EngineLoop
{
    /// <summary>Runs rounds until <paramref name="stoppingToken"/> stops the host.</summary>
    /// <param name="worker">The worker in the failure log line ("Inbox worker", "Outbox dispatch").</param>
    /// <param name="round">One round; true when it did work.</param>
    /// <param name="wait">Waits at most the given time for the worker's signal; true when signalled.</param>
    public static async Task RunAsync(
        string worker, Func<CancellationToken, Task<bool>> round, Func<TimeSpan, CancellationToken, Task<bool>> wait,
        EngineOptions options, WorkNotifications? notifications, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        var idleRounds = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await round(stoppingToken))
                {
                    idleRounds = 0;
                    continue;
                }

                if (await wait(options.IdleWait(++idleRounds, notifications?.Listening == true), stoppingToken))
                {
                    idleRounds = 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Worker} round failed; retrying", worker);
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
        }
    }
}
