using ChatOps.Channels.WeCom.Hosting;

namespace ChatOps.Channels.WeCom.Tests;

/// <summary>
/// The names WeCom's group kinds are stored under and spelled in directory files. Existing databases and files hold
/// them (there was no migration when the kinds moved into the channel), so they are pinned here, not only round-tripped.
/// </summary>
public sealed class WeComGroupKindsTests
{
    [Fact]
    public void StoredNamesAndFileSpellings_AreTheOnesExistingDatabasesAndFilesHold()
    {
        Assert.Equal(("wecom", "WeComAppChat", "wecom-appchat"), (WeComGroupKinds.AppChat.Channel, WeComGroupKinds.AppChat.StoredName, WeComGroupKinds.AppChat.FileName));
        Assert.Equal(("wecom", "WeComRobot", "wecom-robot"), (WeComGroupKinds.Robot.Channel, WeComGroupKinds.Robot.StoredName, WeComGroupKinds.Robot.FileName));
        Assert.Contains("企业微信群聊", WeComGroupKinds.AppChat.Aliases);
        Assert.Contains("群机器人", WeComGroupKinds.Robot.Aliases);
    }
}
