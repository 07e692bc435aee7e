using System.Text;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Tests.Organization;

/// <summary>
/// A group is (channel, kind, address): the kinds are the channels', registered with their spellings; core reads
/// whatever a channel registered, a third channel's kinds included, and refuses what none did.
/// </summary>
public class GroupKindsTests
{
    private static readonly GroupKind Room = new("matrix", "room", "matrix-room", "Matrix 房间", "matrix:room") { Aliases = ["房间"] };

    private static string Yaml(string kind) => $$"""
        units:
          - { code: wjw, name: 省卫生健康委, kind: 省直部门 }
        people:
          - { id: li, name: 李明, unit: wjw, roles: [联络员], wecom: liming }
        groups:
          - { code: g, name: 工作群, kind: {{kind}}, address: "!abc:example.org", members: [li] }
        """;

    private static DirectoryReadResult Read(string kind, GroupKinds kinds) =>
        DirectoryFile.Read("d.yaml", Encoding.UTF8.GetBytes(Yaml(kind)), DirectoryFormat.Yaml, kinds);

    [Theory]
    [InlineData("matrix-room")]
    [InlineData("房间")]
    [InlineData("MATRIX-ROOM")]
    public void AThirdChannelsKind_IsReadFromItsSpellings_AndNamesItsChannel(string spelling)
    {
        var result = Read(spelling, new GroupKinds([.. TestGroupKinds.All.All, Room]));

        Assert.Empty(result.Errors);
        var group = Assert.Single(result.Snapshot!.Groups);
        Assert.Equal(Room, group.Kind);
        Assert.Equal("matrix", group.Channel);
        Assert.Equal("!abc:example.org", group.Address);
    }

    [Fact]
    public void AKindNoChannelRegistered_IsAnError_ListingTheRegisteredOnes()
    {
        var result = Read("matrix-room", TestGroupKinds.All);

        var error = Assert.Single(result.Errors);
        Assert.Contains("群类型“matrix-room”无效，应为：wecom-appchat, wecom-robot, botframework", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoredNames_AreTheChannelsOwn_AndAnUnknownOneReachesNoChannel()
    {
        Assert.Equal(TestGroupKinds.Robot, TestGroupKinds.All.FromStored("WeComRobot"));
        Assert.Equal(TestGroupKinds.Conversation, TestGroupKinds.All.FromStored("BotFrameworkConversation"));
        Assert.Equal("", TestGroupKinds.All.FromStored("SmsList").Channel);
    }

    [Fact]
    public void KindsCompareByChannelAndName_NotBySpelling()
    {
        Assert.Equal(TestGroupKinds.AppChat, TestGroupKinds.AppChat with { Label = "群聊", Aliases = [] });
        Assert.NotEqual(TestGroupKinds.AppChat, TestGroupKinds.Robot);
    }
}
