using System.Globalization;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Channels.WeCom.Tests.Fakes;
using ChatOps.Core.Conversations;
using ChatOps.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Bot.Tests.WeCom;

/// <summary>
/// The WeCom channel end to end: the real host's callback endpoint driven by the fake WeCom server with really signed
/// and encrypted callbacks, the real engine and SQLite, and the host's replies arriving at the fake through the API.
/// </summary>
public class WeComChannelTests
{
    /// <summary>The database the host runs on; <see cref="PostgreSqlWeComChannelTests"/> runs every test on PostgreSQL.</summary>
    protected virtual string Provider => StorageProviders.Sqlite;

    private const string Liaison = "fgw.lly";

    [Fact]
    public async Task UrlCheck_AnswersTheDecryptedEchostrAsPlainText_AndRefusesAWrongSignature()
    {
        await using var bot = await WeComBot.StartAsync(provider: Provider);

        var check = await bot.WeCom.VerifyUrlAsync(bot.CallbackUrl, bot.Crypto, "echo-5927391046", TestContext.Current.CancellationToken);
        var forged = await bot.WeCom.VerifyUrlAsync(bot.CallbackUrl, new ChatOps.Channels.WeCom.WeComCrypto("otherToken1", bot.WeCom.Options.EncodingAESKey, bot.WeCom.Options.CorpId), "echo", TestContext.Current.CancellationToken);

        Assert.Equal(200, check.StatusCode);
        Assert.Equal("echo-5927391046", check.Body);
        Assert.Equal(403, forged.StatusCode);
        Assert.DoesNotContain("echo", forged.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liaison_CompletesTheWeeklyReport_EntirelyThroughWeComCallbacks_WithAButtonClick()
    {
        await using var bot = await WeComBot.StartAsync(provider: Provider);
        var mark = bot.Mark(Liaison);

        await bot.SaysAsync(Liaison, "填报");
        var first = await bot.NextAsync(Liaison, mark, "");
        if (WeComBot.Show(first).Contains("请选择要填报的报告", StringComparison.Ordinal))
        {
            // More than one report open (e.g. last week's is late): the long captions cannot be card buttons, so the
            // choices come as numbered text, answered with a number.
            Assert.Equal("text", first.MsgType);
            Assert.Contains("1. ", first.Content, StringComparison.Ordinal);
            mark = bot.Mark(Liaison);
            await bot.SaysAsync(Liaison, "1");
        }

        await bot.NextAsync(Liaison, mark, "（1/5）本周工作进展");
        mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "1. 召开专题会议研究部署爱国卫生专项行动\n2. 开展农贸市场环境卫生督查");
        var doneCard = await bot.NextAsync(Liaison, mark, "已记录2条", "[完成]");
        Assert.Equal("template_card", doneCard.MsgType);
        Assert.Equal("button_interaction", doneCard.Payload!["card_type"]!.GetValue<string>());

        mark = bot.Mark(Liaison);
        await bot.PressesAsync(Liaison, doneCard, "完成");
        await bot.NextAsync(Liaison, mark, "（2/5）存在问题");
        mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "个别县区整改进度偏慢");
        await bot.NextAsync(Liaison, mark, "（3/5）下周工作计划");
        mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "继续推进问题清单整改");
        await bot.NextAsync(Liaison, mark, "（4/5）问题清单整改完成数");
        mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "12");
        await bot.NextAsync(Liaison, mark, "（5/5）问题清单总数");
        mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "15");

        var summary = await bot.NextAsync(Liaison, mark, "请核对省发展改革委", "**整改达标率**：80.0%");
        Assert.Equal("markdown", summary.MsgType);
        var confirm = await bot.NextAsync(Liaison, mark, "确认报送", "[提交] [修改] [取消]");
        Assert.Equal("template_card", confirm.MsgType);

        mark = bot.Mark(Liaison);
        var click = await bot.PressesAsync(Liaison, confirm, "提交");

        await bot.NextAsync(Liaison, mark, "报送成功。省发展改革委");
        var status = await bot.ScalarAsync<string>("SELECT status FROM reports WHERE unit_code = 'fgw' AND cycle_key = 'weekly' ORDER BY id DESC LIMIT 1");
        Assert.Equal("Submitted", status);
        await bot.WaitForIdleAsync();
        var update = Assert.Single(bot.WeCom.CardUpdates, u => u.ResponseCode == click.ResponseCode);
        Assert.Equal("已选择：提交", update.ReplaceName);
        Assert.Equal([Liaison], update.UserIds);
        Assert.Empty(bot.WeCom.Dropped);
    }

    [Fact]
    public async Task CardClick_FeedsTheEngineLikeTypedText_AndGreysOutTheCardWithThePressedLabel()
    {
        await using var bot = await WeComBot.StartAsync(provider: Provider);
        var mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "今天天气不错");
        var card = await bot.NextAsync(Liaison, mark, "未能识别该指令", "[填报] [查看状态] [帮助]");
        Assert.Equal(["填报", "状态", "帮助"], WeComBot.Buttons(card).Select(b => b.Key));

        mark = bot.Mark(Liaison);
        var click = await bot.PressesAsync(Liaison, card, "状态");

        await bot.NextAsync(Liaison, mark, "省发展改革委");
        await WeComBot.WaitUntilAsync(() => Task.FromResult(bot.WeCom.CardUpdates.Any(u => u.ResponseCode == click.ResponseCode)), () => "the card was not updated");
        var update = Assert.Single(bot.WeCom.CardUpdates);
        Assert.Equal("已选择：查看状态", update.ReplaceName);
        Assert.Equal(card.Payload!["task_id"]!.GetValue<string>(), update.TaskId);
        var inbound = Assert.Single(await bot.QueryAsync<string>("SELECT payload FROM inbox WHERE dedupe_key LIKE 'evt:%'"));
        Assert.Contains("\"状态\"", inbound, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryStorm_EachCallbackThreeTimesConcurrently_HasExactlyOneEffect()
    {
        // WeCom repeats a callback with the same CreateTime: the fake's clock stands still, so its three deliveries of
        // one click carry one CreateTime, as WeCom's retries do.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await WeComBot.StartAsync(new FakeWeComServerOptions { TimeProvider = clock }, provider: Provider);
        var mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "随便说点什么");
        var card = await bot.NextAsync(Liaison, mark, "未能识别该指令");
        await bot.WaitForIdleAsync();
        mark = bot.Mark(Liaison);

        var text = bot.TextXml(Liaison, "帮助", 7_300_000_000_000_000_001);
        var results = await Task.WhenAll(
            Enumerable.Range(0, 3).Select(_ => bot.WeCom.SendCallbackAsync(bot.CallbackUrl, text, bot.Crypto))
                .Concat(Enumerable.Range(0, 3).Select(_ => bot.WeCom.SendCardClickAsync(
                    bot.CallbackUrl, bot.Crypto, Liaison, card.Payload!["task_id"]!.GetValue<string>(), "填报"))));

        Assert.All(results, r => Assert.Equal((200, ""), (r.StatusCode, r.Body)));
        await bot.WaitForIdleAsync();
        Assert.Equal(1, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM inbox WHERE dedupe_key = 'msg:7300000000000000001'"));
        Assert.Equal(1, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM inbox WHERE dedupe_key LIKE 'evt:%template_card_event%'"));
        var after = bot.Received(Liaison).Skip(mark).Select(WeComBot.Show).ToList();
        Assert.Single(after, s => s.Contains("可用的功能", StringComparison.Ordinal));
        Assert.Single(after, s => s.Contains("本周工作进展", StringComparison.Ordinal) || s.Contains("请选择要填报的报告", StringComparison.Ordinal));
        Assert.Single(bot.WeCom.CardUpdates);
        Assert.Equal(1, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM dialog_states WHERE person_id = @Liaison", new { Liaison }));
    }

    [Fact]
    public async Task TokenExpiresInTheMiddleOfAFanOut_RefreshedOnce_EveryoneGetsTheirMessageExactlyOnce()
    {
        await using var bot = await WeComBot.StartAsync(provider: Provider);
        var liaisons = bot.Members.Where(m => m.EndsWith(".lly", StringComparison.Ordinal)).ToList();
        Assert.True(liaisons.Count >= 40);
        bot.WeCom.RevokeTokensAfter("/cgi-bin/message/send", 15, errCode: 42001);
        var now = DateTimeOffset.UtcNow;

        await bot.EnqueueAsync([.. liaisons.Select(id => new OutboxItem(
            0, "wecom", id, id, null, OutboundMessage.Plain($"【提醒】请于周四17:00前报送本周周报（{id}）"), $"fanout-test:{id}", now))]);

        await WeComBot.WaitUntilAsync(
            async () => await bot.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'fanout-test:%' AND status = 'Sent'") == liaisons.Count,
            () => "not every fan-out message was sent");
        foreach (var id in liaisons)
        {
            Assert.Single(bot.Received(id), d => d.Content == $"【提醒】请于周四17:00前报送本周周报（{id}）");
        }

        Assert.Equal(2, bot.WeCom.TokensIssued);
        Assert.Equal(2, bot.WeCom.RequestsTo("/cgi-bin/gettoken").Count);
        Assert.Empty(bot.WeCom.Dropped);
        var newest = bot.WeCom.RequestsTo("/cgi-bin/message/send")[^1].Query["access_token"];
        Assert.Equal(newest, await bot.ScalarAsync<string>("SELECT token FROM access_tokens WHERE cache_key LIKE 'wecom:%'"));
    }

    [Fact]
    public async Task InvalidUser_IsRecordedAgainstThePerson_NotRetried()
    {
        await using var bot = await WeComBot.StartAsync(provider: Provider);
        bot.WeCom.SetKnownUsers(bot.Members.Where(m => m != Liaison));

        await bot.SaysAsync(Liaison, "帮助");

        await WeComBot.WaitUntilAsync(
            async () => await bot.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE person_id = @Liaison AND status = 'Failed'", new { Liaison }) == 1,
            () => "the reply was not recorded as failed");
        var error = await bot.ScalarAsync<string>("SELECT last_error FROM outbox WHERE person_id = @Liaison AND status = 'Failed'", new { Liaison });
        Assert.Contains("invaliduser", error, StringComparison.Ordinal);
        Assert.Contains(Liaison, error, StringComparison.Ordinal);
        Assert.Empty(bot.Received(Liaison));
    }

    [Fact]
    public async Task PerMemberLimit_TheDispatcherHoldsBackWhatWeComWouldSilentlyDrop()
    {
        await using var bot = await WeComBot.StartAsync(provider: Provider);
        var now = DateTimeOffset.UtcNow;

        await bot.EnqueueAsync([.. Enumerable.Range(1, 33).Select(i => new OutboxItem(
            0, "wecom", Liaison, Liaison, null, OutboundMessage.Plain(string.Create(CultureInfo.InvariantCulture, $"通知 {i}")), $"limit-test:{i}", now))]);

        await WeComBot.WaitUntilAsync(
            async () => await bot.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'limit-test:%' AND attempts > 0") == 33,
            () => "not every message was tried");
        await bot.WaitForIdleAsync();
        Assert.Equal(30, bot.Received(Liaison).Count(d => d.Content!.StartsWith("通知 ", StringComparison.Ordinal)));
        Assert.Empty(bot.WeCom.Dropped);
        var waiting = await bot.QueryAsync<(string Status, string NextAttemptAt, string LastError)>(
            "SELECT status, next_attempt_at, last_error FROM outbox WHERE dedupe_key LIKE 'limit-test:%' AND status <> 'Sent'");
        Assert.Equal(3, waiting.Count);
        Assert.All(waiting, w =>
        {
            Assert.Equal("Pending", w.Status);
            Assert.True(DateTimeOffset.Parse(w.NextAttemptAt, CultureInfo.InvariantCulture) > now.AddSeconds(50), w.NextAttemptAt);
            Assert.Contains("per-member limit", w.LastError, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task GroupChats_AppChatCreatedFromTheDirectory_CircularsGoToTheAppChatAndTheRobot_RobotLimitKept()
    {
        await using var bot = await WeComBot.StartAsync(provider: Provider);
        var chatId = await bot.Services.GetRequiredService<WeComAppChats>().CreateAsync("lly-group", "office.clerk1", TestContext.Current.CancellationToken);
        Assert.Equal("wrSampleLiaisonChat", chatId);
        Assert.Equal(47, bot.WeCom.AppChats[chatId].Members.Count);
        var robot = bot.WeCom.WebhookUrl("robot-key-1").ToString();
        var now = DateTimeOffset.UtcNow;

        await bot.EnqueueAsync([
            new OutboxItem(0, "wecom", chatId, null, "lly-group", OutboundMessage.Markdown("**通报**：云爱卫专项办〔2026〕12号"), "group-test:chat", now),
            .. Enumerable.Range(1, 22).Select(i => new OutboxItem(
                0, "wecom", robot, null, "office-robot", OutboundMessage.Plain(string.Create(CultureInfo.InvariantCulture, $"通知 {i}")), $"group-test:robot:{i}", now)),
        ]);

        await WeComBot.WaitUntilAsync(
            async () => await bot.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'group-test:%' AND attempts > 0") == 23,
            () => "not every group message was tried");
        await bot.WaitForIdleAsync();
        var circular = Assert.Single(bot.WeCom.AppChatMessages);
        Assert.Equal(("markdown", "**通报**：云爱卫专项办〔2026〕12号"), (circular.MsgType, circular.Content));
        Assert.Equal(20, bot.WeCom.WebhookMessages.Count);
        Assert.Equal(2, await bot.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'group-test:robot:%' AND status = 'Pending'"));
    }
}

/// <summary>The same end-to-end WeCom tests on PostgreSQL (skipped with a reason without CHATOPS_TEST_POSTGRES).</summary>
public sealed class PostgreSqlWeComChannelTests : WeComChannelTests
{
    protected override string Provider => StorageProviders.PostgreSql;
}
