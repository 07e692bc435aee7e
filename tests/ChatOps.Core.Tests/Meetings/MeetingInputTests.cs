using ChatOps.Core.Meetings;

namespace ChatOps.Core.Tests.Meetings;

/// <summary>What people type: times in office time, dates, and the substitute's name and phone.</summary>
public sealed class MeetingInputTests
{
    private static readonly TimeZoneInfo Kunming = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("2026-12-01 09:00")]
    [InlineData("2026-12-01 9:00")]
    [InlineData("2026-12-01T09:00")]
    [InlineData("2026-12-01 09:00:00")]
    [InlineData("2026/12/1 9:00")]
    [InlineData("2026-12-01T09:00:00+08:00")]
    [InlineData("2026-12-01T01:00:00Z")]
    public void TryParseTime_OfficeTimeOrAnExplicitOffset(string text)
    {
        Assert.True(MeetingInput.TryParseTime(text, Kunming, out var instant));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), instant);
    }

    [Theory]
    [InlineData("")]
    [InlineData("明天上午")]
    [InlineData("2026-12-01")]
    [InlineData("2026-13-01 09:00")]
    [InlineData("12/01/2026 09:00")]
    public void TryParseTime_RefusesTheRest(string text) => Assert.False(MeetingInput.TryParseTime(text, Kunming, out _));

    [Theory]
    [InlineData("2026-12-15")]
    [InlineData("2026/12/15")]
    [InlineData("2026年12月15日")]
    public void TryParseDate_CommonForms(string text)
    {
        Assert.True(MeetingInput.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(2026, 12, 15), date);
    }

    [Theory]
    [InlineData("13800000000", "13800000000")]
    [InlineData("199 1234 5678", "19912345678")]
    [InlineData("+86 13912345678", "13912345678")]
    [InlineData("１３８００００００００", "13800000000")]
    [InlineData("0871-12345678", "0871-12345678")]
    [InlineData("087112345678", "087112345678")]
    [InlineData("010-1234567", "010-1234567")]
    [InlineData("(0871)12345678", "0871-12345678")]
    [InlineData("（0871）12345678", "0871-12345678")]
    [InlineData("0871-12345678-801", "0871-12345678-801")]
    public void NormalizePhone_MobileOrFixedLine(string text, string expected) => Assert.Equal(expected, MeetingInput.NormalizePhone(text));

    [Theory]
    [InlineData("12345678901")]
    [InlineData("1380000000")]
    [InlineData("138000000001")]
    [InlineData("12800000000")]
    [InlineData("12345678")]
    [InlineData("871-12345678")]
    [InlineData("电话")]
    public void NormalizePhone_RefusesWhatIsNeither(string text) => Assert.Null(MeetingInput.NormalizePhone(text));

    [Theory]
    [InlineData("张伟 13800000000", "张伟", "13800000000")]
    [InlineData("张伟，电话13800000000", "张伟", "13800000000")]
    [InlineData("13800000000 张伟", "张伟", "13800000000")]
    [InlineData("张伟 0871-12345678", "张伟", "0871-12345678")]
    [InlineData("张伟", "张伟", null)]
    [InlineData("张伟 123", "张伟", "123")]
    public void SplitNameAndPhone_AnyOrder(string text, string name, string? phone)
    {
        var (n, p) = MeetingInput.SplitNameAndPhone(text);

        Assert.Equal(name, n);
        Assert.Equal(phone, p);
    }
}
