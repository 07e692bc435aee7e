namespace ChatOps.Core.Conversations;

/// <summary>
/// Where the bot can write to a user or a group chat later, as a channel that needs one (Bot Framework) hands it over:
/// stored in the database on every inbound activity, so prompts reach people after restarts and from any instance.
/// Channel-neutral: the channel's own reference is kept whole in <see cref="Json"/>; the columns are what is looked up.
/// </summary>
/// <param name="Channel">Our channel name (e.g. "botframework").</param>
/// <param name="UserId">The user's id on the channel; empty for the row of a group conversation itself.</param>
/// <param name="ConversationId">The channel's conversation id (1:1 chat, group chat or Teams channel).</param>
/// <param name="IsGroup">Whether the conversation has more than two members.</param>
/// <param name="ServiceUrl">The endpoint to send to for this conversation.</param>
/// <param name="ChannelId">The channel's sub-channel (Bot Framework channelId: msteams, webchat...).</param>
/// <param name="TenantId">The tenant the conversation lives in, if the channel says (Teams).</param>
/// <param name="BotId">The bot's id as the channel addresses it.</param>
/// <param name="Json">The channel's whole reference, as the channel project serializes it.</param>
/// <param name="UpdatedAt">When it was last seen on an inbound message.</param>
/// <param name="AlternateUserId">Another id of the same user the directory may hold (Teams: the Entra object id).</param>
/// <param name="Unreachable">The bot was blocked or removed here; cleared when the user or group writes again.</param>
/// <param name="UnreachableReason">Why it is unreachable, for the office.</param>
public sealed record ConversationReferenceRecord(
    string Channel,
    string UserId,
    string ConversationId,
    bool IsGroup,
    string ServiceUrl,
    string ChannelId,
    string? TenantId,
    string? BotId,
    string Json,
    DateTimeOffset UpdatedAt,
    string? AlternateUserId = null,
    bool Unreachable = false,
    string? UnreachableReason = null)
{
    /// <summary>The <see cref="UserId"/> of the row that stands for a group conversation as a whole.</summary>
    public const string GroupRow = "";
}

/// <summary>
/// Conversation references (per channel, channel id, conversation and user) and the cards the bot sent, so that a card
/// that was answered can be greyed out. Implemented by storage; each call is its own statement (no unit of work).
/// </summary>
public interface IConversationReferenceStore
{
    /// <summary>Inserts or replaces the reference (keyed by channel, channel id, conversation and user) and clears its unreachable flag.</summary>
    Task SaveAsync(ConversationReferenceRecord reference, CancellationToken cancellationToken = default);

    /// <summary>Every reference of a user (by user id or alternate id) on a channel, newest first, 1:1 and group conversations alike.</summary>
    Task<IReadOnlyList<ConversationReferenceRecord>> ListForUserAsync(string channel, string userId, CancellationToken cancellationToken = default);

    /// <summary>The reference of a conversation: its group row when it is a group, else its newest user row; null when never seen.</summary>
    Task<ConversationReferenceRecord?> FindConversationAsync(string channel, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>The group conversations (Teams channels, group chats) the bot was added to or heard in, newest first; for circulars.</summary>
    Task<IReadOnlyList<ConversationReferenceRecord>> ListGroupConversationsAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>Marks every reference of a user unreachable; true when at least one was reachable before (tell the office once).</summary>
    Task<bool> MarkUserUnreachableAsync(string channel, string userId, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Marks a conversation's references unreachable (the bot was removed from a group); true when one was reachable before.</summary>
    Task<bool> MarkConversationUnreachableAsync(string channel, string conversationId, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Remembers a card the bot sent (the channel's activity id and the message), so it can be greyed out once answered.</summary>
    Task SaveSentCardAsync(string channel, string conversationId, string activityId, string payload, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Takes (returns and forgets) a sent card: the first answer greys it out, later ones find nothing.</summary>
    Task<string?> TakeSentCardAsync(string channel, string conversationId, string activityId, CancellationToken cancellationToken = default);
}
