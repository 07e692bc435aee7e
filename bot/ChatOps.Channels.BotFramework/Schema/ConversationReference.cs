namespace ChatOps.Channels.BotFramework;

/// <summary>
/// What the bot needs to write into a conversation later (proactive messages after restarts and on any instance):
/// the Bot Connector endpoint, channel, conversation, user and bot, and the tenant. Stored as JSON with
/// <see cref="BotFrameworkJson.Options"/>; compares by value.
/// </summary>
/// <param name="ServiceUrl">The Bot Connector endpoint for this conversation.</param>
/// <param name="ChannelId">The channel, e.g. <c>msteams</c>.</param>
/// <param name="Conversation">The conversation (named fields only).</param>
/// <param name="User">The user who wrote (named fields only).</param>
/// <param name="Bot">The bot as the channel addresses it (named fields only).</param>
/// <param name="TenantId">The Microsoft Entra tenant, if the channel says.</param>
public sealed record ConversationReference(
    [property: JsonPropertyName("serviceUrl")] string ServiceUrl,
    [property: JsonPropertyName("channelId")] string ChannelId,
    [property: JsonPropertyName("conversation")] ConversationAccount Conversation,
    [property: JsonPropertyName("user")] ChannelAccount? User,
    [property: JsonPropertyName("bot")] ChannelAccount? Bot,
    [property: JsonPropertyName("tenantId")] string? TenantId)
{
    /// <summary>Gets the id of the activity the reference was taken from (the Bot Framework schema's <c>activityId</c>).</summary>
    [JsonPropertyName("activityId")]
    public string? ActivityId { get; init; }

    /// <summary>Gets the user's locale when the reference was taken.</summary>
    [JsonPropertyName("locale")]
    public string? Locale { get; init; }

    /// <summary>
    /// Takes the reference from an inbound activity: the sender is the user, the recipient is the bot. Unknown fields of
    /// the accounts are dropped, so two references for the same conversation compare equal.
    /// </summary>
    /// <param name="activity">An inbound activity.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentException">The activity has no serviceUrl, channelId or conversation.id.</exception>
    public static ConversationReference FromActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            throw new ArgumentException("The activity has no serviceUrl.", nameof(activity));
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            throw new ArgumentException("The activity has no channelId.", nameof(activity));
        }

        if (activity.Conversation is null || string.IsNullOrWhiteSpace(activity.Conversation.Id))
        {
            throw new ArgumentException("The activity has no conversation.id.", nameof(activity));
        }

        return new ConversationReference(
            activity.ServiceUrl,
            activity.ChannelId,
            activity.Conversation.Trimmed(),
            activity.From?.Trimmed(),
            activity.Recipient?.Trimmed(),
            activity.GetTenantId())
        {
            ActivityId = activity.Id,
            Locale = activity.Locale,
        };
    }
}
