using ChatOps.Bot.Cli;
using ChatOps.Bot.Jobs;
using ChatOps.Core.Reports.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ChatOps.Bot.Tests.Jobs;

public class QuartzWiringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostStart_QuartzRunsOnTheMigratedDatabase_WithTheEveryMinuteJobStored()
    {
        await using var host = await SchedulingHost.StartAsync(DateTimeOffset.Parse("2026-11-23T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        Assert.True(await SchedulingHost.EventuallyAsync(() => Task.FromResult(scheduler.Status == SchedulerStatus.Running)));
        Assert.Equal(SchedulingRegistration.SchedulerName, scheduler.SchedulerName);

        Assert.Equal(1, await host.QueryAsync<long>(
            "SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE SCHED_NAME = 'ChatOps' AND JOB_NAME = 'due-work' AND JOB_GROUP = 'chatops' AND IS_NONCONCURRENT = 1"));
        Assert.Contains(nameof(DueWorkJob), await host.QueryAsync<string>("SELECT JOB_CLASS_NAME FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = 'due-work'"), StringComparison.Ordinal);
        Assert.Equal("0 * * * * ?", await host.QueryAsync<string>(
            "SELECT CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS WHERE SCHED_NAME = 'ChatOps' AND TRIGGER_NAME = 'due-work-every-minute'"));
        Assert.Equal(1, await host.QueryAsync<long>("SELECT COUNT(*) FROM SchemaVersions WHERE ScriptName LIKE '%0003_quartz.sql'"));
    }

    [Fact]
    public async Task JobFires_RunsTheSchedulerAtTheApplicationsClock_AndASecondFiringSendsNothingAgain()
    {
        // Wednesday 11-25 10:00 in Kunming: the first prompt of 2026-W48 is due.
        await using var host = await SchedulingHost.StartAsync(DateTimeOffset.Parse("2026-11-25T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        Assert.True(await SchedulingHost.EventuallyAsync(() => Task.FromResult(scheduler.Status == SchedulerStatus.Running)));
        const string prompts = "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'report:weekly:2026-W48:first-prompt:%'";

        Assert.Same(host.Clock, host.Services.GetRequiredService<TimeProvider>()); // Quartz must not replace the application's clock

        await scheduler.TriggerJob(DueWorkJob.Key, Ct);

        // The sample directory: 29 provincial departments and 16 prefectures, each with a liaison on the local chat.
        Assert.True(await SchedulingHost.EventuallyAsync(async () => await host.QueryAsync<long>(prompts) == 45), host.Log.ToString());
        Assert.Equal(1, await host.QueryAsync<long>(
            "SELECT COUNT(*) FROM schedule_steps WHERE cycle_key = 'weekly' AND period_key = '2026-W48' AND step = 'first-prompt'"));

        await scheduler.TriggerJob(DueWorkJob.Key, Ct);
        await Task.Delay(1500, Ct);
        Assert.Equal(45, await host.QueryAsync<long>(prompts));
        Assert.DoesNotContain(host.Log.Entries, e => e.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_DownOverThePrompt_QuartzReusesItsStoredJob_AndThePromptIsSentOnce()
    {
        const string prompts = "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'report:weekly:2026-W48:first-prompt:%'";
        var folder = Directory.CreateTempSubdirectory("chatops-quartz-restart-").FullName;
        try
        {
            // Up on Tuesday: the job runs, nothing is due yet. Then the host is down over Wednesday 10:00.
            await using (var before = await SchedulingHost.StartAsync(DateTimeOffset.Parse("2026-11-24T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture), folder))
            {
                var first = await RunJobAsync(before);
                Assert.True(await SchedulingHost.EventuallyAsync(async () =>
                    await before.QueryAsync<long>("SELECT COUNT(*) FROM schedule_steps WHERE step = 'scheduler-started'") == Core.Reports.ReportCatalog.All.Count), before.Log.ToString());
                Assert.Equal(0, await before.QueryAsync<long>(prompts));

                // A job an earlier version stored (one per feature) is removed when the new version starts.
                await first.AddJob(JobBuilder.Create<DueWorkJob>().WithIdentity(DueWorkJob.RetiredKeys[1]).StoreDurably().Build(), AddJobOptions.Replacing, Ct);
                Assert.Equal(2, await before.QueryAsync<long>("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS"));
                await first.Shutdown(true, Ct);
            }

            await using var after = await SchedulingHost.StartAsync(DateTimeOffset.Parse("2026-11-25T05:17:00Z", System.Globalization.CultureInfo.InvariantCulture), folder);
            var scheduler = await RunJobAsync(after);
            Assert.True(await SchedulingHost.EventuallyAsync(async () => await after.QueryAsync<long>(prompts) == 45), after.Log.ToString());

            await scheduler.TriggerJob(DueWorkJob.Key, Ct);
            await Task.Delay(1500, Ct);
            Assert.Equal(45, await after.QueryAsync<long>(prompts));
            Assert.Equal(1, await after.QueryAsync<long>("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS"));
            Assert.Equal(1, await after.QueryAsync<long>("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'chatops'"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            SchedulingHost.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task CliVerbs_SendPromptsAndExempt_OnTheRealStore()
    {
        await using var host = await SchedulingHost.StartAsync(DateTimeOffset.Parse("2026-11-23T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var liaison = (await host.Services.GetRequiredService<Core.Organization.IDirectoryRepository>().LoadAsync(Ct)).LiaisonsByUnit().Values.Order(StringComparer.Ordinal).First();

        var (exemptCode, exemptOut, exemptErr) = await RunAsync(host, new ExemptVerb(), "--person", liaison, "--reason", "休假", "--by", "周敏");
        Assert.True(exemptCode == 0, exemptErr);
        Assert.Contains("2026-W48 期周报免催，原因：休假。", exemptOut, StringComparison.Ordinal);

        var (code, output, error) = await RunAsync(host, new SendPromptsVerb(), "--cycle", "weekly");
        Assert.True(code == 0, error);
        Assert.Contains("2026-W48", output, StringComparison.Ordinal);
        Assert.Contains("已将 44 条周报填报提示排入发送队列", output, StringComparison.Ordinal);
        Assert.Contains("请假免催 1 个", output, StringComparison.Ordinal);
        Assert.Equal(44, await host.QueryAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'report:weekly:2026-W48:manual-%'"));

        var (badCode, _, badError) = await RunAsync(host, new SendPromptsVerb(), "--cycle", "monthly");
        Assert.Equal(1, badCode);
        Assert.Contains("没有名为“monthly”的报送周期", badError, StringComparison.Ordinal);

        var (usageCode, _, _) = await RunAsync(host, new ExemptVerb(), "--reason", "休假");
        Assert.Equal(CliVerbs.Usage, usageCode);
    }

    [Fact]
    public void SchedulerOptions_BindFromTheSchedulingSection()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Scheduling:CatchUpLimit"] = "1.00:00:00";
        builder.AddScheduling();
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromDays(1), provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportSchedulerOptions>>().Value.CatchUpLimit);
    }

    /// <summary>Waits for Quartz to run, then fires the job once by hand.</summary>
    private static async Task<IScheduler> RunJobAsync(SchedulingHost host)
    {
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        Assert.True(await SchedulingHost.EventuallyAsync(() => Task.FromResult(scheduler.Status == SchedulerStatus.Running)));
        await scheduler.TriggerJob(DueWorkJob.Key, Ct);
        return scheduler;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(SchedulingHost host, ICliVerb verb, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await verb.RunAsync(host.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
