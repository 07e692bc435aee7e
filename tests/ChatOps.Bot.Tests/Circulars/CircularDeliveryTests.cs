using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;

namespace ChatOps.Bot.Tests.Circulars;

/// <summary>Delivery through the real outbox and dispatcher (scripted channel senders), reminders and numbering on the real store.</summary>
public class CircularDeliveryTests
{
    /// <summary>The database; <see cref="PostgreSqlCircularDeliveryTests"/> runs every test on PostgreSQL.</summary>
    protected virtual string Provider => StorageProviders.Sqlite;

    /// <summary>Wednesday 2026-11-25 10:30 in Kunming.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CircularTarget[] AllGroupsAndDali =
        [new(TargetKind.Group, "lly-group"), new(TargetKind.Group, "office-robot"), new(TargetKind.Group, CircularChat.TeamsGroup), new(TargetKind.Unit, "532900")];

    [Fact]
    public async Task PartialDeliveryFailure_TransientIsRetried_PermanentShowsTheChannelsReason_AndTheOfficeResends()
    {
        await using var chat = await CircularChat.StartAsync(Wednesday, provider: Provider);
        var robotTries = 0;
        chat.WeCom.Script = item => item.GroupCode switch
        {
            "lly-group" => new SendResult.Failed("appchat/send errcode 86003: chatid not found"),
            "office-robot" when ++robotTries == 1 => new SendResult.Retry(TimeSpan.FromSeconds(30), "errcode 45009: api freq out of limit"),
            _ => null,
        };
        var circular = await chat.IssueAsync(new CircularDraft("通知", "关于开展爱国卫生月活动的通知", "……", AllGroupsAndDali));

        await chat.DispatchAsync();
        var standing = await chat.StandingAsync(circular.Id);
        var byTarget = standing.Targets.ToDictionary(t => t.TargetKey);
        Assert.Equal((DeliveryState.Failed, "appchat/send errcode 86003: chatid not found"), (byTarget["group:lly-group"].State, byTarget["group:lly-group"].Error));
        Assert.Equal((DeliveryState.Retrying, "errcode 45009: api freq out of limit"), (byTarget["group:office-robot"].State, byTarget["group:office-robot"].Error));
        Assert.Equal(DeliveryState.Sent, byTarget[$"group:{CircularChat.TeamsGroup}"].State);
        Assert.Equal(DeliveryState.Sent, byTarget["person:532900.lly"].State);
        (await chat.SaysAsync("office.clerk2", $"通报情况 #{circular.Id}")).Shows(
            "爱国卫生专项行动联络员群：发送失败（appchat/send errcode 86003: chatid not found）",
            "领导小组办公室通知群（群机器人）：重试中（errcode 45009: api freq out of limit）",
            "州市联络员群（Teams）：已发送", $"回复“重发 #{circular.Id}”重新发送失败的消息");

        chat.Clock.Advance(TimeSpan.FromSeconds(31)); // the channel's Retry-After
        await chat.DispatchAsync();
        var robot = (await chat.StandingAsync(circular.Id)).Targets.Single(t => t.TargetKey == "group:office-robot");
        Assert.Equal((DeliveryState.Sent, 2, (string?)null), (robot.State, robot.Attempts, robot.Error));

        chat.WeCom.Script = null; // the office fixed the app chat
        (await chat.SaysAsync("office.clerk2", $"重发 #{circular.Id}")).Shows("已重新发送《关于开展爱国卫生月活动的通知》（云爱卫专项办发〔2026〕1号）的 1 条消息。");
        await chat.DispatchAsync();
        Assert.All((await chat.StandingAsync(circular.Id)).Targets, t => Assert.Equal(DeliveryState.Sent, t.State));
        Assert.Equal(2, chat.WeCom.Attempts.Count(a => a.GroupCode == "lly-group"));
        Assert.Equal(1, await chat.QueryAsync<long>("SELECT COUNT(*) FROM circular_audit WHERE action = 'resent' AND actor_id = 'office.clerk2'"));
        (await chat.SaysAsync("office.clerk2", $"重发 #{circular.Id}")).Shows("没有需要重发的消息");
    }

    [Fact]
    public async Task ALargeCircular_GoesOutInWaves_AndRepliesAreNotStuckBehindIt()
    {
        await using var chat = await CircularChat.StartAsync(Wednesday, new Dictionary<string, string?>
        {
            ["Circulars:DeliveryWaveSize"] = "10",
            ["Circulars:DeliveryWaveInterval"] = "00:00:05",
        }, provider: Provider);
        var circular = await chat.IssueAsync(new CircularDraft("通知", "关于全体人员参加培训的通知", "……", [CircularTarget.Everyone, new(TargetKind.Group, "lly-group")]));
        var rows = await chat.QueryAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE @Key", new { Key = $"circular:{circular.Id}:%" });
        Assert.True(rows > 50, $"{rows} rows");
        Assert.Equal(10, await chat.QueryAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE @Key AND next_attempt_at <= @Now",
            new { Key = $"circular:{circular.Id}:%", Now = chat.Clock.GetUtcNow() }));

