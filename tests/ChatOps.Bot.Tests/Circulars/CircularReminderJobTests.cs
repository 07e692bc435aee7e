using ChatOps.Bot.Circulars;
using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Jobs;
using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace ChatOps.Bot.Tests.Circulars;

/// <summary>The reminder job on Quartz's persistent store, next to the report job, fired for real.</summary>
public sealed class CircularReminderJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostStart_StoresTheEveryMinuteJob_AndAFiringQueuesDueReminders()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-circular-quartz-").FullName;
        var issued = new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));
        var clock = new FakeTimeProvider(issued);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder, ["LocalChat:Enabled"] = "true" });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddLogging();
        builder.AddStorage();
        builder.AddChatOps();
        builder.AddEngine();
        builder.AddScheduling();
        builder.AddCirculars();
        using var host = builder.Build();
        await host.StartAsync(Ct);
        try
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
            // One job for every feature's due work: the circulars' scheduler is one of its IDueWork.
            await using (var c = await host.Services.GetRequiredService<Database>().OpenAsync(Ct))
            {
                Assert.Equal(["due-work"], (await c.QueryAsync<string>("SELECT JOB_NAME FROM QRTZ_JOB_DETAILS")).ToList());
            }

            Assert.Contains(host.Services.GetServices<IDueWork>(), w => w is CircularScheduler);

            var clerk = Actor.Of((await host.Services.GetRequiredService<IDirectoryRepository>().FindPersonAsync("office.clerk1", Ct))!, "test");
            var service = host.Services.GetRequiredService<CircularService>();
            await using (var work = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct))
            {
                var created = await service.CreateAsync(clerk, work, new CircularDraft("通知", "关于报送材料的通知", "……", [new(TargetKind.Unit, "532900")]), clock.GetUtcNow(), Ct);
                await service.SendAsync(clerk, work, created.Circular!.Id, clock.GetUtcNow(), Ct);
                await work.CommitAsync(Ct);
            }

            clock.Advance(TimeSpan.FromHours(2));
            await scheduler.TriggerJob(ChatOps.Bot.Jobs.DueWorkJob.Key, Ct);
            const string reminders = "SELECT COUNT(*) FROM outbox WHERE dedupe_key = 'circular:1:remind:first:532900.lly'";
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until && await ScalarAsync<long>(host, reminders) == 0)
            {
                await Task.Delay(100, Ct);
            }

            Assert.Equal(1, await ScalarAsync<long>(host, reminders));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<T> ScalarAsync<T>(IHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync(Ct);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }
}
