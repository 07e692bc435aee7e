using ChatOps.Core.Organization;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>The group kinds WeCom offers, with the spellings directory files have always used.</summary>
public static class WeComGroupKinds
{
    /// <summary>An app chat (appchat/create, appchat/send), address = chatid.</summary>
    public static readonly GroupKind AppChat = new(ChannelNames.WeCom, "appchat", "wecom-appchat", WeComText.AppChatLabel, "WeComAppChat")
    {
        Aliases = ["企业微信群聊", "appchat"],
    };

    /// <summary>A group robot, address = webhook URL (20 messages a minute).</summary>
    public static readonly GroupKind Robot = new(ChannelNames.WeCom, "robot", "wecom-robot", WeComText.RobotLabel, "WeComRobot")
    {
        Aliases = ["群机器人", "robot", "webhook"],
    };

    /// <summary>Both, for registration.</summary>
    public static readonly IReadOnlyList<GroupKind> All = [AppChat, Robot];
}
