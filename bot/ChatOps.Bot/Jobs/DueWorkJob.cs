using Quartz;

namespace ChatOps.Bot.Jobs;

/// <summary>
/// The one Quartz job of the host, fired every minute: it runs every registered <see cref="IDueWork"/> (report prompts
/// and chasing, meeting reminders, circular reminders, …) in turn. Each records its steps and queues its messages in
/// its own transactions with dedupe keys, so the job holds no state, missed minutes need no replay, a second instance
/// firing it changes nothing, and one feature's failure is logged without stopping the others.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DueWorkJob(IEnumerable<IDueWork> work, TimeProvider time, ILogger<DueWorkJob> logger, IWorkSignal? signal = null) : IJob
{
    /// <summary>The job's key in the job store.</summary>
    public static readonly JobKey Key = new("due-work", "chatops");

    /// <summary>The key of its every-minute trigger.</summary>
    public static readonly TriggerKey TriggerKey = new("due-work-every-minute", "chatops");

    /// <summary>The jobs of earlier versions (one per feature), removed from the job store at start-up.</summary>
    public static readonly IReadOnlyList<JobKey> RetiredKeys =
        [new("report-schedule", "chatops"), new("meeting-schedule", "chatops"), new("circular-reminders", "chatops")];

    /// <inheritdoc/>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var queued = 0;
        foreach (var item in work)
        {
            try
            {
                queued += await item.RunDueAsync(time.GetUtcNow(), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged, not rethrown: the trigger must stay healthy, the other features still run, and the next minute is the retry.
                logger.LogError(ex, "Due work {Work} failed; it is tried again next minute", item.Name);
            }
        }

        if (queued > 0)
        {
            signal?.OutboxChanged();
        }
    }
}
