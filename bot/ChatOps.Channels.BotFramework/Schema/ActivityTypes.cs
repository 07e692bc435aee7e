namespace ChatOps.Channels.BotFramework;

/// <summary>
/// Activity <c>type</c> values of the Bot Framework protocol that the bot looks at, so code compares against one
/// spelling (comparisons should ignore case: the protocol does not promise it).
/// </summary>
public static class ActivityTypes
{
    /// <summary>A message from a user (text, attachments, or an Adaptive Card submit in <c>value</c>).</summary>
    public const string Message = "message";

    /// <summary>Members joined or left, or the bot was added to a conversation.</summary>
    public const string ConversationUpdate = "conversationUpdate";

    /// <summary>The bot was installed or uninstalled (Teams).</summary>
    public const string InstallationUpdate = "installationUpdate";

    /// <summary>A request that expects a synchronous answer in the HTTP response (Teams card actions, etc.).</summary>
    public const string Invoke = "invoke";

    /// <summary>A named event.</summary>
    public const string Event = "event";

    /// <summary>The sender is typing.</summary>
    public const string Typing = "typing";

    /// <summary>The conversation ended.</summary>
    public const string EndOfConversation = "endOfConversation";

    /// <summary>A user reacted to a message.</summary>
    public const string MessageReaction = "messageReaction";

    /// <summary>A message was edited.</summary>
    public const string MessageUpdate = "messageUpdate";

    /// <summary>A message was deleted.</summary>
    public const string MessageDelete = "messageDelete";
}
