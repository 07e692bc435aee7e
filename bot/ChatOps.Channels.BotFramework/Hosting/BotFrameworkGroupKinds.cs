using ChatOps.Core.Organization;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>The group kind Bot Framework offers, with the spellings directory files have always used.</summary>
public static class BotFrameworkGroupKinds
{
    /// <summary>A group conversation (Teams channel or group chat), address = conversation id.</summary>
    public static readonly GroupKind Conversation = new(ChannelNames.BotFramework, "conversation", "botframework", BotFrameworkText.ConversationLabel, "BotFrameworkConversation")
    {
        Aliases = ["teams", "botframework-conversation"],
    };

    /// <summary>Every kind, for registration.</summary>
    public static readonly IReadOnlyList<GroupKind> All = [Conversation];
}
