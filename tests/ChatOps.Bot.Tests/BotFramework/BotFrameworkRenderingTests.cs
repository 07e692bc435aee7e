using System.Text.Json;
using ChatOps.Channels.BotFramework;
using ChatOps.Channels.BotFramework.Connector;
using ChatOps.Channels.BotFramework.Hosting;
using ChatOps.Core.Conversations;

namespace ChatOps.Bot.Tests.BotFramework;

/// <summary>Rendering, card submits, mentions and settings of the Bot Framework channel, without a host.</summary>
public sealed class BotFrameworkRenderingTests
{
    private static readonly OutboundMessage Confirm =
        OutboundMessage.Card("确认报送", "请核对以上内容。\n\n内容无误请点击“提交”。", new Choice("提交", "提交"), new Choice("修改", "修改"));

    [Fact]
    public void Choices_OnACardChannel_AreAnAdaptiveCardWithSubmitButtons()
    {
        var activity = ActivityRenderer.Render(Confirm, "msteams");

        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var card = attachment.Content!.Value;
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.4", card.GetProperty("version").GetString());
        Assert.Equal(
            ["确认报送", "请核对以上内容。", "内容无误请点击“提交”。"],
            card.GetProperty("body").EnumerateArray().Select(b => b.GetProperty("text").GetString()));
        Assert.Equal("Medium", card.GetProperty("body")[2].GetProperty("spacing").GetString());
        var actions = card.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["Action.Submit", "Action.Submit"], actions.Select(a => a.GetProperty("type").GetString()));
        Assert.Equal(["提交", "修改"], actions.Select(a => a.GetProperty("data").GetProperty("choice").GetString()));
        Assert.Contains("1. 提交", card.GetProperty("fallbackText").GetString(), StringComparison.Ordinal);
        Assert.Null(activity.SuggestedActions);
    }

    [Fact]
    public void Choices_OnAChannelWithoutCards_AreNumberedTextWithSuggestedActions()
    {
        var activity = ActivityRenderer.Render(OutboundMessage.Ask("请选择：", new Choice("查看状态", "状态")), "sms");

        Assert.Null(activity.Attachments);
        Assert.Equal("请选择：\n\n请回复序号或文字：\n1. 查看状态", activity.Text);
        var action = Assert.Single(activity.SuggestedActions!.Actions!);
        Assert.Equal(("imBack", "查看状态", "状态"), (action.Type, action.Title, action.Value!.Value.GetString()));
    }

    [Fact]
    public void Markdown_HasTextFormatMarkdown_AndTheTitleInBold()
    {
        var activity = ActivityRenderer.Render(OutboundMessage.Markdown("- **填报**", "帮助"), "webchat");

        Assert.Equal(("markdown", "**帮助**\n\n- **填报**"), (activity.TextFormat, activity.Text));
        var plain = ActivityRenderer.Render(OutboundMessage.Plain("你好"), "webchat");
        Assert.Equal(("plain", "你好"), (plain.TextFormat, plain.Text));
    }

    [Fact]
    public void AnsweredCard_KeepsTheQuestion_ShowsTheAnswer_AndHasNoButtons()
    {
        var card = Assert.Single(ActivityRenderer.RenderAnswered(Confirm, "提交").Attachments!).Content!.Value;

        Assert.False(card.TryGetProperty("actions", out _));
        Assert.Equal("已选择：提交", card.GetProperty("body").EnumerateArray().Last().GetProperty("text").GetString());
        Assert.Equal("确认报送", card.GetProperty("body")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"choice":"提交"}""", "提交")]
    [InlineData("""{"choice":2,"other":"x"}""", "2")]
    [InlineData("\"修改\"", "修改")]
    [InlineData("""{"choice":""}""", null)]
    [InlineData("""{"comment":"x"}""", null)]
    [InlineData("[1]", null)]
    public void CardSubmitValue_GivesTheChoice(string json, string? expected) =>
        Assert.Equal(expected, ActivityRenderer.ReadChoice(JsonDocument.Parse(json).RootElement.Clone()));

    [Fact]
    public void TeamsMentionOfTheBot_IsRemoved_OtherMentionsAreKept()
    {
        var activity = JsonSerializer.Deserialize<Activity>(
            """
            {"type":"message","text":"<at>ChatOps</at> 填报 <at>张三</at>","recipient":{"id":"28:bot","name":"ChatOps"},
             "entities":[{"type":"mention","text":"<at>ChatOps</at>","mentioned":{"id":"28:bot","name":"ChatOps"}},
                         {"type":"mention","text":"<at>张三</at>","mentioned":{"id":"29:zhang","name":"张三"}}]}
            """, BotFrameworkJson.Options)!;

        Assert.Equal("填报 <at>张三</at>", BotFrameworkActivityHandler.CleanText(activity));
        activity.Text = "<at>ChatOps</at>";
        Assert.Null(BotFrameworkActivityHandler.CleanText(activity));
    }

    [Fact]
    public void ConnectorUrls_EscapeTeamsIds()
    {
        Assert.Equal(
            "https://smba.trafficmanager.net/apac/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D17/activities/1%3A2",
            ConnectorClient.Url("https://smba.trafficmanager.net/apac/", "v3/conversations", "19:abc@thread.tacv2;messageid=17", "activities", "1:2").AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5/v3/conversations", ConnectorClient.Url("http://127.0.0.1:5", "v3/conversations").AbsoluteUri);
    }

    [Fact]
    public void ReplyContext_RoundTrips_AndIgnoresOtherChannelsContexts()
    {
        var context = new BotFrameworkReplyContext("a:1", "act-7", "提交");

        Assert.Equal(context, BotFrameworkReplyContext.TryParse(context.ToJson()));
        Assert.True(BotFrameworkReplyContext.TryParse(context.ToJson())!.IsCardUpdate);
        Assert.Null(BotFrameworkReplyContext.TryParse("wecom-response-code-123"));
        Assert.Null(BotFrameworkReplyContext.TryParse("""{"conversationId":"a:1"}"""));
    }

    [Theory]
    [InlineData("6f2c1a7e-0b4d-4e3a-9c55-2d8b1e0f7a31", null, null, null, "BotFramework:AppPassword is required when BotFramework:AppId is set")]
    [InlineData(null, "secret", null, null, "BotFramework:AppId is required when BotFramework:AppPassword or BotFramework:TenantId is set")]
    [InlineData("my-bot", "secret", null, null, "BotFramework:AppId must be the bot's Microsoft App ID, a GUID (got 'my-bot').")]
    [InlineData("6f2c1a7e-0b4d-4e3a-9c55-2d8b1e0f7a31", "secret", "bad tenant/", null, "BotFramework:TenantId must be")]
    [InlineData("6f2c1a7e-0b4d-4e3a-9c55-2d8b1e0f7a31", "secret", null, "ftp://x", "BotFramework:TokenEndpoint must be an absolute http(s) URL (got 'ftp://x').")]
    public void Settings_AreCheckedWithOneLineNamingTheKey(string? appId, string? password, string? tenant, string? tokenEndpoint, string expected)
    {
        var result = new BotFrameworkOptionsValidator().Validate(null, new BotFrameworkOptions
        {
            AppId = appId,
            AppPassword = password,
            TenantId = tenant,
            TokenEndpoint = tokenEndpoint,
        });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1000, true)]
    [InlineData(1_000_001, false)]
    public void Settings_CheckedTokens_IsWithinItsRange(int checkedTokens, bool valid)
    {
        var result = new BotFrameworkOptionsValidator().Validate(null, new BotFrameworkOptions { CheckedTokens = checkedTokens });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("BotFramework:CheckedTokens must be between 0", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Settings_SingleTenantBot_GetsItsTokenFromItsTenant()
    {
        var options = new BotFrameworkOptions { AppId = "6f2c1a7e-0b4d-4e3a-9c55-2d8b1e0f7a31", AppPassword = "s", TenantId = "contoso.onmicrosoft.com" };

        Assert.True(new BotFrameworkOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token", options.EffectiveTokenEndpoint().AbsoluteUri);
        Assert.Equal(
            "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token",
            new BotFrameworkOptions().EffectiveTokenEndpoint().AbsoluteUri);
    }
}
