using System.Globalization;
using ChatOps.Channels.WeCom.Api;
using ChatOps.Channels.WeCom.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatOps.Channels.WeCom.Tests.Api;

/// <summary>
/// The fake drives callbacks into a bot endpoint the way WeCom does (encrypted, signed, query msg_signature /
/// timestamp / nonce, envelope ToUserName / Encrypt / AgentID); a minimal endpoint built on WeComCrypto proves it.
/// </summary>
public class FakeWeComServerCallbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendTextMessage_ReachesTheBotDecryptedAndThePassiveReplyComesBack()
    {
        await using var h = await WeComHarness.StartAsync();
        await using var bot = await MiniBot.StartAsync(h.Server.CreateCrypto());

        var result = await h.Server.SendTextMessageAsync(bot.CallbackUrl, h.Server.CreateCrypto(), "ZhangSan", "本周完成整改 12 项", cancellationToken: Ct);

        Assert.Equal(200, result.StatusCode);
        var inbound = Assert.Single(bot.Received);
        Assert.Equal(WeComInboundKind.Text, inbound.Kind);
        Assert.Equal("ZhangSan", inbound.FromUserName);
        Assert.Equal(h.Server.Options.CorpId, inbound.ToUserName);
        Assert.Equal("本周完成整改 12 项", inbound.Content);
        Assert.Equal(h.Server.Options.AgentId, inbound.AgentId);
        Assert.NotNull(inbound.MsgId);
        Assert.Contains("已收到：本周完成整改 12 项", result.DecryptedReply, StringComparison.Ordinal);
        var envelope = WeComEnvelope.Parse(bot.RawBodies.Single());
        Assert.Equal(h.Server.Options.CorpId, envelope.ToUserName);
        Assert.Equal(h.Server.Options.AgentId, envelope.AgentId);
    }

    [Fact]
    public async Task SendCardClick_CarriesTaskKeyAndAResponseCodeTheClientCanUseOnce()
    {
        await using var h = await WeComHarness.StartAsync();
        await using var bot = await MiniBot.StartAsync(h.Server.CreateCrypto());
        var prompt = WeComApiClientTests.SamplePrompt("task_click_1");
        await h.Client.SendMessageAsync(new WeComSendRequest { ToUsers = ["zhangsan"], Content = WeComCardRenderer.Render(prompt).Content }, Ct);

        var click = await h.Server.SendCardClickAsync(bot.CallbackUrl, h.Server.CreateCrypto(), "zhangsan", "task_click_1", "edit", cancellationToken: Ct);

        var inbound = Assert.Single(bot.Received);
        Assert.Equal(WeComEventTypes.TemplateCardEvent, inbound.Event);
        Assert.Equal("edit", inbound.SelectedButtonKey);
        Assert.Equal("task_click_1", inbound.TaskId);
        Assert.Equal(WeComCardTypes.ButtonInteraction, inbound.CardType);
        Assert.Equal(click.ResponseCode, inbound.ResponseCode);

        var chosen = WeComCardRenderer.ParseNumberedChoice("2", prompt.Choices)!;
        Assert.Equal(inbound.SelectedButtonKey, chosen.Key);
        await h.Client.UpdateTemplateCardAsync(WeComCardUpdate.GreyOut(inbound.ResponseCode!, WeComCardRenderer.ChosenCaption(chosen), inbound.FromUserName), Ct);
        Assert.Equal("已选择：修改", Assert.Single(h.Server.CardUpdates).ReplaceName);
    }

    [Fact]
    public async Task VerifyUrl_TheBotAnswersThePlainEchostr()
    {
        await using var h = await WeComHarness.StartAsync();
        await using var bot = await MiniBot.StartAsync(h.Server.CreateCrypto());

        var result = await h.Server.VerifyUrlAsync(bot.CallbackUrl, h.Server.CreateCrypto(), "echo-1234567890", Ct);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("echo-1234567890", result.Body);
    }

    [Fact]
    public async Task SendCallback_WrongCrypto_IsRejectedByTheBot()
    {
        await using var h = await WeComHarness.StartAsync();
        await using var bot = await MiniBot.StartAsync(h.Server.CreateCrypto());
        var otherToken = new WeComCrypto("otherToken1", h.Server.Options.EncodingAESKey, h.Server.Options.CorpId);

        var result = await h.Server.SendTextMessageAsync(bot.CallbackUrl, otherToken, "zhangsan", "x", cancellationToken: Ct);

        Assert.Equal(403, result.StatusCode);
        Assert.Empty(bot.Received);
    }

    /// <summary>The smallest callback endpoint: verify, decrypt, parse, answer with an encrypted passive reply.</summary>
    private sealed class MiniBot : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<WeComInbound> _received = [];
        private readonly List<string> _bodies = [];

        private MiniBot(WebApplication app, Uri url)
        {
            _app = app;
            CallbackUrl = url;
        }

        public Uri CallbackUrl { get; }

        public IReadOnlyList<WeComInbound> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public IReadOnlyList<string> RawBodies
        {
            get
            {
                lock (_received)
                {
                    return [.. _bodies];
                }
            }
        }

        public static async Task<MiniBot> StartAsync(WeComCrypto crypto)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            MiniBot? bot = null;
            app.Run(async context =>
            {
                var q = context.Request.Query;
                try
                {
                    if (HttpMethods.IsGet(context.Request.Method))
                    {
                        await context.Response.WriteAsync(crypto.VerifyUrl(q["msg_signature"], q["timestamp"], q["nonce"], q["echostr"]));
                        return;
                    }

                    var body = await WeComCallbackBody.ReadAsStringAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                    var inbound = crypto.DecryptInbound(q["msg_signature"], q["timestamp"], q["nonce"], body);
                    lock (bot!._received)
                    {
                        bot._received.Add(inbound);
                        bot._bodies.Add(body);
                    }

                    var reply = $"<xml><ToUserName><![CDATA[{inbound.FromUserName}]]></ToUserName><FromUserName><![CDATA[{inbound.ToUserName}]]></FromUserName>"
                        + $"<CreateTime>{inbound.CreateTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[已收到：{inbound.Content}]]></Content></xml>";
                    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    await context.Response.WriteAsync(crypto.EncryptMessage(reply, timestamp, "nonce123"));
                }
                catch (WeComCallbackException)
                {
                    context.Response.StatusCode = 403;
                }
            });
            await app.StartAsync();
            bot = new MiniBot(app, new Uri(app.Urls.First().TrimEnd('/') + "/wecom/callback"));
            return bot;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
