using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Jobs;
using ChatOps.Bot.Meetings;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace ChatOps.Bot.Tests.Meetings;

/// <summary>The meeting job on Quartz next to the report job, and the CLI verbs run as an operator would.</summary>
public sealed class MeetingHostingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithScheduling_TheMeetingJobSharesThePersistentStore_AndFiringItRunsTheScheduler()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-meeting-quartz-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder, ["LocalChat:Enabled"] = "true" });
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8))));
        builder.Services.AddLogging();
        builder.AddStorage();
        builder.AddChatOps();
        builder.AddEngine();
        builder.AddScheduling();
        builder.AddMeetings();
        using var host = builder.Build();
        await host.StartAsync(Ct);
        try
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
            Assert.True(await EventuallyAsync(() => Task.FromResult(scheduler.Status == SchedulerStatus.Running)));
            Assert.Equal(SchedulingRegistration.SchedulerName, scheduler.SchedulerName);
            await using var c = await host.Services.GetRequiredService<Database>().OpenAsync(Ct);
            Assert.Equal(["due-work"],
                (await c.QueryAsync<string>("SELECT JOB_NAME FROM QRTZ_JOB_DETAILS WHERE SCHED_NAME = 'ChatOps' ORDER BY JOB_NAME")).ToList());
            Assert.Contains(host.Services.GetServices<Core.Conversations.IDueWork>(), w => w is Core.Meetings.MeetingScheduler);

            Assert.True((await host.Services.GetRequiredService<Core.Meetings.MeetingService>().CreateAsync(Core.Organization.Actor.System("test", "test"), new Core.Meetings.MeetingDraft(
                "专题会议", "农贸市场环境卫生整治专题会议", "office.head", "2026-11-25 10:30", "2026-11-25 11:30", "省市场监管局5楼会议室", null, null,
                ["unit:scjgj"]), Ct)).Succeeded);
            await scheduler.TriggerJob(ChatOps.Bot.Jobs.DueWorkJob.Key, Ct);
            // Half an hour before the start (application clock): the host's roster is due; the reminders were due before
            // the meeting was announced and are skipped.
            Assert.True(await EventuallyAsync(async () =>
                await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key = 'meeting:1:roster:v1:office.head'") == 1));
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM meeting_steps WHERE step LIKE 'reminder-%'"));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task CliVerbs_CreateAMeeting_AndPrintItsRoster()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-meeting-cli-").FullName;
        var seed = await BotProcess.RunAsync(folder, "import-directory", Path.Combine(AppContext.BaseDirectory, "samples", "directory.yaml"));
        Assert.Equal(0, seed.ExitCode);

        var bad = await BotProcess.RunAsync(folder, "meeting-create", "--title", "领导小组办公室会议", "--kind", "办公室会议", "--host", "office.head",
            "--start", "2027-03-02 09:00", "--end", "2027-03-02 10:30", "--attendees", "unit:fgw", "--weekly", "WED");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--place: 请填写会议地点或线上参会链接。", bad.Error, StringComparison.Ordinal);
        Assert.Contains("--weekly/--monthly: 开始日期3月2日（周二）与重复规则“每周三”不一致", bad.Error, StringComparison.Ordinal);

        var usage = await BotProcess.RunAsync(folder, "meeting-create", "--titel", "x");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("未知的选项：--titel。", usage.Error, StringComparison.Ordinal);

        var created = await BotProcess.RunAsync(folder, "meeting-create", "--title", "领导小组办公室会议", "--kind", "办公室会议", "--host", "office.head",
            "--start", "2027-03-02 09:00", "--end", "2027-03-02 10:30", "--place", "省卫生健康委3楼会议室", "--attendees", "unit:fgw,unit:wjw,role:组长", "--weekly", "TUE",
            "--LocalChat:Enabled=true"); // a channel to queue on (Production has none configured here)
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("已创建会议 #1：领导小组办公室会议，3月2日（周二）9:00—10:30，省卫生健康委3楼会议室。（每周二召开，系列编号 1）", created.Output, StringComparison.Ordinal);
        Assert.Contains("已将 3 份会议通知排入发送队列", created.Output, StringComparison.Ordinal);

        var roster = await BotProcess.RunAsync(folder, "meeting-roster", "1");
        Assert.True(roster.ExitCode == 0, roster.Error);
        Assert.Contains("应参会3人：参加0人，请假0人，请假待批0人，未答复3人。", roster.Output, StringComparison.Ordinal);
        Assert.Contains("谭磊、宋蓉（省发展改革委）、罗倩（省卫生健康委）", roster.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await BotProcess.RunAsync(folder, "meeting-roster", "7")).ExitCode);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, Ct);
        }

        return await condition();
    }
}
