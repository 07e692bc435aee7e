using ChatOps.Core.Meetings;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Tests.Meetings;

/// <summary>Attendees by person, role or unit resolved against the directory, with a message for every entry that names nobody.</summary>
public sealed class AttendeeResolverTests
{
    private static readonly DirectorySnapshot Directory = new(
        [
            new Unit("wjw", "省卫生健康委", UnitKind.ProvincialDepartment, null, true, 17),
            new Unit("fgw", "省发展改革委", UnitKind.ProvincialDepartment, null, false, 4),
            new Unit("jyt", "省教育厅", UnitKind.ProvincialDepartment, null, false, 5),
        ],
        [
            Person("wjw.lly", "罗倩", "wjw", Roles.Liaison),
            Person("wjw.fgld", "冯亮", "wjw", Roles.ReviewingLeader),
            Person("fgw.lly", "宋蓉", "fgw", Roles.Liaison),
            Person("office.head", "蔡霞", null, Roles.OfficeStaff | Roles.MeetingHost),
            Person("office.clerk1", "余波", null, Roles.OfficeStaff),
            Person("a.zhang", "张伟", "fgw", Roles.None),
            Person("b.zhang", "张伟", "jyt", Roles.None),
        ],
        []);

    [Fact]
    public void Unit_MeansItsLiaison_OrTheAttendeeItDesignated()
    {
        var result = AttendeeResolver.Resolve(["unit:wjw", "unit:fgw=a.zhang", "单位：省教育厅=b.zhang"], Directory, "office.head");

        Assert.Empty(result.Errors);
        Assert.Equal(["wjw.lly", "a.zhang", "b.zhang"], result.People.Select(p => p.PersonId));
        Assert.Equal(["unit:wjw", "unit:fgw=a.zhang", "unit:省教育厅=b.zhang"], result.People.Select(p => p.Source));
        Assert.Equal("jyt", result.People[2].UnitCode);
    }

    [Fact]
    public void Role_MeansEveryHolder_TheHostIsNeverAnAttendee_AndNobodyIsInvitedTwice()
    {
        var result = AttendeeResolver.Resolve(["role:办公室", "person:office.clerk1", "role:liaison", "unit:wjw"], Directory, "office.head");

        Assert.Empty(result.Errors);
        Assert.Equal(["office.clerk1", "fgw.lly", "wjw.lly"], result.People.Select(p => p.PersonId));
        Assert.Equal("role:办公室", result.People[0].Source);
    }

    [Fact]
    public void Person_ByIdOrUniqueName()
    {
        var result = AttendeeResolver.Resolve(["person:冯亮", "人员:fgw.lly"], Directory, null);

        Assert.Empty(result.Errors);
        Assert.Equal(["wjw.fgld", "fgw.lly"], result.People.Select(p => p.PersonId));
    }

    [Theory]
    [InlineData("unit:xyz", "名录中没有代码或名称为“xyz”的单位。")]
    [InlineData("unit:jyt", "省教育厅目前没有联络员，请指定参会人员（如 unit:jyt=人员编号）。")]
    [InlineData("unit:wjw=nobody", "名录中没有编号或姓名为“nobody”的人员。")]
    [InlineData("role:秘书", "没有名为“秘书”的角色，可用的角色有：联络员、分管领导、办公室、主持人、组长、督战组。")]
    [InlineData("role:组长", "名录中没有担任组长的人员。")]
    [InlineData("person:张伟", "名录中有2人名为“张伟”，请改用人员编号（a.zhang、b.zhang）。")]
    [InlineData("wjw", "格式不正确，应为 person:人员编号、role:角色 或 unit:单位代码")]
    [InlineData("group:x", "格式不正确")]
    public void EntryNamingNobody_HasItsOwnMessage(string spec, string message)
    {
        var result = AttendeeResolver.Resolve([spec], Directory, null);

        Assert.Empty(result.People);
        Assert.Contains(message, Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void SearchByName_ExactFirst_ThenContains()
    {
        Assert.Equal(["a.zhang", "b.zhang"], AttendeeResolver.SearchByName(Directory, "张伟").Select(p => p.Id));
        Assert.Equal(["wjw.lly"], AttendeeResolver.SearchByName(Directory, "罗倩").Select(p => p.Id));
        Assert.Equal(["a.zhang", "b.zhang"], AttendeeResolver.SearchByName(Directory, "伟").Select(p => p.Id));
        Assert.Empty(AttendeeResolver.SearchByName(Directory, "李明"));
        Assert.Empty(AttendeeResolver.SearchByName(Directory, " "));
    }

    [Fact]
    public void Spec_SplitsTheCommandLineList()
    {
        Assert.Equal(["unit:wjw", "role:联络员", "person:x"], AttendeeSpec.Split("unit:wjw, role:联络员，person:x"));
        Assert.Equal(new AttendeeSpec(AttendeeSpecKind.Unit, "wjw", "wjw.fgld"), AttendeeSpec.Parse("unit:wjw=wjw.fgld"));
        Assert.Null(AttendeeSpec.Parse("unit:=x"));
        Assert.Null(AttendeeSpec.Parse("person:"));
    }

    private static Person Person(string id, string name, string? unit, Roles roles) => new(id, name, unit, roles, null, null, []);
}
