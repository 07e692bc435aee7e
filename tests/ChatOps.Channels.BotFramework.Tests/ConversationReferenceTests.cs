using System.Text;
using System.Text.Json;

namespace ChatOps.Channels.BotFramework.Tests;

public sealed class ConversationReferenceTests
{
    private const string GroupMessage = """
        {"type":"message","id":"1772415099999","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/apac/",
         "locale":"zh-CN","text":"<at>ChatOps</at> 本周周报",
         "from":{"id":"29:1abc","name":"王五","aadObjectId":"7d1e6c2a-0000-4000-8000-000000000003","extra":"dropped"},
         "recipient":{"id":"28:6f2c1a7e-0b4d-4e3a-9c55-2d8b1e0f7a31","name":"ChatOps"},
         "conversation":{"id":"19:meeting_abc@thread.v2","isGroup":true,"conversationType":"groupChat","tenantId":"t-1","extra":true},
         "channelData":{"tenant":{"id":"t-1"}}}
        """;

    [Fact]
    public void FromActivity_TakesUserFromSender_AndBotFromRecipient()
    {
        var activity = ActivityParser.Parse(Encoding.UTF8.GetBytes(GroupMessage));

        var reference = ConversationReference.FromActivity(activity);

        Assert.Equal("https://smba.trafficmanager.net/apac/", reference.ServiceUrl);
        Assert.Equal("msteams", reference.ChannelId);
        Assert.Equal("19:meeting_abc@thread.v2", reference.Conversation.Id);
        Assert.True(reference.Conversation.IsGroup);
        Assert.Equal("29:1abc", reference.User?.Id);
        Assert.Equal("7d1e6c2a-0000-4000-8000-000000000003", reference.User?.AadObjectId);
        Assert.Equal("28:6f2c1a7e-0b4d-4e3a-9c55-2d8b1e0f7a31", reference.Bot?.Id);
        Assert.Equal("t-1", reference.TenantId);
        Assert.Equal("1772415099999", reference.ActivityId);
        Assert.Equal("zh-CN", reference.Locale);
        Assert.Null(reference.User?.AdditionalProperties);
        Assert.Null(reference.Conversation.AdditionalProperties);
    }

    [Fact]
    public void Reference_RoundTripsThroughJson_AndComparesByValue()
    {
        var reference = ConversationReference.FromActivity(ActivityParser.Parse(Encoding.UTF8.GetBytes(GroupMessage)));

        var json = JsonSerializer.Serialize(reference, BotFrameworkJson.Options);
        var restored = JsonSerializer.Deserialize<ConversationReference>(json, BotFrameworkJson.Options);

        Assert.Equal(reference, restored);
        Assert.Contains("\"serviceUrl\":\"https://smba.trafficmanager.net/apac/\"", json, StringComparison.Ordinal);
        Assert.Contains("\"tenantId\":\"t-1\"", json, StringComparison.Ordinal);
        Assert.Contains("王五", json, StringComparison.Ordinal);
        Assert.Equal(reference, ConversationReference.FromActivity(ActivityParser.Parse(Encoding.UTF8.GetBytes(GroupMessage))));
    }

    [Fact]
    public void TenantId_ComesFromChannelData_WhenTheConversationHasNone()
    {
        var activity = ActivityParser.Parse(Encoding.UTF8.GetBytes(GroupMessage));
        activity.Conversation!.TenantId = null;

        Assert.Equal("t-1", ConversationReference.FromActivity(activity).TenantId);
    }

    [Theory]
    [InlineData("serviceUrl")]
    [InlineData("channelId")]
    [InlineData("conversation")]
    public void FromActivity_WithoutAddress_Throws(string missing)
    {
        var activity = ActivityParser.Parse(Encoding.UTF8.GetBytes(GroupMessage));
        switch (missing)
        {
            case "serviceUrl": activity.ServiceUrl = null; break;
            case "channelId": activity.ChannelId = " "; break;
            default: activity.Conversation = null; break;
        }

        Assert.Throws<ArgumentException>(() => ConversationReference.FromActivity(activity));
    }
}
