namespace ChatOps.Channels.BotFramework.Connector;

/// <summary>
/// The body of <c>POST /v3/conversations</c> (Bot Framework <c>ConversationParameters</c>): how the bot starts a 1:1
/// conversation with a user it only knows from a group chat or a Teams installation, for a proactive message. Teams
/// needs the tenant both in <see cref="TenantId"/> and in <c>channelData.tenant.id</c>.
/// </summary>
public sealed class ConversationParameters
{
    /// <summary>Gets or sets whether the conversation is a group (false: a 1:1 chat).</summary>
    [JsonPropertyName("isGroup")]
    public bool IsGroup { get; set; }

    /// <summary>Gets or sets the bot, as the channel addresses it.</summary>
    [JsonPropertyName("bot")]
    public ChannelAccount? Bot { get; set; }

    /// <summary>Gets or sets the members: the one user for a 1:1 chat.</summary>
    [JsonPropertyName("members")]
    public IList<ChannelAccount>? Members { get; set; }

    /// <summary>Gets or sets the Microsoft Entra tenant (Teams).</summary>
    [JsonPropertyName("tenantId")]
    public string? TenantId { get; set; }

    /// <summary>Gets or sets channel-specific data (Teams: <c>{"tenant":{"id":...}}</c>).</summary>
    [JsonPropertyName("channelData")]
    public JsonElement? ChannelData { get; set; }
}

/// <summary>How a Bot Connector call ended, as the sender needs to know it: the outbox's error policy keys on this.</summary>
public enum ConnectorOutcome
{
    /// <summary>2xx: accepted.</summary>
    Succeeded,

    /// <summary>429, 5xx, 412 after in-call retries, network failure: try again after <see cref="ConnectorResponse.RetryAfter"/>.</summary>
    RetryLater,

    /// <summary>403: the user blocked the bot, or the bot was uninstalled or removed from the conversation.</summary>
    Forbidden,

    /// <summary>404: the conversation or activity does not exist (any more).</summary>
    NotFound,

    /// <summary>Any other refusal (400, persistent 401, ...): sending again would not help.</summary>
    Failed,
}

/// <summary>
/// The result of one Bot Connector call, without exceptions for channel errors: the outcome, the HTTP status, the ids the
/// service returned and a short error for the outbox record.
/// </summary>
/// <param name="Outcome">What the sender should do.</param>
/// <param name="StatusCode">The last HTTP status (0 when no response arrived).</param>
/// <param name="Id">The activity id (send, reply) or conversation id (create conversation).</param>
/// <param name="ServiceUrl">The serviceUrl a created conversation lives at, when the service says.</param>
/// <param name="RetryAfter">How long to wait before trying again (Retry-After, or a short default).</param>
/// <param name="Error">What went wrong, for logs and the outbox record (the service's error code and message).</param>
public sealed record ConnectorResponse(
    ConnectorOutcome Outcome,
    int StatusCode,
    string? Id = null,
    string? ServiceUrl = null,
    TimeSpan RetryAfter = default,
    string? Error = null)
{
    /// <summary>Gets a value indicating whether the call succeeded.</summary>
    public bool Succeeded => Outcome == ConnectorOutcome.Succeeded;
}
