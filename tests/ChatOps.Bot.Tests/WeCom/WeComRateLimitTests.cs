using System.Globalization;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Core.Conversations;

namespace ChatOps.Bot.Tests.WeCom;

/// <summary>
/// WeCom's rate-limit answers (45009, 45033) pause sending through the app: the real host and dispatcher against the
/// fake WeCom server answering 45009, counting the calls made while it does.
/// </summary>
public sealed class WeComRateLimitTests
{
    private const string SendPath = "/cgi-bin/message/send";

    [Fact]
    public async Task ApiAnswers45009_SendingPausesForTheBackoff_ThenResumes_NothingLostOrDuplicated()
    {
        // One send at a time: the pause stops every send that starts after a 45009; with concurrent sends the ones
        // already in flight (at most Engine:SendConcurrency) get their own 45009 too, which would blur the count below.
        await using var bot = await WeComBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["WeCom:RateLimitRetryAfter"] = "00:00:01",
            ["Engine:SendConcurrency"] = "1",
        });
        var liaisons = bot.Members.Where(m => m.EndsWith(".lly", StringComparison.Ordinal)).Take(40).ToList();
        bot.WeCom.FailNext(SendPath, 45009, times: 100_000);
        var now = DateTimeOffset.UtcNow;

        // 200 messages, 5 per liaison (well inside WeCom's 30 a minute per member).
        await bot.EnqueueAsync([.. liaisons.SelectMany(id => Enumerable.Range(1, 5).Select(i => new OutboxItem(
            0, "wecom", id, id, null, OutboundMessage.Plain(string.Create(CultureInfo.InvariantCulture, $"通知{i}（{id}）")), $"rate-test:{id}:{i}", now)))]);
        await WeComBot.WaitUntilAsync(() => Task.FromResult(bot.WeCom.RequestsTo(SendPath).Count > 0), () => "nothing was sent");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        // One call, then one more after the first pause (1 s, and a doubled one after it): not one per queued message.
        var duringLimit = bot.WeCom.RequestsTo(SendPath);
        Assert.InRange(duringLimit.Count, 2, 3);
        Assert.True(duringLimit[1].At - duringLimit[0].At >= TimeSpan.FromSeconds(0.9), $"second call after {duringLimit[1].At - duringLimit[0].At}");
        Assert.Empty(bot.WeCom.Delivered);

        // A doubled pause may end just after the look above: count the refused calls when the limit is lifted.
        var refused = 100_000 - bot.WeCom.ClearFailures(SendPath);
        Assert.InRange(refused, duringLimit.Count, duringLimit.Count + 1);
        await WeComBot.WaitUntilAsync(
            async () => await bot.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'rate-test:%' AND status = 'Sent'") == 200,
            () => "not every message was sent after the limit ended");
        foreach (var id in liaisons)
        {
            for (var i = 1; i <= 5; i++)
            {
                Assert.Single(bot.Received(id), d => d.Content == string.Create(CultureInfo.InvariantCulture, $"通知{i}（{id}）"));
            }
        }

        Assert.Empty(bot.WeCom.Dropped);
        Assert.Equal(200 + refused, bot.WeCom.RequestsTo(SendPath).Count);
    }

    [Fact]
    public void Pause_GrowsWhileTheLimitRepeats_AndResetsOnSuccess()
    {
        var pause = new WeComSendPause();
        var t = DateTimeOffset.UnixEpoch;
        var backoff = TimeSpan.FromSeconds(60);

        Assert.Equal(backoff, pause.RateLimited("app a", backoff, t));
        Assert.True(pause.IsPaused("app a", t.AddSeconds(59), out _));
        Assert.False(pause.IsPaused("app b", t, out _));
        Assert.Equal(TimeSpan.FromSeconds(59), pause.RateLimited("app a", backoff, t.AddSeconds(1))); // same pause, refused in flight
        Assert.False(pause.IsPaused("app a", t.AddSeconds(60), out _));
        Assert.Equal(TimeSpan.FromSeconds(120), pause.RateLimited("app a", backoff, t.AddSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(240), pause.RateLimited("app a", backoff, t.AddSeconds(180)));
        Assert.Equal(WeComSendPause.MaxPause, pause.RateLimited("app a", TimeSpan.FromMinutes(10), t.AddHours(1)));

        pause.Succeeded("app a");
        Assert.False(pause.IsPaused("app a", t.AddHours(1), out _));
        Assert.Equal(backoff, pause.RateLimited("app a", backoff, t.AddHours(2)));
    }
}
