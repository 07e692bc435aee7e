using System.Net;
using System.Text.Json.Nodes;
using ChatOps.Channels.BotFramework.Connector;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.BotFramework;

/// <summary>
/// The Bot Framework channel end to end: the real host on Kestrel, a fresh database (SQLite; PostgreSQL in the subclass), and a fake Bot Connector on
/// loopback that signs what it sends, issues the bot's tokens, and receives what the bot sends.
/// </summary>
public class BotFrameworkChannelTests
{
    /// <summary>The database; <see cref="PostgreSqlBotFrameworkChannelTests"/> runs every test on PostgreSQL.</summary>
    protected virtual string Provider => StorageProviders.Sqlite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WeeklyReport_IsCompletedThroughTheChannel_WithSignedTokensAndCardSubmits()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(provider: Provider);
        var connector = bf.Connector;

        var before = connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await bf.PostAsync(Activities.Message(bf.ServiceUrl, "填报"))).StatusCode);
        var opened = await OpenThisWeeksReportAsync(bf, await connector.WaitForAsync(
            c => c.Accepted && (c.Text.Contains("请选择要填报的报告", StringComparison.Ordinal) || c.Text.Contains("（1/5）", StringComparison.Ordinal)), before));

        Assert.Contains("（1/5）本周工作进展", opened.Text, StringComparison.Ordinal);
        var progress = await bf.SayAsync("1. 召开专题会议研究部署爱国卫生专项行动\n2. 开展农贸市场环境卫生督查", "已记录2条");
        Assert.Equal(new[] { ("完成", "完成") }, progress.CardChoices);
        Assert.Equal("1.4", progress.Cards.Single()["version"]!.GetValue<string>());

        await bf.PressAsync(progress, "完成", "（2/5）存在问题");
        var greyed = await connector.WaitForAsync(c => c.Kind == "update" && c.ActivityId == progress.AssignedId);
        Assert.Contains("已选择：完成", greyed.Text, StringComparison.Ordinal);
        Assert.Empty(greyed.CardChoices);
        Assert.Contains("已记录2条", greyed.Text, StringComparison.Ordinal);

        await bf.SayAsync("个别县区整改进度偏慢", "（3/5）下周工作计划");
        await bf.SayAsync("继续推进问题清单整改", "（4/5）问题清单整改完成数");
        await bf.SayAsync("12", "（5/5）问题清单总数");
        before = connector.Calls.Count;
        var confirm = await bf.SayAsync("15", "内容无误请点击“提交”");
        var summary = await connector.WaitForMessageAsync(BotFrameworkHarness.FgwConversation, "请核对", before);
        Assert.Equal("markdown", summary.Body["textFormat"]!.GetValue<string>());
        Assert.Contains("**整改达标率**：80.0%", summary.Text, StringComparison.Ordinal);
        Assert.Equal(["提交", "修改", "取消"], confirm.CardChoices.Select(c => c.Title));

        await bf.PressAsync(confirm, "提交", "报送成功。省发展改革委");
        await connector.WaitForAsync(c => c.Kind == "update" && c.ActivityId == confirm.AssignedId && c.Text.Contains("已选择：提交", StringComparison.Ordinal));

        Assert.Equal("Submitted", await bf.ScalarAsync<string>("SELECT status FROM reports WHERE unit_code = 'fgw'"));
        Assert.Equal("fgw.lly", await bf.ScalarAsync<string>("SELECT author_id FROM reports WHERE unit_code = 'fgw'"));
        Assert.All(connector.Calls, c => Assert.StartsWith("Bearer fake-bf-token-", c.Authorization, StringComparison.Ordinal));
        Assert.All(connector.Calls.Where(c => c.Kind != "update"), c =>
        {
            Assert.Equal(Activities.BotId, c.Body["from"]!["id"]!.GetValue<string>());
            Assert.Equal(BotFrameworkHarness.FgwUser, c.Body["recipient"]!["id"]!.GetValue<string>());
        });
        Assert.Equal(1, connector.TokenRequests);
        Assert.Equal(1, await bf.CountAsync("conversation_references", $"user_id = '{BotFrameworkHarness.FgwUser}'"));
        Assert.Equal(0, await bf.CountAsync("inbox", "error IS NOT NULL"));
    }

    [Fact]
    public async Task ProactivePrompt_AfterAHostRestart_ReachesTheUserThroughTheStoredReference()
    {
        var first = await BotFrameworkHarness.StartAsync(provider: Provider);
        try
        {
            await first.SayAsync("帮助", "可用的功能");
            await first.StopHostAsync();

            await using var second = await BotFrameworkHarness.StartAsync(folder: first.DataFolder, connector: first.Connector, storage: first.Storage);
            var services = second.Host.Services;
            var person = await services.GetRequiredService<IDirectoryRepository>().FindPersonAsync("fgw.lly", Ct);
            var prompt = services.GetRequiredService<RecipientRouter>().To(
                person!, OutboundMessage.Card("周报提醒", "请于本周四17:00前报送本单位周报。", new Choice("填报", "填报")), DateTimeOffset.UtcNow, "test-prompt");
            Assert.Equal((ChannelNames.BotFramework, BotFrameworkHarness.FgwUser), (prompt!.Channel, prompt.Address));

            var before = second.Connector.Calls.Count;
            await using (var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct))
            {
                await work.Outbox.EnqueueAsync(prompt, Ct);
                await work.CommitAsync(Ct);
            }

            services.GetRequiredService<IWorkSignal>().OutboxChanged();

            var delivered = await second.Connector.WaitForMessageAsync(BotFrameworkHarness.FgwConversation, "请于本周四17:00前报送", before);
            Assert.Equal("send", delivered.Kind);
            Assert.Equal(["填报"], delivered.CardChoices.Select(c => c.Choice));
            Assert.Equal(BotFrameworkHarness.FgwUser, delivered.Body["recipient"]!["id"]!.GetValue<string>());
            Assert.Equal(1, second.Connector.TokenRequests); // the token is shared through the database, not fetched again

            // Pressing the prompt's button works like typing 填报, in the restarted instance.
            await second.PressAsync(delivered, "填报", "填报");
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task TeamsGroupMessage_ReplyStartsA1To1ConversationWithTheTenant_AndGroupsAreRegistered()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(provider: Provider);
        const string group = "19:lly-group@thread.v2";

        Assert.Equal(HttpStatusCode.OK, (await bf.PostAsync(Activities.TeamsGroupMessage(bf.ServiceUrl, "帮助", BotFrameworkHarness.JytUser, group))).StatusCode);

        var create = await bf.Connector.WaitForAsync(c => c.Kind == "create" && c.Accepted);
        Assert.Equal(Activities.TenantId, create.Body["tenantId"]!.GetValue<string>());
        Assert.Equal(Activities.TenantId, create.Body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.False(create.Body["isGroup"]!.GetValue<bool>());
        Assert.Equal(Activities.BotId, create.Body["bot"]!["id"]!.GetValue<string>());
        Assert.Equal(BotFrameworkHarness.JytUser, create.Body["members"]!.AsArray().Single()!["id"]!.GetValue<string>());
        var help = await bf.Connector.WaitForMessageAsync(create.AssignedId!, "可用的功能");
        Assert.Equal("markdown", help.Body["textFormat"]!.GetValue<string>());

        // The next reply reuses the 1:1 conversation; nothing is said in the group.
        var before = bf.Connector.Calls.Count;
        await bf.PostAsync(Activities.TeamsGroupMessage(bf.ServiceUrl, "状态", BotFrameworkHarness.JytUser, group));
        await bf.Connector.WaitForMessageAsync(create.AssignedId!, "省教育厅", before);
        Assert.Single(bf.Connector.Calls, c => c.Kind == "create");
        Assert.DoesNotContain(bf.Connector.Calls, c => c.ConversationId == group);

        // The bot added to a Teams channel: the channel is registered as a group conversation for circulars.
        Assert.Equal(HttpStatusCode.OK, (await bf.PostAsync(Activities.BotAddedToTeamsChannel(bf.ServiceUrl, "19:channel@thread.tacv2", BotFrameworkHarness.JytUser))).StatusCode);
        var groups = await bf.Host.Services.GetRequiredService<IConversationReferenceStore>().ListGroupConversationsAsync(ChannelNames.BotFramework, Ct);
        Assert.Equal(["19:channel@thread.tacv2", group], groups.Select(g => g.ConversationId));
        Assert.All(groups, g => Assert.Equal((true, Activities.TenantId, "msteams"), (g.IsGroup, g.TenantId, g.ChannelId)));
        Assert.Equal(2, await bf.CountAsync("inbox"));
        var listing = new StringWriter();
        Assert.Equal(0, await new ChatOps.Bot.Cli.GroupConversationsVerb().RunAsync(bf.Host.Services, [], listing, TextWriter.Null));
        Assert.Contains("19:channel@thread.tacv2", listing.ToString(), StringComparison.Ordinal);
        Assert.Contains("（未登记）", listing.ToString(), StringComparison.Ordinal);

        // A circular to the channel (a group chat in the directory, address = conversation id) goes to the channel itself.
        var services = bf.Host.Services;
        before = bf.Connector.Calls.Count;
        await using (var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct))
        {
            await work.Outbox.EnqueueAsync(new OutboxItem(0, ChannelNames.BotFramework, "19:channel@thread.tacv2", null, "lly-teams",
                OutboundMessage.Markdown("请各成员单位于本周五前报送整改情况。", "通报"), null, DateTimeOffset.UtcNow), Ct);
            await work.CommitAsync(Ct);
        }

        services.GetRequiredService<IWorkSignal>().OutboxChanged();
        var circular = await bf.Connector.WaitForMessageAsync("19:channel@thread.tacv2", "**通报**", before);
        Assert.Null(circular.Body["recipient"]);
        Assert.Equal(Activities.BotId, circular.Body["from"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task TooManyRequests_IsRetriedAfterRetryAfter()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(provider: Provider);
        bf.Connector.FailNext(HttpStatusCode.TooManyRequests, "3");

        Assert.Equal(HttpStatusCode.OK, (await bf.PostAsync(Activities.Message(bf.ServiceUrl, "帮助"))).StatusCode);

        var delivered = await bf.Connector.WaitForMessageAsync(BotFrameworkHarness.FgwConversation, "可用的功能", timeout: TimeSpan.FromSeconds(20));
        var refused = Assert.Single(bf.Connector.Calls, c => c.Status == 429);
        Assert.True(delivered.At - refused.At >= TimeSpan.FromSeconds(2.9), $"retried after {delivered.At - refused.At}, before Retry-After: 3");
        await BotFrameworkHarness.EventuallyAsync(
            async () => await bf.CountAsync("outbox", "channel = 'botframework' AND status = 'Sent' AND attempts = 2") == 1, "the outbox to record the send");
    }

    [Fact]
    public async Task BadGateway_IsRetriedWithinTheSameAttempt()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(provider: Provider);
        bf.Connector.FailNext(HttpStatusCode.BadGateway);
        bf.Connector.FailNext(HttpStatusCode.PreconditionFailed);

        await bf.SayAsync("帮助", "可用的功能");

        Assert.Equal([502, 412, 200], bf.Connector.Calls.Select(c => c.Status));
        await BotFrameworkHarness.EventuallyAsync(
            async () => await bf.CountAsync("outbox", "channel = 'botframework' AND status = 'Sent' AND attempts = 1") == 1, "one attempt");
    }

    [Fact]
    public async Task Forbidden_FailsTheMessage_MarksTheUserUnreachable_AndTellsTheOffice()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(provider: Provider);
        bf.Connector.Forbidden[BotFrameworkHarness.FgwConversation] = true;

        Assert.Equal(HttpStatusCode.OK, (await bf.PostAsync(Activities.Message(bf.ServiceUrl, "帮助"))).StatusCode);

        await BotFrameworkHarness.EventuallyAsync(
            async () => await bf.CountAsync("outbox", "channel = 'botframework' AND status = 'Failed'") == 1, "the reply to fail");
        Assert.Contains("bot blocked or uninstalled", await bf.ScalarAsync<string>("SELECT last_error FROM outbox WHERE status = 'Failed'"), StringComparison.Ordinal);
        Assert.Equal(1, await bf.CountAsync("conversation_references", $"user_id = '{BotFrameworkHarness.FgwUser}' AND unreachable = 1"));
        await BotFrameworkHarness.EventuallyAsync(
            async () => await bf.CountAsync("outbox", "person_id IN ('office.head', 'office.clerk1', 'office.clerk2') AND payload LIKE '%省发展改革委宋蓉%无法接收%'") == 3,
            "a notice to each office staff member");

        // Further messages fail at once, without calling the connector again, and the office is not told twice.
        var services = bf.Host.Services;
        await using (var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct))
        {
            await work.Outbox.EnqueueAsync(new OutboxItem(0, ChannelNames.BotFramework, BotFrameworkHarness.FgwUser, "fgw.lly", null, OutboundMessage.Plain("提醒"), null, DateTimeOffset.UtcNow), Ct);
            await work.CommitAsync(Ct);
        }

        services.GetRequiredService<IWorkSignal>().OutboxChanged();
        await BotFrameworkHarness.EventuallyAsync(
            async () => await bf.CountAsync("outbox", "channel = 'botframework' AND status = 'Failed'") == 2, "the second message to fail");
        Assert.Single(bf.Connector.Calls, c => c.Status == 403);
        Assert.Equal(3, await bf.CountAsync("outbox", "payload LIKE '%无法接收%'"));

        // The user adds the bot again and writes: reachable again.
        bf.Connector.Forbidden.Clear();
        await bf.SayAsync("帮助", "可用的功能");
        Assert.Equal(0, await bf.CountAsync("conversation_references", "unreachable = 1"));
    }

    [Fact]
    public async Task ConnectorRefusesTheToken_TheTokenIsRefreshedOnce()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(provider: Provider);
        await bf.SayAsync("帮助", "可用的功能");
        bf.Connector.RevokeTokens();

        await bf.SayAsync("状态", "省发展改革委");

        Assert.Equal(2, bf.Connector.TokenRequests);
        Assert.Equal([200, 401, 200], bf.Connector.Calls.Select(c => c.Status));
    }

    [Fact]
    public async Task TeamsUser_KnownToTheDirectoryByTheirEntraObjectIdOnly_IsRecognisedAndAnswered()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(provider: Provider);
        var asTeams = await KnownOnlyByEntraObjectIdAsync(bf, "7d1e6c2a-0000-4000-8000-0000000000aa");

        var reply = await bf.SayAsync("填报", "", TeamsUser, TeamsConversation, asTeams);
        Assert.True(reply.Text.Contains("（1/5）", StringComparison.Ordinal) || reply.Text.Contains("请选择要填报的报告", StringComparison.Ordinal), reply.Text);
        Assert.Equal(0, await bf.CountAsync("outbox", "person_id IS NULL OR person_id <> 'jyt.lly'")); // answered as them
        Assert.Equal(1, await bf.CountAsync("inbox", "person_id IS NULL AND error IS NULL")); // found by the engine, not before the 200
    }

    [Fact]
    public async Task TeamsUser_KnownByTheirEntraObjectIdOnly_AnswersACard_AndItIsGreyedOutAsChosen()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(provider: Provider);
        var asTeams = await KnownOnlyByEntraObjectIdAsync(bf, "7d1e6c2a-0000-4000-8000-0000000000ab");

        await OpenThisWeeksReportAsync(bf, await bf.SayAsync("填报", "", TeamsUser, TeamsConversation, asTeams), TeamsUser, asTeams);
        var progress = await bf.SayAsync("召开专题会议研究部署爱国卫生专项行动", "已记录第1条", TeamsUser, TeamsConversation, asTeams);
        await bf.PressAsync(progress, "完成", "（2/5）存在问题", TeamsUser, asTeams);

        // The card is greyed out as chosen (an unknown sender's answer would be greyed out as 已失效), and the answer
        // was stored with the person, found by the object id before the 200.
        var greyed = await bf.Connector.WaitForAsync(c => c.Kind == "update" && c.ActivityId == progress.AssignedId);
        Assert.Contains("已选择：完成", greyed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ActivityRenderer.ExpiredCaption, greyed.Text, StringComparison.Ordinal);
        Assert.Equal("jyt.lly", await bf.ScalarAsync<string>("SELECT person_id FROM inbox ORDER BY id DESC LIMIT 1"));
        Assert.Equal(0, await bf.CountAsync("outbox", "person_id IS NULL OR person_id <> 'jyt.lly'"));
    }

    private const string TeamsUser = "29:jyt-teams-id", TeamsConversation = "a:jyt-teams-personal";

    /// <summary>
    /// The directory knows 教育厅's liaison by their Entra object id only, not by the channel's user id their activities
    /// carry (<see cref="TeamsUser"/>); returns what makes an activity theirs, as Teams sends it (the object id beside it).
    /// </summary>
    private static async Task<Action<JsonObject>> KnownOnlyByEntraObjectIdAsync(BotFrameworkHarness bf, string aad)
    {
        Assert.Equal("jyt.lly", await bf.ScalarAsync<string>(
            $"UPDATE person_identities SET external_id = '{aad}' WHERE channel = 'botframework' AND external_id = '{BotFrameworkHarness.JytUser}' RETURNING person_id"));
        return activity => activity["from"]!["aadObjectId"] = aad;
    }

    /// <summary>
    /// After 填报: the report's first question, or — when two or more reports are open (e.g. last week's is overdue) —
    /// this week's weekly report picked on the card.
    /// </summary>
    private static async Task<ConnectorCall> OpenThisWeeksReportAsync(
        BotFrameworkHarness bf, ConnectorCall opened, string from = BotFrameworkHarness.FgwUser, Action<JsonObject>? edit = null)
    {
        if (opened.Text.Contains("（1/5）", StringComparison.Ordinal))
        {
            return opened;
        }

        var thisWeek = opened.CardChoices.First(c => c.Title.Contains("周报", StringComparison.Ordinal) && !c.Title.StartsWith("补报", StringComparison.Ordinal));
        return await bf.PressAsync(opened, thisWeek.Title, "（1/5）本周工作进展", from, edit);
    }

    [Fact]
    public async Task Message_FromAUserKnownByTheirChannelId_IsTakenWithoutADirectoryRead_AndAnsweredAsThem()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(provider: Provider);
        var opened = await bf.SayAsync("填报", "");
        Assert.True(opened.Text.Contains("（1/5）", StringComparison.Ordinal) || opened.Text.Contains("请选择要填报的报告", StringComparison.Ordinal), opened.Text);
        // Stored without the person (the engine found them by the user id when it handled the message), answered as 发改委's liaison.
        Assert.Equal(1, await bf.CountAsync("inbox", "person_id IS NULL"));
    }

    [Fact]
    public async Task UnknownFields_AreAccepted_AndARedeliveredActivityIsStoredOnce()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(provider: Provider);
        var activity = Activities.Message(bf.ServiceUrl, "帮助", id: "1712345678901");
        activity["futureField"] = new JsonObject { ["nested"] = new JsonArray(1, 2, 3) };
        activity["from"]!["futureAccountField"] = true;
        activity["channelData"] = new JsonObject { ["clientActivityID"] = "abc", ["unknown"] = new JsonObject() };

        Assert.Equal(HttpStatusCode.OK, (await bf.PostAsync(activity)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bf.PostAsync(activity)).StatusCode);

        await bf.Connector.WaitForMessageAsync(BotFrameworkHarness.FgwConversation, "可用的功能");
        Assert.Equal(1, await bf.CountAsync("inbox"));
        Assert.Equal("webchat:a:fgw-personal:1712345678901", await bf.ScalarAsync<string>("SELECT dedupe_key FROM inbox"));
    }

    [Fact]
    public async Task Development_WithoutAnAppId_AcceptsAnonymousRequests_AndRepliesWithoutAToken()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(new Dictionary<string, string?>
        {
            ["BotFramework:AppId"] = null,
            ["BotFramework:AppPassword"] = null,
        }, provider: Provider);
        bf.Connector.RequireToken = false;

        var response = await bf.PostRawAsync(Activities.Json(Activities.Message(bf.ServiceUrl, "帮助", channelId: "emulator")), token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await bf.Connector.WaitForMessageAsync(BotFrameworkHarness.FgwConversation, "可用的功能");
        Assert.Null(reply.Authorization);
        Assert.Equal(0, bf.Connector.TokenRequests);
    }

    [Fact]
    public async Task Production_WithoutAnAppId_RejectsEveryRequest()
    {
        await using var bf = await BotFrameworkHarness.StartAsync(new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["BotFramework:AppId"] = null,
            ["BotFramework:AppPassword"] = null,
        }, provider: Provider);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bf.PostAsync(Activities.Message(bf.ServiceUrl, "帮助"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bf.PostRawAsync(Activities.Json(Activities.Message(bf.ServiceUrl, "帮助")), token: null)).StatusCode);
        Assert.Equal(0, await bf.CountAsync("inbox"));
        Assert.DoesNotContain(ChannelNames.BotFramework, bf.Host.Services.GetRequiredService<EnabledChannels>().Channels);
    }
}

/// <summary>The same channel tests on PostgreSQL (skipped with a reason without CHATOPS_TEST_POSTGRES).</summary>
public sealed class PostgreSqlBotFrameworkChannelTests : BotFrameworkChannelTests
{
    protected override string Provider => StorageProviders.PostgreSql;
}
