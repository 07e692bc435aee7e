using System.Net;
using System.Net.Http.Json;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>The Prometheus scrape endpoint: off unless configured; after a message it shows the engine's counters.</summary>
public class MetricsTests
{
    [Fact]
    public async Task Scrape_AfterAMessage_ShowsTurnsSendsLagAndOutbox()
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["Telemetry:Prometheus:Enabled"] = "true" });
        using var client = host.CreateClient();

        var post = await client.PostAsJsonAsync("/local/api/messages", new { personId = "fgw.lly", text = "你好", clientId = "m1" }, TestContext.Current.CancellationToken);
        Assert.True(post.IsSuccessStatusCode);

        var text = "";
        for (var i = 0; i < 100 && !text.Contains("chatops_outbox_sends_total{", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        }

        Assert.Matches(@"chatops_dialog_turns_total\{[^}]*channel=""local""[^}]*\} [1-9]", text);
        Assert.Matches(@"chatops_outbox_sends_total\{[^}]*channel=""local""[^}]*result=""sent""[^}]*\} [1-9]", text);
        Assert.Matches(@"chatops_inbox_lag_seconds_count\{[^}]*channel=""local""[^}]*\} [1-9]", text);
        Assert.Contains("chatops_outbox_pending", text, StringComparison.Ordinal);
        Assert.Contains("chatops_outbox_oldest_age_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_NotConfigured_IsNotMapped()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
