using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.Channels.BotFramework.Tests;

public sealed class ActivityParserTests
{
    private const string TeamsMessage = """
        {
          "text": "提交周报",
          "textFormat": "plain",
          "type": "message",
          "timestamp": "2026-03-02T01:30:12.3456789Z",
          "localTimestamp": "2026-03-02T09:30:12.3456789+08:00",
          "localTimezone": "Asia/Shanghai",
          "id": "1772415012345",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/apac/",
          "from": { "id": "29:1abcDEF", "name": "张三", "aadObjectId": "7d1e6c2a-0000-4000-8000-000000000001", "userPrincipalName": "zhangsan@example.gov.cn" },
          "conversation": { "conversationType": "personal", "tenantId": "4f0c1b2a-0000-4000-8000-00000000000a", "id": "a:1xyzPersonal" },
          "recipient": { "id": "28:6f2c1a7e-0b4d-4e3a-9c55-2d8b1e0f7a31", "name": "ChatOps", "role": "bot" },
          "entities": [ { "locale": "zh-CN", "country": "CN", "platform": "Windows", "timezone": "Asia/Shanghai", "type": "clientInfo" } ],
          "channelData": { "tenant": { "id": "4f0c1b2a-0000-4000-8000-00000000000a" } },
          "locale": "zh-CN",
          "attachments": [ { "contentType": "text/html", "content": "<div>提交周报</div>", "newAttachmentField": 1 } ],
          "aFieldFromTheFuture": { "nested": [1, 2, 3] }
        }
        """;

