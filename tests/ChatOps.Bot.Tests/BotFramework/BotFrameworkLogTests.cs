using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Bot.Tests.BotFramework;

/// <summary>
/// What a reply writes to the log at the shipped level (Information): the channel's own lines, not the four that
/// IHttpClientFactory's request logging would add for every message sent to the Bot Connector.
/// </summary>
public sealed class BotFrameworkLogTests
{
    [Fact]
    public async Task RepliesSent_WriteNoRequestLinesOfTheHttpClientFactory()
    {
        var log = new CapturedLog(LogLevel.Information);
        await using var bf = await BotFrameworkHarness.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(log));

        await bf.SayAsync("帮助", "可用的功能");
        await bf.SayAsync("状态", "省发展改革委");

        Assert.Contains(log.Categories, c => c.StartsWith("ChatOps.", StringComparison.Ordinal)); // the capture sees the host's lines
        Assert.True(bf.Connector.TokenRequests >= 1); // the token client was used too
        Assert.DoesNotContain(log.Categories, c => c.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }
}
