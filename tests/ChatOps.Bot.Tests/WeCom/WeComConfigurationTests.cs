using ChatOps.Channels.WeCom;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.WeCom;

/// <summary>The WeCom settings: off without an app, one app or several, and start-up errors that name the key.</summary>
public sealed class WeComConfigurationTests
{
    private const string AesKey2 = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut";

    [Fact]
    public async Task NoApp_ChannelIsOff_NoEndpoint_NotAnEnabledChannel()
    {
        await using var host = new BotHost();
        using var client = host.CreateClient();

        Assert.DoesNotContain("wecom", host.Services.GetRequiredService<EnabledChannels>().Channels);
        Assert.DoesNotContain(host.Services.GetServices<IChannelSender>(), s => s.Channel == "wecom");
        Assert.Equal(404, (int)(await client.PostAsync("/wecom/callback", new StringContent("<xml/>"), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task SeveralApps_EachAtItsOwnPath_WithItsOwnKeys_RepliesGoThroughTheFirst()
    {
        await using var bot = await WeComBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["WeCom:CorpId"] = null,
            ["WeCom:AgentId"] = null,
            ["WeCom:Secret"] = null,
            ["WeCom:Token"] = null,
            ["WeCom:EncodingAESKey"] = null,
            ["WeCom:ApiBaseUrl"] = null,
        }, configure: weCom => new Dictionary<string, string?>
        {
            ["WeCom:Apps:0:Name"] = "reports",
            ["WeCom:Apps:0:CorpId"] = weCom.Options.CorpId,
            ["WeCom:Apps:0:AgentId"] = weCom.Options.AgentId,
            ["WeCom:Apps:0:Secret"] = weCom.Options.Secret,
            ["WeCom:Apps:0:Token"] = weCom.Options.Token,
            ["WeCom:Apps:0:EncodingAESKey"] = weCom.Options.EncodingAESKey,
            ["WeCom:Apps:0:ApiBaseUrl"] = weCom.BaseUrl,
            ["WeCom:Apps:1:Name"] = "notices",
            ["WeCom:Apps:1:CorpId"] = weCom.Options.CorpId,
            ["WeCom:Apps:1:AgentId"] = "1000003",
            ["WeCom:Apps:1:Secret"] = "second-secret",
            ["WeCom:Apps:1:Token"] = "secondToken9",
            ["WeCom:Apps:1:EncodingAESKey"] = AesKey2,
            ["WeCom:Apps:1:ApiBaseUrl"] = weCom.BaseUrl,
            ["WeCom:Apps:1:CallbackPath"] = "/wecom/notices",
        });
        var notices = new WeComCrypto("secondToken9", AesKey2, bot.WeCom.Options.CorpId);
        var noticesUrl = new Uri(bot.Client.BaseAddress!, "/wecom/notices");
        var reportsUrl = new Uri(bot.Client.BaseAddress!, "/wecom/callback/reports");
        var mark = bot.Mark("fgw.lly");

        var viaNotices = await bot.WeCom.SendTextMessageAsync(noticesUrl, notices, "fgw.lly", "帮助", agentId: "1000003", TestContext.Current.CancellationToken);
        var wrongKeys = await bot.WeCom.SendTextMessageAsync(reportsUrl, notices, "fgw.lly", "帮助", agentId: "1000003", TestContext.Current.CancellationToken);
        var check = await bot.WeCom.VerifyUrlAsync(reportsUrl, bot.Crypto, "echo-reports", TestContext.Current.CancellationToken);

        Assert.Equal((200, ""), (viaNotices.StatusCode, viaNotices.Body));
        Assert.Equal(403, wrongKeys.StatusCode);
        Assert.Equal("echo-reports", check.Body);
        var reply = await bot.NextAsync("fgw.lly", mark, "可用的功能");
        Assert.Equal(bot.WeCom.Options.AgentId, reply.AgentId);
        Assert.Equal(404, (int)(await bot.Client.PostAsync("/wecom/callback", new StringContent("<xml/>"), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public void BadSettings_EachProblemNamesTheKeyTheOperatorSet()
    {
        var single = Validate(new Dictionary<string, string?>
        {
            ["WeCom:CorpId"] = "wwcorp",
            ["WeCom:AgentId"] = "x1",
            ["WeCom:Token"] = "t",
            ["WeCom:EncodingAESKey"] = "short",
            ["WeCom:CallbackPath"] = "wecom",
        });
        var several = Validate(new Dictionary<string, string?>
        {
            ["WeCom:Apps:0:Name"] = "a",
            ["WeCom:Apps:0:CorpId"] = "wwcorp",
            ["WeCom:Apps:0:AgentId"] = "1000002",
            ["WeCom:Apps:0:Secret"] = "s",
            ["WeCom:Apps:0:Token"] = "token1",
            ["WeCom:Apps:0:EncodingAESKey"] = AesKey2,
            ["WeCom:Apps:0:CallbackPath"] = "/wecom/x",
            ["WeCom:Apps:1:Name"] = "b",
            ["WeCom:Apps:1:CorpId"] = "wwcorp",
            ["WeCom:Apps:1:AgentId"] = "1000003",
            ["WeCom:Apps:1:Secret"] = "s",
            ["WeCom:Apps:1:Token"] = "token1",
            ["WeCom:Apps:1:EncodingAESKey"] = AesKey2,
            ["WeCom:Apps:1:CallbackPath"] = "/wecom/x",
        });

        Assert.Contains("WeCom:AgentId must be a positive integer", single);
        Assert.Contains("WeCom:Secret is required", single);
        Assert.Contains("WeCom:Token must be 3 to 32 letters or digits", single);
        Assert.Contains("WeCom:EncodingAESKey must be 43 characters", single);
        Assert.Contains(single, f => f.StartsWith("WeCom:CallbackPath must be a path", StringComparison.Ordinal));
        Assert.DoesNotContain(single, f => f.Contains("Apps", StringComparison.Ordinal));
        Assert.Equal(["WeCom:Apps:1:CallbackPath '/wecom/x' is already the callback path of another app"], several);
        Assert.False(WeComChannelOptions.IsConfigured(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["WeCom:ApiBaseUrl"] = "https://wecom.example.gov.cn" }).Build()));
    }

    private static IReadOnlyList<string> Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Assert.True(WeComChannelOptions.IsConfigured(configuration));
        var result = new WeComChannelOptionsValidator().Validate(null, WeComChannelOptions.Read(configuration));
        return result.Failed ? [.. result.Failures] : [];
    }
}
