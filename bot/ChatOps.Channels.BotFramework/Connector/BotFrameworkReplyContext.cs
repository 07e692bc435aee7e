namespace ChatOps.Channels.BotFramework.Connector;

/// <summary>
/// What an inbound message's and an outbox item's <c>ReplyContext</c> hold on this channel, as JSON: the conversation and
/// activity a reply answers (sent with replyToId when the reply goes to that same conversation), or — with
/// <see cref="Answered"/> — the card to grey out because it was answered (the sender then PUTs the answered card
/// instead of sending a message).
/// </summary>
/// <param name="ConversationId">The conversation the activity is in.</param>
/// <param name="ActivityId">The inbound activity (for replyToId) or the bot's card activity (for the update).</param>
/// <param name="Answered">The label of the pressed button, when this is a card update.</param>
/// <param name="Expired">The card no longer asked the current step when clicked: it is greyed out as expired.</param>
public sealed record BotFrameworkReplyContext(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("activityId")] string ActivityId,
    [property: JsonPropertyName("answered")] string? Answered = null,
    [property: JsonPropertyName("expired")] bool Expired = false)
{
    /// <summary>Gets a value indicating whether this asks to grey out an answered card.</summary>
    [JsonIgnore]
    public bool IsCardUpdate => Answered is not null;

    /// <summary>Reads a reply context; null when <paramref name="text"/> is empty or not one of ours.</summary>
    /// <param name="text">The stored reply context.</param>
    /// <returns>The context, or null.</returns>
    public static BotFrameworkReplyContext? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            var context = JsonSerializer.Deserialize<BotFrameworkReplyContext>(text, BotFrameworkJson.Options);
            return context is { ConversationId.Length: > 0, ActivityId.Length: > 0 } ? context : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The stored form.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, BotFrameworkJson.Options);
}
