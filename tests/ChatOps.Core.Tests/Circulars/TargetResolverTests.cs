using ChatOps.Core.Circulars;
using ChatOps.Core.Organization;
using ChatOps.Core.Tests.Organization;

namespace ChatOps.Core.Tests.Circulars;

public sealed class TargetResolverTests
{
    private static readonly DirectorySnapshot Directory = new(
        [
            new Unit("fgw", "省发展改革委", UnitKind.ProvincialDepartment, null, false, 1),
            new Unit("jyt", "省教育厅", UnitKind.ProvincialDepartment, null, false, 2),
            new Unit("532900", "大理州", UnitKind.Prefecture, null, true, 3),
            new Unit("533400", "迪庆州", UnitKind.Prefecture, null, false, 4),
        ],
        [
            P("fgw.lly", "fgw", Roles.Liaison),
            P("jyt.lly", "jyt", Roles.Liaison),
            P("532900.lly", "532900", Roles.Liaison),
            P("532900.fgld", "532900", Roles.ReviewingLeader),
            P("office.head", null, Roles.OfficeStaff | Roles.MeetingHost),
            P("office.clerk1", null, Roles.OfficeStaff),
            P("group.leader", null, Roles.GroupLeader | Roles.MeetingHost),
        ],
        [
            new GroupChat("lly-group", "联络员群", TestGroupKinds.AppChat, "wrChat", ["fgw.lly", "jyt.lly", "office.clerk1"]),
            new GroupChat("robot", "通知群", TestGroupKinds.Robot, "https://example/webhook", []),
            new GroupChat("teams", "州市群", TestGroupKinds.Conversation, "19:abc", ["532900.lly"]),
        ]);

    [Fact]
    public void Resolve_GroupsOnce_UnitsToLiaisons_GroupMembersNotAgain1To1_EveryoneAcknowledges()
    {
        var d = TargetResolver.Resolve(
            [new(TargetKind.Group, "lly-group"), new(TargetKind.Group, "robot"), new(TargetKind.Unit, "fgw"), new(TargetKind.Unit, "532900"), new(TargetKind.Role, "ReviewingLeader")],
            Directory, ["office.clerk1"]);

        Assert.Equal(["lly-group", "robot"], d.Groups.Select(g => g.Code));
        // 省发展改革委's liaison is in the liaison group: no second copy 1:1. 大理州's is not, nor its reviewing leader.
        Assert.Equal(["532900.lly", "532900.fgld"], d.Direct.Select(p => p.Id));
        Assert.Equal(["fgw.lly", "jyt.lly", "532900.lly", "532900.fgld"], d.Recipients.Select(r => r.Person.Id));
        Assert.Equal(["lly-group", "lly-group", null, null], d.Recipients.Select(r => r.ViaGroup));
        Assert.Contains("“通知群”在名录中没有登记成员，群内无人需要确认收到。", d.Notes);
    }

    [Fact]
    public void Resolve_Everyone_LeavesOutComposerAndSigner_AndCountsEachPersonOnce()
    {
        var d = TargetResolver.Resolve([CircularTarget.Everyone, new(TargetKind.Group, "teams")], Directory, ["office.clerk1", "office.head"]);

        Assert.Equal(5, d.Recipients.Count);
        Assert.DoesNotContain(d.Recipients, r => r.Person.Id is "office.clerk1" or "office.head");
        Assert.Equal("teams", d.Recipients.Single(r => r.Person.Id == "532900.lly").ViaGroup);
        Assert.DoesNotContain(d.Direct, p => p.Id == "532900.lly");
    }

    [Fact]
    public void Resolve_AUnitWithoutLiaison_IsNotedForTheOffice()
    {
        var d = TargetResolver.Resolve([new(TargetKind.Unit, "533400")], Directory, []);

        Assert.Empty(d.Recipients);
        Assert.Equal(["迪庆州没有联络员，无法送达。"], d.Notes);
    }

    [Fact]
    public void Validate_NamesEveryUnknownTarget()
    {
        var problems = TargetResolver.Validate(
            [new(TargetKind.Group, "nope"), new(TargetKind.Unit, "xx"), new(TargetKind.Role, "秘书"), new(TargetKind.Person, "ghost"), new(TargetKind.Role, "联络员")], Directory);

        Assert.Equal(4, problems.Count);
        Assert.Contains("群聊“nope”不在名录中。", problems);
        Assert.Contains("成员单位“xx”不在名录中。", problems);
        Assert.Contains(problems, p => p.StartsWith("角色“秘书”不存在", StringComparison.Ordinal));
        Assert.Contains("人员“ghost”不在名录中。", problems);
        Assert.Equal(["请至少选择一个发送对象（群聊、成员单位、角色或全体人员）。"], TargetResolver.Validate([], Directory));
    }

    [Fact]
    public void Describe_ReadsAsTheOfficeSaysIt() =>
        Assert.Equal("2个群聊（联络员群、州市群），2家成员单位的联络员（省发展改革委、大理州），全体联络员",
            TargetResolver.Describe([new(TargetKind.Group, "lly-group"), new(TargetKind.Group, "teams"), new(TargetKind.Unit, "fgw"), new(TargetKind.Unit, "532900"),
                new(TargetKind.Role, "Liaison")], Directory));

    [Fact]
    public void SignOff_OfficeHeadGroupLeaderConvener_AndTheConfiguredSigner()
    {
        var kinds = new CircularKinds(CircularKinds.Defaults);
        var rules = new SignOffRules(new CircularOptions());

        Assert.Equal(["office.head"], rules.Candidates(kinds.Get("circular"), major: false, Directory).Select(p => p.Id));
        Assert.Equal(["group.leader"], rules.Candidates(kinds.Get("circular"), major: true, Directory).Select(p => p.Id));
        Assert.Equal(["office.head", "group.leader"], rules.Candidates(kinds.Get("minutes"), major: false, Directory).Select(p => p.Id));
        Assert.Empty(rules.Candidates(kinds.Get("notice"), major: false, Directory));
        Assert.Equal(["office.clerk1"], new SignOffRules(new CircularOptions { OfficeHead = "office.clerk1" })
            .Candidates(kinds.Get("document"), major: false, Directory).Select(p => p.Id));
    }

    private static Person P(string id, string? unit, Roles roles) => new(id, id, unit, roles, null, null, [new ChannelIdentity(ChannelNames.WeCom, id)]);
}
