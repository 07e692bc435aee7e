using ChatOps.Core.Conversations;
using ChatOps.Core.Meetings;
using Quartz;

namespace ChatOps.Bot.Meetings;

/// <summary>
/// The Quartz job of meeting reminders and agreed-item chasing, fired every minute. It only asks
/// <see cref="MeetingScheduler"/> what is due now; the scheduler records each step and queues its messages in one
/// transaction, so the job holds no state, missed minutes need no replay, and a second instance firing it changes nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MeetingScheduleJob(MeetingScheduler scheduler, TimeProvider time, ILogger<MeetingScheduleJob> logger, IWorkSignal? signal = null) : IJob
{
    /// <summary>The job's key in the job store.</summary>
    public static readonly JobKey Key = new("meeting-schedule", "chatops");

    /// <summary>The key of its every-minute trigger.</summary>
    public static readonly TriggerKey TriggerKey = new("meeting-schedule-every-minute", "chatops");

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
            logger.LogError(ex, "Meeting scheduling failed; it is tried again next minute");
        }
    }
}
