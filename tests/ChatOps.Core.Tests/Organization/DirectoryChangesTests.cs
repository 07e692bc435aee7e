using ChatOps.Core.Organization;

namespace ChatOps.Core.Tests.Organization;

public class DirectoryChangesTests
{
    private static readonly Unit Wjw = new("wjw", "省卫生健康委", UnitKind.ProvincialDepartment, null, false, 1);
    private static readonly Person Li = new("li", "李明", "wjw", Roles.Liaison, null, null, [new(ChannelNames.WeCom, "liming")]);
    private static readonly Person Wang = new("wang", "王芳", "wjw", Roles.ReviewingLeader, null, null, []);

    [Fact]
    public void Between_SameDirectory_IsEmpty()
    {
        var s = new DirectorySnapshot([Wjw], [Li, Wang], []);
        var copy = new DirectorySnapshot([Wjw with { }], [Li with { Identities = [new(ChannelNames.WeCom, "liming")] }, Wang], []);

        Assert.True(DirectoryChanges.Between(s, copy, includeGroups: true).IsEmpty);
    }

    [Fact]
    public void Between_NewLiaison_RecordsTheReplacement()
    {
        var before = new DirectorySnapshot([Wjw], [Li, Wang], []);
        var after = new DirectorySnapshot([Wjw], [Li with { Roles = Roles.None }, Wang with { Roles = Roles.Liaison }], []);

        var changes = DirectoryChanges.Between(before, after, includeGroups: true);

        Assert.Equal([new LiaisonReplacement("wjw", "li", "wang")], changes.LiaisonChanges);
        Assert.Equal(2, changes.PeopleToSave.Count);
        Assert.Equal(0, changes.PeopleAdded);
    }

    [Fact]
    public void Between_PersonMissing_IsDeactivatedNotDeleted()
    {
        var before = new DirectorySnapshot([Wjw], [Li, Wang], []);
        var after = new DirectorySnapshot([Wjw], [Li], []);

        var changes = DirectoryChanges.Between(before, after, includeGroups: true);

        Assert.Equal(["wang"], changes.PeopleToDeactivate);
        Assert.Contains("停用 1", changes.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Between_WithoutGroups_LeavesStoredGroupsAlone()
    {
        var group = new GroupChat("g", "群", TestGroupKinds.AppChat, "wr1", ["li"]);
        var before = new DirectorySnapshot([Wjw], [Li], [group]);
        var after = new DirectorySnapshot([Wjw], [Li], []);

        Assert.True(DirectoryChanges.Between(before, after, includeGroups: false).IsEmpty);
        Assert.Equal(["g"], DirectoryChanges.Between(before, after, includeGroups: true).GroupsToDeactivate);
    }

    [Fact]
    public void Vocabulary_AcceptsChineseAndEnglish()
    {
        Assert.True(Vocabulary.TryParseRole("分管领导", out var a));
        Assert.True(Vocabulary.TryParseRole("Reviewer", out var b));
        Assert.Equal(Roles.ReviewingLeader, a);
        Assert.Equal(a, b);
        Assert.True(Vocabulary.TryParseUnitKind("专项行动组", out var k));
        Assert.Equal(UnitKind.SpecialActionGroup, k);
        Assert.False(Vocabulary.TryParseRole("秘书", out _));
        Assert.Equal("联络员、主持人", Vocabulary.Names(Roles.MeetingHost | Roles.Liaison));
    }
}