        var reply = await chat.SaysAsync("fgw.lly", "帮助");
        await chat.DispatchAsync();
        Assert.Equal("Sent", await chat.QueryAsync<string>("SELECT status FROM outbox WHERE id = @Id", new { reply.Items[0].Id }));
        Assert.Equal(rows - 10, await chat.QueryAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE @Key AND status = 'Pending'", new { Key = $"circular:{circular.Id}:%" }));

        chat.Clock.Advance(TimeSpan.FromMinutes(10));
        await chat.DispatchAsync();
        Assert.Equal(0, await chat.QueryAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE @Key AND status <> 'Sent'", new { Key = $"circular:{circular.Id}:%" }));
        Assert.Equal("group:lly-group", (await chat.StandingAsync(circular.Id)).Targets[0].TargetKey); // the group went first
    }

    [Fact]
    public async Task Reminders_AfterTwoHoursAndAtNineNextWorkingDay_OnlyToTheMissing_AndStopWhenAcknowledgedOrStopped()
    {
        await using var chat = await CircularChat.StartAsync(Wednesday, provider: Provider);
        var scheduler = chat.Services.GetServiceOrThrow<CircularScheduler>();
        var circular = await chat.IssueAsync(new CircularDraft("通知", "关于报送第四季度工作总结的通知", "……",
            [new(TargetKind.Group, CircularChat.TeamsGroup), new(TargetKind.Unit, "532900"), new(TargetKind.Unit, "533400")]));
        await chat.DispatchAsync(); // the group message is delivered: reminders may name the group
        foreach (var p in new[] { "530100.lly", "530300.lly", "532900.lly", "533400.lly" })
        {
            await chat.NewMessagesAsync(p);
        }

        Assert.Equal(0, await scheduler.RunDueAsync(At("2026-11-25 12:29"), Ct));
        Assert.Equal(4, await scheduler.RunDueAsync(At("2026-11-25 12:30"), Ct));
        Assert.Equal(0, await scheduler.RunDueAsync(At("2026-11-25 12:31"), Ct)); // once only
        (await chat.NewMessagesAsync("530100.lly")).Shows("提醒：通知尚未确认收到", "11月25日（周三）10:30印发《关于报送第四季度工作总结的通知》", "已发至“州市联络员群（Teams）”", "您尚未确认收到")
            .Offers("收到");

        chat.Clock.SetUtcNow(At("2026-11-25 14:00"));
        await chat.PressesAsync("532900.lly", $"收到 #{circular.Id}");
        await chat.SaysAsync("533400.lly", "收到");
        Assert.Equal(0, await scheduler.RunDueAsync(At("2026-11-26 08:59"), Ct));
        Assert.Equal(2, await scheduler.RunDueAsync(At("2026-11-26 09:00"), Ct));
        Assert.Equal(["530100.lly", "530300.lly"], await RemindedAsync(chat, circular.Id, "d20261126"));

        chat.Clock.SetUtcNow(At("2026-11-26 10:00"));
        await chat.SaysAsync("530100.lly", "已收到");
        (await chat.SaysAsync("office.clerk1", $"停止提醒 #{circular.Id}")).Shows("已停止《关于报送第四季度工作总结的通知》（云爱卫专项办发〔2026〕1号）的提醒，仍有 1 人未确认收到（仍可随时确认）。");
        (await chat.SaysAsync("office.clerk1", $"停止提醒 #{circular.Id}")).Shows("的提醒已于11月26日（周四）10:00停止。");
        Assert.Equal(0, await scheduler.RunDueAsync(At("2026-11-27 09:00"), Ct));
        (await chat.SaysAsync("530300.lly", "收到")).Shows("已确认收到"); // still accepted after the stop

        var recipients = await chat.InWorkAsync(w => chat.Circulars.Store(w).ListRecipientsAsync(circular.Id));
        Assert.Equal(2, recipients.Single(r => r.PersonId == "530300.lly").Reminders);
        Assert.Equal(1, recipients.Single(r => r.PersonId == "532900.lly").Reminders);
        Assert.Contains(await chat.InWorkAsync(w => chat.Circulars.Store(w).ListAuditAsync(circular.Id)),
            a => a is { Action: CircularAuditActions.RemindersStopped, ActorId: "office.clerk1" });
    }

    [Fact]
    public async Task Reminders_EndWhenEveryoneHasAcknowledged()
    {
        await using var chat = await CircularChat.StartAsync(Wednesday, provider: Provider);
        var scheduler = chat.Services.GetServiceOrThrow<CircularScheduler>();
        var circular = await chat.IssueAsync(new CircularDraft("通知", "简短通知", "……", [new(TargetKind.Unit, "532900")]));
        await chat.PressesAsync("532900.lly", $"收到 #{circular.Id}");

        Assert.Null((await chat.StandingAsync(circular.Id)).Circular.NextReminderAt);
        Assert.Equal(0, await scheduler.RunDueAsync(At("2026-11-25 12:30"), Ct));
        Assert.Equal(0, await scheduler.RunDueAsync(At("2026-11-26 09:00"), Ct));
        Assert.Equal(0, await chat.QueryAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE '%:remind:%'"));
    }

    [Fact]
    public async Task Numbering_PerKindPerYear_TurnsAtKunmingMidnight_EditedNumbersAreUnique_AndReleasedNumbersReused()
    {
        await using var chat = await CircularChat.StartAsync(At("2026-12-31 23:50"), provider: Provider);
        var clerk = Actor.Of((await chat.Services.GetServiceOrThrow<IDirectoryRepository>().FindPersonAsync("office.clerk1", Ct))!, "test");
        Task<CircularOutcome> CreateAsync(string kind, string? number = null) => chat.InWorkAsync(w =>
            chat.Circulars.CreateAsync(clerk, w, new CircularDraft(kind, $"{kind}标题", "正文", [new(TargetKind.Unit, "fgw")], number), chat.Clock.GetUtcNow()));

        Assert.Equal("云爱卫专项办通〔2026〕1号", (await CreateAsync("通报")).Circular!.Number);
        Assert.Equal("云爱卫专项办发〔2026〕1号", (await CreateAsync("通知")).Circular!.Number);
        Assert.Equal("云爱卫专项办〔2026〕1号", (await CreateAsync("文件")).Circular!.Number);
        var edited = (await CreateAsync("通报", "云爱卫专项办通[2026]9 号")).Circular!;
        Assert.Equal(("云爱卫专项办通〔2026〕9号", 2026, 9), (edited.Number, edited.NumberYear, edited.NumberSequence));
        Assert.Equal("云爱卫专项办通〔2026〕10号", (await CreateAsync("通报")).Circular!.Number);
        Assert.Equal("云爱卫专项办发〔2026〕2号", (await CreateAsync("通知")).Circular!.Number);

        var taken = await CreateAsync("通知", "云爱卫专项办通〔2026〕9号");
        Assert.False(taken.Succeeded);
        Assert.Equal((CircularErrorKind.Conflict, "number"), (taken.Errors[0].Kind, taken.Errors[0].Field));
        Assert.Equal("文号“云爱卫专项办通〔2026〕9号”已被《通报标题》（云爱卫专项办通〔2026〕9号）使用，建议使用“云爱卫专项办发〔2026〕3号”。", taken.Errors[0].Message);
        var free = await CreateAsync("通知", "领导小组办公室便函");
        Assert.Equal(("领导小组办公室便函", (int?)null), (free.Circular!.Number, free.Circular.NumberSequence));
        Assert.Equal("云爱卫专项办发〔2026〕3号", (await CreateAsync("通知")).Circular!.Number); // a free-form number leaves the sequence alone

        // Withdrawing a draft releases its number for the next document.
        await chat.InWorkAsync(w => chat.Circulars.StopAsync(clerk, w, edited.Id, chat.Clock.GetUtcNow()));
        Assert.Equal("云爱卫专项办通〔2026〕9号", (await CreateAsync("通报", "云爱卫专项办通〔2026〕9号")).Circular!.Number);

        chat.Clock.SetUtcNow(At("2027-01-01 00:10")); // still 2026 in UTC
        Assert.Equal("云爱卫专项办通〔2027〕1号", (await CreateAsync("通报")).Circular!.Number);
        Assert.Equal("云爱卫专项办发〔2027〕1号", (await CreateAsync("通知")).Circular!.Number);
        Assert.Equal("2027年第1期", (await CreateAsync("工作专报")).Circular!.Number);
    }

    private static async Task<string[]> RemindedAsync(CircularChat chat, long id, string step)
    {
        var dispatch = chat.Services.GetServiceOrThrow<IOutboxDispatch>();
        var people = new List<string>();
        foreach (var person in new[] { "530100.lly", "530300.lly", "532900.lly", "533400.lly" })
        {
            if ((await dispatch.ListForPersonAsync(person, ChannelNames.WeCom, 0)).Any(i => i.DedupeKey == $"circular:{id}:remind:{step}:{person}"))
            {
                people.Add(person);
            }
        }

        return [.. people];
    }

    /// <summary>An instant written in Kunming time.</summary>
    private static DateTimeOffset At(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(8));
}

/// <summary>Service look-up without the DI extension namespace in every test file.</summary>
internal static class ServiceProviderTestExtensions
{
    public static T GetServiceOrThrow<T>(this IServiceProvider services)
        where T : notnull => (T)(services.GetService(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered"));
}

/// <summary>The same tests on PostgreSQL (skipped with a reason without CHATOPS_TEST_POSTGRES).</summary>
public sealed class PostgreSqlCircularDeliveryTests : CircularDeliveryTests
{
    protected override string Provider => StorageProviders.PostgreSql;
}
