using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using Quartz;

namespace ChatOps.Bot.Circulars;

/// <summary>
/// The circular reminders on Quartz, fired every minute (at second 30, away from the report job). It only asks
/// <see cref="CircularScheduler"/> what is due; the scheduler records each step and queues its messages in one
/// transaction with dedupe keys, so the job holds no state and a second firing or instance changes nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CircularReminderJob(CircularScheduler scheduler, TimeProvider time, ILogger<CircularReminderJob> logger, IWorkSignal? signal = null) : IJob
{
    /// <summary>The job's key in the job store.</summary>
    public static readonly JobKey Key = new("circular-reminders", "chatops");

    /// <summary>The key of its every-minute trigger.</summary>
    public static readonly TriggerKey TriggerKey = new("circular-reminders-every-minute", "chatops");

    /// <inheritdoc/>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (await scheduler.RunDueAsync(time.GetUtcNow(), cancellationToken) > 0)
            {
                signal?.OutboxChanged();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged, not rethrown: the trigger must stay healthy, and the next minute is the retry.
            logger.LogError(ex, "Circular reminders failed; they are tried again next minute");
        }
    }
}
