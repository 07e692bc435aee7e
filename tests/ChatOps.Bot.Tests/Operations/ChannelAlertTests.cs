using ChatOps.Bot.Tests.WeCom;
using ChatOps.Channels.WeCom.Tests.Fakes;
using ChatOps.Core.Conversations;
using ChatOps.Core.Operations;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>
/// When WeCom keeps refusing the bot (its IP is missing from 企业可信IP), the app's messages are held, not failed, and
/// tried again now and then (the hold doubles); the office is told once in chat — on another channel (the local web
/// chat here), since WeCom is the one failing — not only in a log; once the operator trusts the IP, every held
/// message goes out, once.
/// </summary>
public class ChannelAlertTests
{
    [Fact]
    public async Task WeCom60020_MessagesHeldNotFailed_OfficeToldOnce_AllSentOnceTheIpIsTrusted()
    {
        await using var weCom = await FakeWeComServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        weCom.SetTrustedIps(["203.0.113.7"]);
        await using var host = new BotHost(weCom.BotSettings(new Dictionary<string, string?>
        {
            ["WeCom:ConfigurationRetryAfter"] = "00:00:01",
            ["Engine:PollInterval"] = "00:00:00.100",
        }));
        _ = host.CreateClient();

        await QueueAsync(host, "a", 5);
        var alerts = await WaitForAlertsAsync(host);
        await Task.Delay(3000, TestContext.Current.CancellationToken); // holds of 1, 2, 4 s: more tries, no second alert

        var staff = await host.Services.GetRequiredService<ChatOps.Core.Organization.IDirectoryRepository>()
            .ListByRoleAsync(ChatOps.Core.Organization.Roles.OfficeStaff, TestContext.Current.CancellationToken);
        alerts = await AlertsAsync(host);
        Assert.Equal(staff.Count, alerts.Count);
        Assert.All(alerts, a => Assert.Equal("local", a.Channel));
        Assert.All(alerts, a => Assert.Contains("企业微信渠道连续发送失败（错误码 60020）", a.Payload, StringComparison.Ordinal));
        Assert.All(alerts, a => Assert.Contains("企业可信IP", a.Payload, StringComparison.Ordinal));
        Assert.Equal(["Pending"], (await StatusesAsync(host)).Distinct());
        var calls = weCom.RequestsTo("/cgi-bin/message/send").Count;
        Assert.True(calls is >= 1 and <= 4, $"{calls} calls while held: one per hold expected, not one per message");

        weCom.SetTrustedIps(null); // the administrator adds this server's IP to 企业可信IP
        await WaitForAsync(async () => (await StatusesAsync(host)).All(s => s == "Sent"), seconds: 60);
        var delivered = weCom.Delivered.Select(WeComBot.Show).Where(t => t.StartsWith("测试a", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"测试a{i}"), delivered);
    }

    private static async Task QueueAsync(BotHost host, string batch, int count)
    {
        var work = host.Services.GetRequiredService<IUnitOfWorkFactory>();
        await using (var uow = await work.BeginAsync(TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < count; i++)
            {
                await uow.Outbox.EnqueueAsync(new OutboxItem(0, "wecom", "fgw.lly", "fgw.lly", null, OutboundMessage.Plain($"测试{batch}{i}"), $"alert-test:{batch}:{i}", DateTimeOffset.UtcNow),
                    TestContext.Current.CancellationToken);
            }

            await uow.CommitAsync(TestContext.Current.CancellationToken);
        }

        host.Services.GetRequiredService<IWorkSignal>().OutboxChanged();
    }

    private static async Task<List<(string Channel, string Payload)>> AlertsAsync(BotHost host)
    {
        await using var c = new SqliteConnection($"Data Source={host.DatabaseFile};Mode=ReadOnly;Pooling=false");
        return (await c.QueryAsync<(string, string)>("SELECT channel, payload FROM outbox WHERE dedupe_key LIKE 'channel-alert:%'")).ToList();
    }

    private static async Task<List<(string Channel, string Payload)>> WaitForAlertsAsync(BotHost host)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await AlertsAsync(host) is { Count: > 0 } found)
            {
                return found;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("no channel alert was queued");
    }

    private static async Task<List<string>> StatusesAsync(BotHost host)
    {
        await using var c = new SqliteConnection($"Data Source={host.DatabaseFile};Mode=ReadOnly;Pooling=false");
        return (await c.QueryAsync<string>("SELECT status FROM outbox WHERE dedupe_key LIKE 'alert-test:%'")).ToList();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, int seconds)
    {
        for (var i = 0; i < seconds * 10 && !await condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(await condition());
    }
}
