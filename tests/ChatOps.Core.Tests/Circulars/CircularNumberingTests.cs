using ChatOps.Core.Circulars;

namespace ChatOps.Core.Tests.Circulars;

public sealed class CircularNumberingTests
{
    private static readonly TimeZoneInfo Kunming = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly CircularKinds Kinds = new(CircularKinds.Defaults);

    [Theory]
    [InlineData("document", 11, "云爱卫专项办〔2026〕12号")]
    [InlineData("circular", 0, "云爱卫专项办通〔2026〕1号")]
    [InlineData("notice", 4, "云爱卫专项办发〔2026〕5号")]
    [InlineData("minutes", 2, "云爱卫专项办纪〔2026〕3号")]
    [InlineData("bulletin", 47, "2026年第48期")]
    public void Next_FollowsEachKindsOwnTemplateAndSequence(string kind, int last, string expected) =>
        Assert.Equal(expected, CircularNumbering.Next(Kinds.Get(kind), 2026, last));

    [Theory]
    [InlineData("2026-12-31T15:59:59Z", 2026)] // 23:59:59 on 31 December in Kunming
    [InlineData("2026-12-31T16:00:00Z", 2027)] // midnight in Kunming, still 31 December in UTC
    [InlineData("2027-01-01T03:00:00Z", 2027)]
    public void YearAt_IsTheOfficesLocalYear_SoTheSequenceTurnsAtKunmingMidnight(string instant, int year) =>
        Assert.Equal(year, CircularNumbering.YearAt(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Kunming));

    [Theory]
    [InlineData("云爱卫专项办〔2026〕15号", 2026, 15)]
    [InlineData("云爱卫专项办[2026]15号", 2026, 15)]
    [InlineData("云爱卫专项办【2026】15 号", 2026, 15)]
    [InlineData("云爱卫专项办〔２０２６〕０１５号", 2026, 15)]
    public void TryParse_ReadsYearAndSequence_WhateverBracketsAndDigitsWereTyped(string typed, int year, int sequence)
    {
        Assert.True(CircularNumbering.TryParse(Kinds.Get("document"), typed, out var y, out var n));
        Assert.Equal((year, sequence), (y, n));
    }

    [Theory]
    [InlineData("circular", "云爱卫专项办〔2026〕15号")] // a 文件 number is not a 通报 number
    [InlineData("document", "云爱卫专项办通〔2026〕15号")]
    [InlineData("document", "领导小组会议纪要第3次")]
    [InlineData("document", "云爱卫专项办〔2026〕0号")]
    public void TryParse_RefusesNumbersOfAnotherKindOrFreeForm(string kind, string number) =>
        Assert.False(CircularNumbering.TryParse(Kinds.Get(kind), number, out _, out _));

    [Fact]
    public void Normalize_GivesOneFormForTheUniquenessCheck() =>
        Assert.Equal("云爱卫专项办〔2026〕12号", CircularNumbering.Normalize(" 云爱卫专项办［2026］１２ 号 "));

    [Fact]
    public void Check_RefusesEmptyAndOverlongNumbers()
    {
        Assert.Equal("文号不能为空。", CircularNumbering.Check("  "));
        Assert.StartsWith("文号过长", CircularNumbering.Check(new string('号', 65)), StringComparison.Ordinal);
        Assert.Null(CircularNumbering.Check("云爱卫专项办〔2026〕12号"));
    }

    [Fact]
    public void Kinds_FoundByNameKeyAliasOrPosition()
    {
        Assert.Equal("circular", Kinds.Find("通报")!.Key);
        Assert.Equal("minutes", Kinds.Find("纪要")!.Key);
        Assert.Equal("bulletin", Kinds.Find("bulletin")!.Key);
        Assert.Equal("notice", Kinds.Find("2")!.Key);
        Assert.Null(Kinds.Find("简报"));
    }

    [Fact]
    public void Kinds_AreConfigurable_OverrideAddAndRemove()
    {
        var options = new CircularOptions
        {
            Kinds = new()
            {
                ["notice"] = new CircularKindOptions { SignOff = SignOffBy.OfficeHead },
                ["leading-group"] = new CircularKindOptions { Name = "领导小组文件", NumberTemplate = "云爱卫专项〔{year}〕{n}号", SignOff = SignOffBy.GroupLeader },
                ["bulletin"] = new CircularKindOptions { Disabled = true },
            },
        };

        var kinds = CircularKinds.From(options);

        Assert.Equal(SignOffBy.OfficeHead, kinds.Get("notice").SignOff);
        Assert.Equal("云爱卫专项〔2026〕1号", CircularNumbering.Next(kinds.Get("leading-group"), 2026, 0));
        Assert.Equal(SignOffBy.GroupLeader, kinds.Find("领导小组文件")!.SignOff);
        Assert.Null(kinds.Find("工作专报"));
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Kinds_ATemplateWithoutSequenceIsAConfigurationError()
    {
        var options = new CircularOptions { Kinds = new() { ["notice"] = new CircularKindOptions { NumberTemplate = "云爱卫专项办发〔{year}〕号" } } };

        Assert.Contains(options.Validate(), p => p.Contains("Circulars:Kinds:notice:NumberTemplate", StringComparison.Ordinal));
    }
}
