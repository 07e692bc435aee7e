namespace ChatOps.Channels.BotFramework;

/// <summary>
/// A user or bot on a channel (Bot Framework <c>ChannelAccount</c>). A record so that a stored conversation reference
/// compares by value; unknown fields are kept in <see cref="AdditionalProperties"/> so that nothing a channel sends is lost.
/// </summary>
public sealed record ChannelAccount
{
    /// <summary>Gets or sets the channel-specific id (Teams: <c>29:...</c>; the bot: <c>28:{appId}</c>).</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Gets or sets the display name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Gets or sets the Microsoft Entra object id of the user (Teams).</summary>
    [JsonPropertyName("aadObjectId")]
    public string? AadObjectId { get; set; }

    /// <summary>Gets or sets the role: <c>user</c> or <c>bot</c>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>Gets or sets fields this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Returns a copy with the named fields only, for storing.</summary>
    /// <returns>The copy.</returns>
    public ChannelAccount Trimmed() => new() { Id = Id, Name = Name, AadObjectId = AadObjectId, Role = Role };
}

/// <summary>
/// A conversation on a channel (Bot Framework <c>ConversationAccount</c>): a personal chat, a group chat or a Teams
/// channel thread. A record for value comparison; unknown fields are kept in <see cref="AdditionalProperties"/>.
/// </summary>
public sealed record ConversationAccount
{
    /// <summary>Gets or sets the conversation id, the address for replies and proactive messages.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Gets or sets the display name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Gets or sets whether more than two members take part.</summary>
    [JsonPropertyName("isGroup")]
    public bool? IsGroup { get; set; }

    /// <summary>Gets or sets the kind of conversation (Teams: <c>personal</c>, <c>groupChat</c>, <c>channel</c>).</summary>
    [JsonPropertyName("conversationType")]
    public string? ConversationType { get; set; }

    /// <summary>Gets or sets the Microsoft Entra tenant of the conversation (Teams).</summary>
    [JsonPropertyName("tenantId")]
    public string? TenantId { get; set; }

    /// <summary>Gets or sets fields this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Returns a copy with the named fields only, for storing.</summary>
    /// <returns>The copy.</returns>
    public ConversationAccount Trimmed() => new()
    {
        Id = Id,
        Name = Name,
        IsGroup = IsGroup,
        ConversationType = ConversationType,
        TenantId = TenantId,
    };
}
