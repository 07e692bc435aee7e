using ChatOps.Channels.BotFramework.Hosting;

namespace ChatOps.Channels.BotFramework.Tests;

/// <summary>
/// The name the Bot Framework group kind is stored under and spelled in directory files: existing databases and files
/// hold it (no migration moved it), so it is pinned here, not only round-tripped.
/// </summary>
public sealed class BotFrameworkGroupKindsTests
{
    [Fact]
    public void StoredNameAndFileSpelling_AreTheOnesExistingDatabasesAndFilesHold()
    {
        var kind = BotFrameworkGroupKinds.Conversation;
        Assert.Equal(("botframework", "BotFrameworkConversation", "botframework"), (kind.Channel, kind.StoredName, kind.FileName));
        Assert.Contains("teams", kind.Aliases);
    }
}
