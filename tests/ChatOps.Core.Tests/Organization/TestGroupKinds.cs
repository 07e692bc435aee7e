using ChatOps.Core.Organization;

namespace ChatOps.Core.Tests.Organization;

/// <summary>
/// Group kinds as the channel projects register them (core knows none of its own); the directory files of these
/// tests spell them as offices do.
/// </summary>
internal static class TestGroupKinds
{
    public static readonly GroupKind AppChat = new(ChannelNames.WeCom, "appchat", "wecom-appchat", "企业微信群聊", "WeComAppChat") { Aliases = ["appchat"] };

    public static readonly GroupKind Robot = new(ChannelNames.WeCom, "robot", "wecom-robot", "企业微信群机器人", "WeComRobot");

    public static readonly GroupKind Conversation = new(ChannelNames.BotFramework, "conversation", "botframework", "Teams/Bot Framework 群聊", "BotFrameworkConversation");

    public static readonly GroupKinds All = new([AppChat, Robot, Conversation]);
}
