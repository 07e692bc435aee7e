using System.Text.Json.Nodes;

namespace ChatOps.Testing;

/// <summary>Settings of <see cref="FakeWeComServer"/>: the default app, token lifetime, limits and clock.</summary>
public sealed class FakeWeComServerOptions
{
    /// <summary>Corp id of the default app.</summary>
    public string CorpId { get; set; } = "wwfakecorp0000001";

    /// <summary>Agent id of the default app.</summary>
    public string AgentId { get; set; } = "1000002";

    /// <summary>Secret of the default app.</summary>
    public string Secret { get; set; } = "fake-app-secret";

    /// <summary>Callback Token used by <see cref="FakeWeComServer.CreateCrypto"/>.</summary>
    public string Token { get; set; } = "fakeToken123";

    /// <summary>Callback EncodingAESKey used by <see cref="FakeWeComServer.CreateCrypto"/> (WeCom's documented example key).</summary>
    public string EncodingAESKey { get; set; } = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    /// <summary>expires_in of issued tokens. Default 7200 s, as WeCom.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

    /// <summary>
    /// Like WeCom, gettoken returns the same token (with its remaining lifetime) while it is valid. False issues a
    /// fresh token on every gettoken.
    /// </summary>
    public bool ReuseValidTokens { get; set; } = true;

    /// <summary>Clock for token expiry, windows and callback timestamps; share a FakeTimeProvider with the client.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Known userids (case-insensitive); null means every userid exists. Unknown ones come back as invaliduser.</summary>
    public IReadOnlyCollection<string>? KnownUsers { get; set; }

    /// <summary>Per member per app per minute before messages are silently dropped. Default 30.</summary>
    public int MemberMessagesPerMinute { get; set; } = 30;

    /// <summary>Per member per app per hour before messages are silently dropped. Default 1000.</summary>
    public int MemberMessagesPerHour { get; set; } = 1000;

    /// <summary>Per group robot per minute before 45009. Default 20.</summary>
    public int WebhookMessagesPerMinute { get; set; } = 20;
}

/// <summary>One HTTP request the fake received, as sent (query decoded, JSON body parsed when it is JSON).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, e.g. "/cgi-bin/message/send".</param>
/// <param name="Query">Query parameters.</param>
/// <param name="BodyText">Raw body.</param>
/// <param name="Body">Parsed JSON body, or null.</param>
/// <param name="At">Receipt time on the fake's clock.</param>
public sealed record FakeWeComRequest(
    string Method, string Path, IReadOnlyDictionary<string, string> Query, string BodyText, JsonNode? Body, DateTimeOffset At);

/// <summary>Why an accepted message did not reach the member.</summary>
public enum FakeWeComDropReason
{
    /// <summary>Beyond 30/min or 1000/h for the member: WeCom accepts and silently drops.</summary>
    MemberRateLimit,

    /// <summary>enable_duplicate_check matched an identical message within the interval.</summary>
    Duplicate,
}

/// <summary>One message/send recipient: delivered, or accepted and dropped (<see cref="DropReason"/>).</summary>
/// <param name="AgentId">Sending app.</param>
/// <param name="Recipient">Lowercased userid, or "party:ID" / "tag:ID".</param>
/// <param name="MsgType">msgtype.</param>
/// <param name="Payload">The msgtype object (text, markdown, template_card).</param>
/// <param name="MsgId">msgid returned to the caller.</param>
/// <param name="At">Time on the fake's clock.</param>
/// <param name="DropReason">Null when delivered.</param>
public sealed record FakeWeComDelivery(
    string AgentId, string Recipient, string MsgType, JsonNode? Payload, string MsgId, DateTimeOffset At, FakeWeComDropReason? DropReason)
{
    /// <summary>The text of a text or markdown message.</summary>
    public string? Content => Payload?["content"]?.GetValue<string>();

    /// <summary>True when the member saw it.</summary>
    public bool Delivered => DropReason is null;
}

/// <summary>An update_template_card call that was accepted.</summary>
/// <param name="ResponseCode">The consumed response_code.</param>
/// <param name="TaskId">The card's task_id.</param>
/// <param name="UserIds">userids.</param>
/// <param name="AtAll">atall.</param>
/// <param name="ReplaceName">button.replace_name, when greying out.</param>
/// <param name="TemplateCard">The replacement card, when replacing.</param>
public sealed record FakeWeComCardUpdate(
    string ResponseCode, string? TaskId, IReadOnlyList<string> UserIds, bool AtAll, string? ReplaceName, JsonNode? TemplateCard);

/// <summary>An app chat created through appchat/create.</summary>
/// <param name="ChatId">chatid.</param>
/// <param name="Name">name.</param>
/// <param name="Owner">owner.</param>
/// <param name="Members">userlist.</param>
public sealed record FakeWeComAppChat(string ChatId, string? Name, string Owner, IReadOnlyList<string> Members);

/// <summary>A message sent into an app chat (appchat/send) or through a group robot (webhook/send).</summary>
/// <param name="Target">chatid, or the webhook key.</param>
/// <param name="MsgType">msgtype.</param>
/// <param name="Payload">The msgtype object.</param>
/// <param name="At">Time on the fake's clock.</param>
public sealed record FakeWeComGroupMessage(string Target, string MsgType, JsonNode? Payload, DateTimeOffset At)
{
    /// <summary>The text of a text or markdown message.</summary>
    public string? Content => Payload?["content"]?.GetValue<string>();
}

/// <summary>What the bot answered to a callback the fake drove into it.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">Raw response body.</param>
/// <param name="DecryptedReply">The passive reply's inner XML when the body was an encrypted reply, else null.</param>
/// <param name="ResponseCode">For card clicks: the response_code the fake issued with the event.</param>
public sealed record FakeWeComCallbackResult(int StatusCode, string Body, string? DecryptedReply, string? ResponseCode = null);

/// <summary>What the fake's agent/get answers about the app (应用详情).</summary>
public sealed class FakeWeComAgent
{
    /// <summary>The app's name.</summary>
    public string Name { get; set; } = "工作督办助手";

    /// <summary>Members in the visible range (可见范围).</summary>
    public IReadOnlyList<string> UserIds { get; set; } = [];

    /// <summary>Departments in the visible range; default the root department.</summary>
    public IReadOnlyList<long> PartyIds { get; set; } = [1];

    /// <summary>The trusted domain (可信域名), if set.</summary>
    public string? RedirectDomain { get; set; }

    /// <summary>Whether the app is disabled.</summary>
    public bool Closed { get; set; }
}
