using ChatOps.Core.Conversations;
using ChatOps.Core.Reports.Scheduling;
using Quartz;

namespace ChatOps.Bot.Jobs;

/// <summary>
/// The one Quartz job of prompting and chasing, fired every minute. It only asks <see cref="ReportScheduler"/> what is
/// due now; the scheduler records each step and queues its messages in one transaction, so the job holds no state, a
/// missed minutes need no replay (one catch-up firing covers them) and a second instance firing it changes nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReportScheduleJob(ReportScheduler scheduler, TimeProvider time, ILogger<ReportScheduleJob> logger, IWorkSignal? signal = null) : IJob
{
    /// <summary>The job's key in the job store.</summary>
    public static readonly JobKey Key = new("report-schedule", "chatops");

    /// <summary>The key of its every-minute trigger.</summary>
    public static readonly TriggerKey TriggerKey = new("report-schedule-every-minute", "chatops");

    /// <inheritdoc/>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var queued = await scheduler.RunDueAsync(time.GetUtcNow(), cancellationToken);
            if (queued > 0)
            {
                signal?.OutboxChanged();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged, not rethrown: the trigger must stay healthy, and the next minute is the retry.
            logger.LogError(ex, "Report scheduling failed; it is tried again next minute");
        }
    }
}
