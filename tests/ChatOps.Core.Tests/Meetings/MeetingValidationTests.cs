using ChatOps.Core.Calendar;
using ChatOps.Core.Conversations;
using ChatOps.Core.Meetings;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ChatOps.Core.Tests.Meetings;

/// <summary>Creating a meeting: every wrong field gets its own Chinese message, and nothing is written.</summary>
public sealed class MeetingValidationTests
{
    private static readonly TimeZoneInfo Kunming = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly Actor Clerk = new("office.clerk1", "办公室", Roles.OfficeStaff, null, "test");

    private readonly Mock<IUnitOfWorkFactory> _units = new(MockBehavior.Strict);
    private readonly MeetingService _service;

    public MeetingValidationTests()
    {
        var directory = new Mock<IDirectoryRepository>();
        directory.Setup(d => d.LoadAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new DirectorySnapshot(
            [new Unit("wjw", "省卫生健康委", UnitKind.ProvincialDepartment, null, true, 17)],
            [
                new Person("wjw.lly", "罗倩", "wjw", Roles.Liaison, null, null, []),
                new Person("office.head", "蔡霞", null, Roles.OfficeStaff | Roles.MeetingHost, null, null, []),
            ],
            []));
        var office = new OfficeProfile("领导小组办公室", Kunming);
        var notices = new MeetingNotices(new RecipientRouter(new EnabledChannels([ChannelNames.Local])), office, NullLogger<MeetingNotices>.Instance);
        _service = new MeetingService(_units.Object, Mock.Of<IMeetingStoreFactory>(), directory.Object, notices,
            new MeetingCalendar(WorkCalendar.LoadDefault(), Kunming), new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8))),
            NullLogger<MeetingService>.Instance);
    }

    private static MeetingDraft Valid => new("办公室会议", "领导小组办公室第12次会议", "office.head", "2026-12-01 09:00", "2026-12-01 10:30",
        "省卫生健康委3楼会议室", null, "研究部署农贸市场环境卫生整治", ["unit:wjw"]);

    [Fact]
    public async Task EveryMissingField_HasItsMessage()
    {
        var ex = (await _service.CreateAsync(Clerk, new MeetingDraft(null, " ", null, null, null, null, null, null, null), TestContext.Current.CancellationToken)).Refusal!;

        Assert.Equal(MeetingProblemKind.Invalid, ex.Kind);
        Assert.Equal("请填写会议类型（领导小组会议、办公室会议、专题会议、周例会）。", ex.Errors["kind"]);
        Assert.Equal("请填写会议名称。", ex.Errors["title"]);
        Assert.Equal("请指定主持人（人员编号或姓名）。", ex.Errors["host"]);
        Assert.Equal("请填写开始时间，如“2026-12-01 09:00”。", ex.Errors["start"]);
        Assert.Equal("请填写结束时间，如“2026-12-01 10:30”。", ex.Errors["end"]);
        Assert.Equal("请填写会议地点或线上参会链接。", ex.Errors["place"]);
        Assert.StartsWith("请指定参会人员", ex.Errors["attendees"], StringComparison.Ordinal);
        _units.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("kind", "常委会", "会议类型“常委会”无效，应为领导小组会议、办公室会议、专题会议、周例会之一。")]
    [InlineData("host", "nobody", "主持人：名录中没有编号或姓名为“nobody”的人员。")]
    [InlineData("start", "12月1日上午", "开始时间“12月1日上午”格式不正确，应为“2026-12-01 09:00”。")]
    [InlineData("start", "2026-11-24 09:00", "开始时间11月24日（周二）9:00已过，请核对。")]
    [InlineData("end", "2026-12-01 08:00", "结束时间须晚于开始时间。")]
    [InlineData("end", "2026-12-02 09:00", "会议时长超过12小时，请核对结束时间。")]
    [InlineData("link", "meeting.example", "线上参会链接须是以 http:// 或 https:// 开头的网址。")]
    [InlineData("attendees", "unit:xyz", "“unit:xyz”：名录中没有代码或名称为“xyz”的单位。")]
    [InlineData("attendees", "person:office.head", "除主持人外，尚未指定参会人员。")]
    [InlineData("recurrence", "weekly:WED", "开始日期12月1日（周二）与重复规则“每周三”不一致，请以第一次会议的日期作为开始时间。")]
    [InlineData("recurrence", "every tuesday", "重复规则应为 weekly:TUE（每周二）或 monthly:15（每月15日）。")]
    public async Task OneWrongField_ItsMessageOnly(string field, string value, string message)
    {
        var draft = field switch
        {
            "kind" => Valid with { Kind = value },
            "host" => Valid with { Host = value },
            "start" => Valid with { Start = value },
            "end" => Valid with { End = value },
            "link" => Valid with { Link = value },
            "attendees" => Valid with { Attendees = [value] },
            _ => Valid with { Recurrence = value },
        };

        var ex = (await _service.CreateAsync(Clerk, draft, TestContext.Current.CancellationToken)).Refusal!;

        Assert.Equal(message, Assert.Single(ex.Errors, e => e.Key == field).Value);
        Assert.Single(ex.Errors);
    }
}
