using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOps.Channels.WeCom.Api;

/// <summary>Every field any of our WeCom calls can return; one DTO keeps parsing and error handling in one place.</summary>
internal sealed class WeComApiResponse
{
    [JsonPropertyName("errcode")]
    public int ErrCode { get; set; }

    [JsonPropertyName("errmsg")]
    public string? ErrMsg { get; set; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; set; }

    [JsonPropertyName("msgid")]
    public string? MsgId { get; set; }

    [JsonPropertyName("invaliduser")]
    public string? InvalidUser { get; set; }

    [JsonPropertyName("invalidparty")]
    public string? InvalidParty { get; set; }

    [JsonPropertyName("invalidtag")]
    public string? InvalidTag { get; set; }

    [JsonPropertyName("unlicenseduser")]
    public string? UnlicensedUser { get; set; }

    [JsonPropertyName("response_code")]
    public string? ResponseCode { get; set; }

    [JsonPropertyName("chatid")]
    public string? ChatId { get; set; }

    [JsonPropertyName("userid")]
    public string? UserId { get; set; }

    [JsonPropertyName("openid")]
    public string? OpenId { get; set; }

    [JsonPropertyName("media_id")]
    public string? MediaId { get; set; }
}

internal sealed class WeComMediaBody
{
    [JsonPropertyName("media_id")]
    public required string MediaId { get; init; }
}

internal sealed class WeComTextBody
{
    [JsonPropertyName("content")]
    public required string Content { get; init; }

    [JsonPropertyName("mentioned_list")]
    public IReadOnlyList<string>? MentionedList { get; init; }
}

/// <summary>
/// The message part every WeCom send takes in the same spelling — message/send, appchat/send and webhook/send:
/// <c>msgtype</c> and the text or markdown object it names. Each request adds its own addressing and extras.
/// </summary>
internal abstract class WeComMessageBody
{
    [JsonPropertyName("msgtype")]
    public required string MsgType { get; init; }

    [JsonPropertyName("text")]
    public WeComTextBody? Text { get; init; }

    [JsonPropertyName("markdown")]
    public WeComTextBody? Markdown { get; init; }
}

internal sealed class MessageSendRequest : WeComMessageBody
{
    [JsonPropertyName("touser")]
    public string? ToUser { get; init; }

    [JsonPropertyName("toparty")]
    public string? ToParty { get; init; }

    [JsonPropertyName("totag")]
    public string? ToTag { get; init; }

    [JsonPropertyName("agentid")]
    public long AgentId { get; init; }

    [JsonPropertyName("template_card")]
    public WeComTemplateCard? TemplateCard { get; init; }

    [JsonPropertyName("file")]
    public WeComMediaBody? File { get; init; }

    [JsonPropertyName("enable_duplicate_check")]
    public int? EnableDuplicateCheck { get; init; }

    [JsonPropertyName("duplicate_check_interval")]
    public int? DuplicateCheckInterval { get; init; }
}

internal sealed class ReplaceButton
{
    [JsonPropertyName("replace_name")]
    public required string ReplaceName { get; init; }
}

internal sealed class UpdateTemplateCardRequest
{
    [JsonPropertyName("userids")]
    public IReadOnlyList<string>? UserIds { get; init; }

    [JsonPropertyName("atall")]
    public int? AtAll { get; init; }

    [JsonPropertyName("agentid")]
    public long AgentId { get; init; }

    [JsonPropertyName("response_code")]
    public required string ResponseCode { get; init; }

    [JsonPropertyName("button")]
    public ReplaceButton? Button { get; init; }

    [JsonPropertyName("template_card")]
    public WeComTemplateCard? TemplateCard { get; init; }
}

internal sealed class AppChatCreateRequest
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("owner")]
    public string? Owner { get; init; }

    [JsonPropertyName("userlist")]
    public required IReadOnlyList<string> UserList { get; init; }

    [JsonPropertyName("chatid")]
    public string? ChatId { get; init; }
}

internal sealed class AppChatSendRequest : WeComMessageBody
{
    [JsonPropertyName("chatid")]
    public required string ChatId { get; init; }

    [JsonPropertyName("safe")]
    public int? Safe { get; init; }
}

internal sealed class WebhookSendRequest : WeComMessageBody;

/// <summary>Source-generated serialization of the WeCom DTOs (no reflection).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WeComApiResponse))]
[JsonSerializable(typeof(MessageSendRequest))]
[JsonSerializable(typeof(UpdateTemplateCardRequest))]
[JsonSerializable(typeof(AppChatCreateRequest))]
[JsonSerializable(typeof(AppChatSendRequest))]
[JsonSerializable(typeof(WebhookSendRequest))]
[JsonSerializable(typeof(WeComTemplateCard))]
internal sealed partial class WeComJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context used on the wire: Chinese text is written as UTF-8, not as \uXXXX escapes (WeCom has rejected
    /// \uxxxx sequences in the past, errcode 40033), and numbers may arrive as strings.
    /// </summary>
    public static WeComJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    });
}

/// <summary>Serializes public WeCom DTOs the way the client sends them (for previews, logs of card shapes and tests).</summary>
public static class WeComJson
{
    /// <summary>The JSON of <paramref name="card"/> as it goes on the wire.</summary>
    public static string Serialize(WeComTemplateCard card) => JsonSerializer.Serialize(card, WeComJsonContext.Wire.WeComTemplateCard);
}
