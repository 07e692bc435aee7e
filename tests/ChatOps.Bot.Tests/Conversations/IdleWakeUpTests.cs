using System.Diagnostics;
using ChatOps.Channels.WeCom.Tests.Fakes;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using ChatOps.Storage.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// Idle workers wait without polling (issue 17) and still start on new work at once: work this process writes wakes
/// them through the in-process <c>WorkSignal</c>; work another process writes on PostgreSQL wakes them through
/// LISTEN/NOTIFY (migration 0029's triggers, <see cref="WorkNotifications"/>). Every poll in these hosts is set to
/// ten minutes, so a reply within seconds can only come from a wake-up.
/// </summary>
public sealed class IdleWakeUpTests
{
    private const string NoPoll = "00:10:00";

    /// <summary>Under a loaded build machine a wake-up may take a while; a poll would take ten minutes.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Callback_OnSqliteWithoutPolling_IsAnsweredThroughTheInProcessSignal()
    {
        await using var bot = await WeComBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Engine:PollInterval"] = NoPoll,
            ["Engine:IdlePollInterval"] = NoPoll,
        });
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // both workers now in their first wait
        Assert.False(bot.Services.GetRequiredService<WorkNotifications>().Listening); // SQLite has nothing to listen to

        var user = bot.Members[0];
        var mark = bot.Mark(user);
        var watch = Stopwatch.StartNew();
        await bot.SaysAsync(user, "帮助");
        await bot.NextAsync(user, mark, "可用的功能");
        TestContext.Current.TestOutputHelper?.WriteLine($"answered {watch.Elapsed.TotalSeconds:F2} s after the callback");
    }

    [Fact]
    public async Task AMessageQueuedForLater_IsSentWhenDue_NotAtTheNextPoll()
    {
        // A circular's next wave or a retry is queued with a later send time; the insert's wake-up finds nothing due,
        // so the dispatcher must sleep only until that time, not until the next (here ten-minute) poll.
        await using var bot = await WeComBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Engine:PollInterval"] = NoPoll,
            ["Engine:IdlePollInterval"] = NoPoll,
        });
        var user = bot.Members[0];
        var due = DateTimeOffset.UtcNow.AddSeconds(3);
        await bot.EnqueueAsync(new OutboxItem(0, "wecom", user, user, null, OutboundMessage.Plain("第二批通知"), "later-1", DateTimeOffset.UtcNow, NextAttemptAt: due));

        await WaitUntilAsync(() => bot.Received(user).Any(d => d.Content == "第二批通知"), "the message queued for later was not sent when due");
        Assert.True(DateTimeOffset.UtcNow >= due, "sent before its time");
    }

    [Fact]
    public async Task OtherProcessesWork_OnPostgreSqlWithoutPolling_IsPickedUpThroughListenNotify()
    {
        await using var storage = await TestStorage.CreateAsync(StorageProviders.PostgreSql);
        await using var weCom = await FakeWeComServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var settings = weCom.BotSettings(storage.Settings);
        settings["Engine:PollInterval"] = NoPoll;
        settings["Engine:SafetyPollInterval"] = NoPoll;
        await using var host = new BotHost(settings);
        using var client = host.CreateClient(); // starts it: migrates, seeds the sample directory, listens
        var snapshot = await host.Services.GetRequiredService<IDirectoryRepository>().LoadAsync(TestContext.Current.CancellationToken);
        var members = snapshot.People.Select(p => p.IdentityOn(ChannelNames.WeCom)).OfType<string>().ToList();
        weCom.SetKnownUsers(members);
        await WaitUntilAsync(() => host.Services.GetRequiredService<WorkNotifications>().Listening, "the host never listened");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // both workers now in their ten-minute wait

        // Inbox: a message stored by another writer (its own storage, as another instance's callback would store it).
        var user = members[0];
        var watch = Stopwatch.StartNew();
        await StoreInboundAsync(storage.Settings, user, "帮助");
        await WaitUntilAsync(
            () => weCom.Delivered.Any(d => d.Recipient == user.ToLowerInvariant() && WeComBot.Show(d).Contains("可用的功能", StringComparison.Ordinal)),
            "the message stored by another writer was not answered");
        var inbox = watch.Elapsed;

        // Outbox: the weekly prompts queued by the send-prompts verb, a process of its own.
        var folder = Directory.CreateTempSubdirectory("chatops-wake-").FullName;
        var before = weCom.Delivered.Count;
        watch.Restart();
        var queued = await BotProcess.RunAsync(folder, ["send-prompts", "--cycle", "weekly", .. settings.Select(s => $"--{s.Key}={s.Value}")]);
        Assert.True(queued.ExitCode == 0, queued.Error);
        await WaitUntilAsync(() => weCom.Delivered.Count > before, "the prompts queued by the CLI were not sent:\n" + queued.Output);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"PostgreSQL, polls at ten minutes: another writer's message answered in {inbox.TotalSeconds:F2} s; the CLI's prompts sent within {watch.Elapsed.TotalSeconds:F2} s of starting it (its own start-up included)");
    }

    [Fact]
    public async Task PostgreSqlWithoutTheNotifyTriggers_DoesNotCountOnNotifications_AndKeepsItsPoll()
    {
        // A product of the PostgreSQL family without pg_notify gets no triggers from migration 0029; LISTEN alone would
        // succeed there, and a host that believed it would never be told of another instance's work.
        await using var storage = await TestStorage.CreateAsync(StorageProviders.PostgreSql);
        await using var weCom = await FakeWeComServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var settings = weCom.BotSettings(storage.Settings);
        await using (var first = new BotHost(settings))
        {
            using var client = first.CreateClient(); // migrates
            await WaitUntilAsync(() => first.Services.GetRequiredService<WorkNotifications>().Listening, "the host never listened");
        }

        await using (var connection = new Npgsql.NpgsqlConnection(storage.Settings["ConnectionStrings:ChatOps"]))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new Npgsql.NpgsqlCommand("DROP TRIGGER inbox_notify_work ON inbox; DROP TRIGGER outbox_notify_work ON outbox", connection);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var second = new BotHost(settings);
        using var secondClient = second.CreateClient();
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.False(second.Services.GetRequiredService<WorkNotifications>().Listening);
    }

    /// <summary>Stores an inbound WeCom text through a storage of its own: the host's in-process signal never hears of it.</summary>
    private static async Task StoreInboundAsync(IDictionary<string, string?> settings, string user, string text)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStorage();
        using var other = builder.Build(); // not started: the host has migrated the database
        var message = new InboundMessage(ChannelNames.WeCom, "wake-" + Guid.NewGuid().ToString("N"), user, text, null, null, DateTimeOffset.UtcNow);
        Assert.True(await other.Services.GetRequiredService<IInbox>().AcceptAsync(message, user, TestContext.Current.CancellationToken));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Prompt;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