    [Fact]
    public void TeamsMessage_IsParsed()
    {
        var activity = ActivityParser.Parse(Utf8(TeamsMessage));

        Assert.True(activity.IsMessage);
        Assert.Equal("提交周报", activity.Text);
        Assert.Equal("plain", activity.TextFormat);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 1, 30, 12, TimeSpan.Zero).AddTicks(3456789), activity.Timestamp);
        Assert.Equal(TimeSpan.FromHours(8), activity.LocalTimestamp?.Offset);
        Assert.Equal("Asia/Shanghai", activity.LocalTimezone);
        Assert.Equal("msteams", activity.ChannelId);
        Assert.Equal("https://smba.trafficmanager.net/apac/", activity.ServiceUrl);
        Assert.Equal("29:1abcDEF", activity.From?.Id);
        Assert.Equal("张三", activity.From?.Name);
        Assert.Equal("7d1e6c2a-0000-4000-8000-000000000001", activity.From?.AadObjectId);
        Assert.Equal("personal", activity.Conversation?.ConversationType);
        Assert.Equal("a:1xyzPersonal", activity.Conversation?.Id);
        Assert.Equal("bot", activity.Recipient?.Role);
        Assert.Equal("zh-CN", activity.Locale);
        Assert.Equal("clientInfo", Assert.Single(activity.Entities!).Type);
        Assert.Equal("4f0c1b2a-0000-4000-8000-00000000000a", activity.GetTenantId());
        Assert.Equal("text/html", Assert.Single(activity.Attachments!).ContentType);
        Assert.Equal("<div>提交周报</div>", activity.Attachments![0].Content?.GetString());
    }

    [Fact]
    public void UnknownFields_AreAccepted_AndPreservedAtEveryLevel()
    {
        var activity = ActivityParser.Parse(Utf8(TeamsMessage));

        Assert.Equal(3, activity.AdditionalProperties!["aFieldFromTheFuture"].GetProperty("nested").GetArrayLength());
        Assert.Equal("zhangsan@example.gov.cn", activity.From!.AdditionalProperties!["userPrincipalName"].GetString());
        Assert.Equal(1, activity.Attachments![0].AdditionalProperties!["newAttachmentField"].GetInt32());
        Assert.Equal("Windows", activity.Entities![0].AdditionalProperties!["platform"].GetString());
    }

    [Fact]
    public void RoundTrip_KeepsUnknownFields_AndWritesCamelCaseWithoutNulls()
    {
        var activity = ActivityParser.Parse(Utf8(TeamsMessage));

        var json = JsonSerializer.Serialize(activity, BotFrameworkJson.Options);
        var node = JsonNode.Parse(json)!.AsObject();

        Assert.Equal(3, node["aFieldFromTheFuture"]!["nested"]!.AsArray().Count);
        Assert.Equal("zhangsan@example.gov.cn", (string?)node["from"]!["userPrincipalName"]);
        Assert.Equal("a:1xyzPersonal", (string?)node["conversation"]!["id"]);
        Assert.Equal("4f0c1b2a-0000-4000-8000-00000000000a", (string?)node["channelData"]!["tenant"]!["id"]);
        Assert.False(node.ContainsKey("replyToId"));
        Assert.False(node.ContainsKey("value"));
        Assert.False(node.ContainsKey("isMessage"));
        Assert.Contains("提交周报", json, StringComparison.Ordinal);
        var again = ActivityParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal(activity.Timestamp, again.Timestamp);
        Assert.Equal(activity.LocalTimestamp, again.LocalTimestamp);
    }

    [Fact]
    public void AdaptiveCardSubmit_ValueIsKept_AndOutlivesTheInputBuffer()
    {
        var body = Utf8("""
            {"type":"message","id":"f:1","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/apac/",
             "from":{"id":"29:1"},"conversation":{"id":"a:1"},"replyToId":"1772415000000",
             "value":{"action":"submitReport","unit":"省卫健委","completed":3,"rate":0.95}}
            """);

        var activity = ActivityParser.Parse(body);
        Array.Clear(body);

        Assert.Null(activity.Text);
        Assert.Equal("1772415000000", activity.ReplyToId);
        Assert.Equal(JsonValueKind.Object, activity.Value?.ValueKind);
        Assert.Equal("submitReport", activity.Value!.Value.GetProperty("action").GetString());
        Assert.Equal("省卫健委", activity.Value.Value.GetProperty("unit").GetString());
        Assert.Equal(0.95m, activity.Value.Value.GetProperty("rate").GetDecimal());
    }

    [Fact]
    public void SuggestedActions_AreParsed()
    {
        var activity = ActivityParser.Parse(Utf8("""
            {"type":"message","channelId":"webchat","serviceUrl":"https://webchat.botframework.com/",
             "from":{"id":"bot"},"conversation":{"id":"c1"},
             "suggestedActions":{"to":["u1"],"actions":[
               {"type":"imBack","title":"是","value":"是"},
               {"type":"postBack","title":"否","value":{"choice":2},"displayText":"否"}]}}
            """));

        var actions = activity.SuggestedActions!.Actions!;
        Assert.Equal(["u1"], activity.SuggestedActions.To!);
        Assert.Equal("imBack", actions[0].Type);
        Assert.Equal("是", actions[0].Value?.GetString());
        Assert.Equal(2, actions[1].Value!.Value.GetProperty("choice").GetInt32());
        Assert.Equal("否", actions[1].AdditionalProperties!["displayText"].GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n")]
    [InlineData("not json")]
    [InlineData("<activity/>")]
    [InlineData("{\"type\":\"message\"")]
    [InlineData("{\"type\":\"message\"} trailing")]
    [InlineData("[{\"type\":\"message\"}]")]
    [InlineData("\"message\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void NonJsonOrNonObject_IsRejected(string body)
    {
        var e = Assert.Throws<InvalidActivityException>(() => ActivityParser.Parse(Utf8(body)));

        Assert.Equal(InvalidActivityReason.NotJson, e.Reason);
    }

    [Fact]
    public void InvalidUtf8_IsRejected()
    {
        byte[] body = [(byte)'{', (byte)'"', (byte)'t', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        var e = Assert.Throws<InvalidActivityException>(() => ActivityParser.Parse(body));

        Assert.Equal(InvalidActivityReason.NotJson, e.Reason);
    }

    [Fact]
    public void InvalidUtf8InAValue_IsRejected()
    {
        var body = Utf8("{\"type\":\"message\",\"text\":\"AB\"}");
        body[^3] = 0xC3;

        var e = Assert.Throws<InvalidActivityException>(() => ActivityParser.Parse(body));

        Assert.Equal(InvalidActivityReason.NotJson, e.Reason);
    }

    [Fact]
    public void Utf8Bom_IsAccepted()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Utf8("""{"type":"typing"}""")).ToArray();

        Assert.Equal("typing", ActivityParser.Parse(body).Type);
    }

    [Fact]
    public void Oversized_IsRejected()
    {
        var body = Utf8(TeamsMessage);

        var e = Assert.Throws<InvalidActivityException>(() => ActivityParser.Parse(body, maxBytes: body.Length - 1));

        Assert.Equal(InvalidActivityReason.TooLarge, e.Reason);
        Assert.Equal("message", ActivityParser.Parse(body, maxBytes: body.Length).Type);
    }

    [Fact]
    public void Oversized_IsRejectedFromAStream_WithoutReadingItAll()
    {
        var stream = new CountingStream(new byte[10 * 1024 * 1024]);

        var e = Assert.Throws<InvalidActivityException>(() => ActivityParser.Parse(stream, maxBytes: 64 * 1024));

        Assert.Equal(InvalidActivityReason.TooLarge, e.Reason);
        Assert.True(stream.BytesRead <= 200 * 1024, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public async Task Oversized_IsRejectedFromAnAsyncStream()
    {
        var body = Utf8(TeamsMessage);
        using var stream = new MemoryStream(body);

        var e = await Assert.ThrowsAsync<InvalidActivityException>(
            () => ActivityParser.ParseAsync(stream, body.Length - 10, TestContext.Current.CancellationToken));

        Assert.Equal(InvalidActivityReason.TooLarge, e.Reason);
    }

    [Fact]
    public async Task ParseAsync_ReadsAStreamThatArrivesInSmallChunks()
    {
        var padded = TeamsMessage.Replace("\"locale\": \"zh-CN\",", $"\"locale\": \"zh-CN\", \"pad\": \"{new string('x', 100_000)}\",", StringComparison.Ordinal);
        using var stream = new TrickleStream(Utf8(padded), chunk: 7);

        var activity = await ActivityParser.ParseAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("提交周报", activity.Text);
        Assert.Equal(100_000, activity.AdditionalProperties!["pad"].GetString()!.Length);
    }

    [Fact]
    public void Parse_FromASyncStream()
    {
        using var stream = new MemoryStream(Utf8(TeamsMessage));

        Assert.Equal("提交周报", ActivityParser.Parse(stream).Text);
    }

    [Theory]
    [InlineData("type")]
    [InlineData("conversation.id")]
    [InlineData("from.id")]
    [InlineData("serviceUrl")]
    [InlineData("channelId")]
    public void MessageWithoutRequiredField_IsRejected(string field)
    {
        var node = JsonNode.Parse(TeamsMessage)!.AsObject();
        var parts = field.Split('.');
        var parent = parts.Length == 1 ? node : node[parts[0]]!.AsObject();
        parent.Remove(parts[^1]);

        var e = Assert.Throws<InvalidActivityException>(() => ActivityParser.Parse(Utf8(node.ToJsonString())));

        Assert.Equal(InvalidActivityReason.MissingField, e.Reason);
        Assert.Equal(field, e.Field);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"","channelId":"msteams"}""", "type")]
    [InlineData("""{"type":"message","conversation":null,"from":{"id":"u"},"serviceUrl":"https://x/","channelId":"c"}""", "conversation.id")]
    [InlineData("""{"type":"message","conversation":{"id":" "},"from":{"id":"u"},"serviceUrl":"https://x/","channelId":"c"}""", "conversation.id")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"from":{},"serviceUrl":"https://x/","channelId":"c"}""", "from.id")]
    public void EmptyRequiredFields_AreRejected(string body, string field)
    {
        var e = Assert.Throws<InvalidActivityException>(() => ActivityParser.Parse(Utf8(body)));

        Assert.Equal(InvalidActivityReason.MissingField, e.Reason);
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void MessageTypeCheck_IgnoresCase()
    {
        var e = Assert.Throws<InvalidActivityException>(() => ActivityParser.Parse(Utf8("""{"type":"Message"}""")));

        Assert.Equal(InvalidActivityReason.MissingField, e.Reason);
    }

    [Fact]
    public void NonMessageActivities_NeedOnlyAType()
    {
        var activity = ActivityParser.Parse(Utf8("""
            {"type":"conversationUpdate","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/apac/",
             "conversation":{"id":"19:abc@thread.v2","isGroup":true,"conversationType":"groupChat"},
             "recipient":{"id":"28:bot"},"membersAdded":[{"id":"28:bot"},{"id":"29:u1","name":"李四"}]}
            """));

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.False(activity.IsMessage);
        Assert.True(activity.Conversation!.IsGroup);
        Assert.Equal(2, activity.MembersAdded!.Count);
    }

    [Theory]
    [InlineData("""{"type":"message","text":{"a":1}}""", "text")]
    [InlineData("""{"type":42}""", "type")]
    [InlineData("""{"type":"message","from":"29:1"}""", "from")]
    [InlineData("""{"type":"message","conversation":{"isGroup":"maybe"}}""", "conversation.isGroup")]
    [InlineData("""{"type":"message","attachments":{"contentType":"x"}}""", "attachments")]
    public void WrongJsonType_IsInvalidField(string body, string field)
    {
        var e = Assert.Throws<InvalidActivityException>(() => ActivityParser.Parse(Utf8(body)));

        Assert.Equal(InvalidActivityReason.InvalidField, e.Reason);
        Assert.Equal(field, e.Field);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://smba.trafficmanager.net/apac/")]
    [InlineData("file:///etc/passwd")]
    public void ServiceUrl_MustBeAnAbsoluteHttpUrl(string serviceUrl)
    {
        var node = JsonNode.Parse(TeamsMessage)!.AsObject();
        node["serviceUrl"] = serviceUrl;

        var e = Assert.Throws<InvalidActivityException>(() => ActivityParser.Parse(Utf8(node.ToJsonString())));

        Assert.Equal(InvalidActivityReason.InvalidField, e.Reason);
        Assert.Equal("serviceUrl", e.Field);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("12345")]
    [InlineData("{}")]
    [InlineData("null")]
    public void UnreadableTimestamp_BecomesNull(string timestamp)
    {
        var activity = ActivityParser.Parse(Utf8($$"""{"type":"typing","timestamp":{{timestamp}},"localTimestamp":{{timestamp}}}"""));

        Assert.Null(activity.Timestamp);
        Assert.Null(activity.LocalTimestamp);
    }

    [Fact]
    public void LenientJson_CommentsTrailingCommasAndCaseInsensitiveNames_AreAccepted()
    {
        var activity = ActivityParser.Parse(Utf8("""
            { /* from an old client */ "Type": "message", "ChannelId": "webchat", "serviceURL": "https://webchat.botframework.com/",
              "from": { "id": "u1", }, "conversation": { "id": "c1" }, }
            """));

        Assert.Equal("webchat", activity.ChannelId);
    }

    [Fact]
    public void NonPositiveMaxBytes_IsAnArgumentError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivityParser.Parse(Utf8("{}"), 0));
    }

    [Fact]
    public void TenantId_FallsBackToTeamsChannelData()
    {
        var activity = ActivityParser.Parse(Utf8("""{"type":"event","channelData":{"tenant":{"id":"t-9"}}}"""));

        Assert.Equal("t-9", activity.GetTenantId());
        Assert.Null(ActivityParser.Parse(Utf8("""{"type":"event","channelData":"opaque"}""")).GetTenantId());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A stream that counts what was read from it.</summary>
    private sealed class CountingStream(byte[] data) : MemoryStream(data)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }
    }

    /// <summary>A stream that returns at most a few bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
