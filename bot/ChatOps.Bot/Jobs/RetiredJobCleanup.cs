using Quartz;

namespace ChatOps.Bot.Jobs;

/// <summary>
/// Removes the jobs of earlier versions (<see cref="DueWorkJob.RetiredKeys"/>) from the persistent job store when the
/// host starts, so a database upgraded from them does not keep firing triggers whose job classes no longer exist.
/// Deleting a job that is not there changes nothing; with several instances each deletes, harmlessly.
/// </summary>
internal sealed class RetiredJobCleanup(ISchedulerFactory schedulers, ILogger<RetiredJobCleanup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var key in DueWorkJob.RetiredKeys)
        {
            if (await scheduler.DeleteJob(key, cancellationToken))
            {
                logger.LogInformation("Removed the retired Quartz job {Job}", key);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
