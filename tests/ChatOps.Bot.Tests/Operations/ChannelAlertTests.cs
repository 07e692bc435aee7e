using ChatOps.Channels.WeCom.Tests.Fakes;
using ChatOps.Core.Conversations;
using ChatOps.Core.Operations;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>
/// When WeCom keeps refusing the bot (its IP is missing from 企业可信IP), the office is told once in chat — on another
/// channel (the local web chat here), since WeCom is the one failing — not only in a log.
/// </summary>
public class ChannelAlertTests
{
    [Fact]
    public async Task WeComKeepsFailingWith60020_OfficeStaffToldOnce_OnAnotherChannel()
    {
        await using var weCom = await FakeWeComServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        weCom.SetTrustedIps(["203.0.113.7"]);
        await using var host = new BotHost(weCom.BotSettings(new Dictionary<string, string?> { ["Engine:PollInterval"] = "00:00:00.100" }));
        _ = host.CreateClient();

        await QueueAsync(host, "a", 2);
        await WaitForAsync(() => weCom.RequestsTo("/cgi-bin/message/send").Count >= 2);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Empty(await AlertsAsync(host));

        await QueueAsync(host, "b", 4);
        await WaitForAsync(() => weCom.RequestsTo("/cgi-bin/message/send").Count >= 6);
        var alerts = await WaitForAlertsAsync(host);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var staff = await host.Services.GetRequiredService<ChatOps.Core.Organization.IDirectoryRepository>()
            .ListByRoleAsync(ChatOps.Core.Organization.Roles.OfficeStaff, TestContext.Current.CancellationToken);
        alerts = await AlertsAsync(host);
        Assert.Equal(staff.Count, alerts.Count);
        Assert.All(alerts, a => Assert.Equal("local", a.Channel));
        Assert.All(alerts, a => Assert.Contains("企业微信渠道连续发送失败（错误码 60020）", a.Payload, StringComparison.Ordinal));
        Assert.All(alerts, a => Assert.Contains("企业可信IP", a.Payload, StringComparison.Ordinal));
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

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 150 && !condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
