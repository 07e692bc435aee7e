using System.Net;
using ChatOps.Bot.Tests.BotFramework;
using ChatOps.Core.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Operations;

/// <summary>The doctor's Bot Framework check against the fake Bot Connector (token endpoint, OpenID metadata).</summary>
public class DoctorBotFrameworkTests
{
    private static async Task<DoctorReport> RunAsync(FakeBotConnector connector, Action<Dictionary<string, string?>>? edit = null)
    {
        var settings = connector.Settings;
        edit?.Invoke(settings);
        await using var host = new BotHost(settings);
        _ = host.CreateClient();
        return await host.Services.GetRequiredService<DoctorService>().RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Doctor_GoodBot_TokenAndMetadataOk()
    {
        await using var connector = await FakeBotConnector.StartAsync();

        var findings = (await RunAsync(connector)).Of("botframework");

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(DoctorLevel.Ok, f.Level));
        Assert.Equal(1, connector.TokenRequests);
    }

    [Fact]
    public async Task Doctor_WrongPassword_ExplainsTheExpiredSecret()
    {
        await using var connector = await FakeBotConnector.StartAsync();

        var report = await RunAsync(connector, s => s["BotFramework:AppPassword"] = "wrong");

        var finding = Assert.Single(report.Of("botframework"), f => f.Level == DoctorLevel.Blocking);
        Assert.Contains("客户端密码", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains("证书和密码", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains("AADSTS7000215", finding.English, StringComparison.Ordinal);
        Assert.False(report.Healthy);
    }

    [Fact]
    public async Task Doctor_MetadataUnreachable_SaysInboundWillBeRefused()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        connector.OpenId.FailWith = HttpStatusCode.InternalServerError;

        var finding = Assert.Single((await RunAsync(connector)).Of("botframework"), f => f.Level == DoctorLevel.Blocking);

        Assert.Contains("OpenID", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains("401", finding.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_TokenEndpointUnreachable_SaysOpenTheFirewall()
    {
        await using var connector = await FakeBotConnector.StartAsync();

        var report = await RunAsync(connector, s => s["BotFramework:TokenEndpoint"] = "http://127.0.0.1:1/botframework.com/oauth2/v2.0/token");

        var finding = Assert.Single(report.Of("botframework"), f => f.Level == DoctorLevel.Blocking);
        Assert.Contains("无法访问 Azure 令牌服务", finding.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_NoAppId_ChannelOffIsInfoOnly()
    {
        await using var host = new BotHost();
        _ = host.CreateClient();

        var report = await host.Services.GetRequiredService<DoctorService>().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(DoctorLevel.Info, Assert.Single(report.Of("botframework")).Level);
        Assert.Empty(report.Of("wecom"));
    }
}
