namespace ChatOps.Channels.BotFramework;

/// <summary>
/// A Bot Framework Activity as it travels between the Bot Connector service and the bot. We speak the protocol
/// ourselves (the Bot Builder SDK does not restore here and was archived), so this is the wire model: named fields for
/// what the bot uses, and every other field kept in <see cref="AdditionalProperties"/> so unknown fields are accepted
/// and survive a round trip.
/// </summary>
public sealed class Activity
{
    /// <summary>Gets or sets the activity type; see <see cref="ActivityTypes"/>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Gets or sets the id the channel gave the activity.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Gets or sets when the channel received the activity (UTC).</summary>
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Gets or sets the sender's local time, with its offset.</summary>
    [JsonPropertyName("localTimestamp")]
    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? LocalTimestamp { get; set; }

    /// <summary>Gets or sets the sender's IANA time zone name.</summary>
    [JsonPropertyName("localTimezone")]
    public string? LocalTimezone { get; set; }

    /// <summary>Gets or sets the Bot Connector endpoint that replies to this conversation must be sent to.</summary>
    [JsonPropertyName("serviceUrl")]
    public string? ServiceUrl { get; set; }

    /// <summary>Gets or sets the channel: <c>msteams</c>, <c>webchat</c>, <c>directline</c>, <c>emulator</c>...</summary>
    [JsonPropertyName("channelId")]
    public string? ChannelId { get; set; }

    /// <summary>Gets or sets the sender.</summary>
    [JsonPropertyName("from")]
    public ChannelAccount? From { get; set; }

    /// <summary>Gets or sets the conversation.</summary>
    [JsonPropertyName("conversation")]
    public ConversationAccount? Conversation { get; set; }

    /// <summary>Gets or sets the receiver (the bot, for inbound activities).</summary>
    [JsonPropertyName("recipient")]
    public ChannelAccount? Recipient { get; set; }

    /// <summary>Gets or sets the id of the activity this one answers.</summary>
    [JsonPropertyName("replyToId")]
    public string? ReplyToId { get; set; }

    /// <summary>Gets or sets the message text.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>Gets or sets the text format: <c>markdown</c>, <c>plain</c> or <c>xml</c>.</summary>
    [JsonPropertyName("textFormat")]
    public string? TextFormat { get; set; }

    /// <summary>Gets or sets the sender's locale, e.g. <c>zh-CN</c>.</summary>
    [JsonPropertyName("locale")]
    public string? Locale { get; set; }

    /// <summary>Gets or sets how several attachments are laid out: <c>list</c> or <c>carousel</c>.</summary>
    [JsonPropertyName("attachmentLayout")]
    public string? AttachmentLayout { get; set; }

    /// <summary>Gets or sets the attachments (files, cards).</summary>
    [JsonPropertyName("attachments")]
    public IList<Attachment>? Attachments { get; set; }

    /// <summary>Gets or sets the quick-reply buttons.</summary>
    [JsonPropertyName("suggestedActions")]
    public SuggestedActions? SuggestedActions { get; set; }

    /// <summary>Gets or sets the activity's value: the inputs of an Adaptive Card <c>Action.Submit</c>, or invoke data.</summary>
    [JsonPropertyName("value")]
    public JsonElement? Value { get; set; }

    /// <summary>Gets or sets the name of an event or invoke activity.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Gets or sets channel-specific data (Teams: <c>tenant</c>, <c>team</c>, <c>channel</c>...).</summary>
    [JsonPropertyName("channelData")]
    public JsonElement? ChannelData { get; set; }

    /// <summary>Gets or sets the entities (mentions, client info...).</summary>
    [JsonPropertyName("entities")]
    public IList<Entity>? Entities { get; set; }

    /// <summary>Gets or sets the members who joined (conversationUpdate).</summary>
    [JsonPropertyName("membersAdded")]
    public IList<ChannelAccount>? MembersAdded { get; set; }

    /// <summary>Gets or sets the members who left (conversationUpdate).</summary>
    [JsonPropertyName("membersRemoved")]
    public IList<ChannelAccount>? MembersRemoved { get; set; }

    /// <summary>Gets or sets whether the bot expects input: <c>acceptingInput</c>, <c>expectingInput</c>, <c>ignoringInput</c>.</summary>
    [JsonPropertyName("inputHint")]
    public string? InputHint { get; set; }

    /// <summary>Gets or sets fields this model does not name; kept so that nothing a channel sends is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Gets a value indicating whether this is a <c>message</c> activity.</summary>
    [JsonIgnore]
    public bool IsMessage => string.Equals(Type, ActivityTypes.Message, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Returns the Microsoft Entra tenant: <c>conversation.tenantId</c>, else Teams' <c>channelData.tenant.id</c>.
    /// </summary>
    /// <returns>The tenant id, or null when the channel does not say.</returns>
    public string? GetTenantId()
    {
        if (!string.IsNullOrEmpty(Conversation?.TenantId))
        {
            return Conversation.TenantId;
        }

        if (ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("tenant", out var tenant)
            && tenant.ValueKind == JsonValueKind.Object
            && tenant.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String)
        {
            return id.GetString();
        }

        return null;
    }
}
