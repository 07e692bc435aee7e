using ChatOps.Core.Bulletins;

namespace ChatOps.Core.Tests.Bulletins;

public sealed class ChineseNumeralsTests
{
    [Theory]
    [InlineData(1, "一")]
    [InlineData(2, "二")]
    [InlineData(5, "五")]
    [InlineData(9, "九")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(15, "十五")]
    [InlineData(19, "十九")]
    [InlineData(20, "二十")]
    [InlineData(21, "二十一")]
    [InlineData(30, "三十")]
    [InlineData(45, "四十五")]
    [InlineData(90, "九十")]
    [InlineData(99, "九十九")]
    public void Format_OneToNinetyNine_WritesOfficialNumeral(int n, string expected)
    {
        Assert.Equal(expected, ChineseNumerals.Format(n));
    }

    [Theory]
    [InlineData(100, "一百")]
    [InlineData(101, "一百零一")]
    [InlineData(109, "一百零九")]
    [InlineData(110, "一百一十")]
    [InlineData(111, "一百一十一")]
    [InlineData(120, "一百二十")]
    [InlineData(200, "二百")]
    [InlineData(305, "三百零五")]
    [InlineData(999, "九百九十九")]
    public void Format_Hundreds_KeepsTheOneBeforeTenAndTheZeroForAGap(int n, string expected)
    {
        Assert.Equal(expected, ChineseNumerals.Format(n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Format_OutOfRange_Throws(int n)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ChineseNumerals.Format(n));
        Assert.Equal("n", error.ParamName);
    }

    [Theory]
    [InlineData(1000, "一千")]
    [InlineData(1001, "一千零一")]
    [InlineData(1010, "一千零一十")]
    [InlineData(1011, "一千零一十一")]
    [InlineData(1100, "一千一百")]
    [InlineData(1234, "一千二百三十四")]
    [InlineData(2005, "二千零五")]
    [InlineData(5000, "五千")]
    [InlineData(9999, "九千九百九十九")]
    [InlineData(10000, "一万")]
    [InlineData(10001, "一万零一")]
    [InlineData(10010, "一万零一十")]
    [InlineData(10500, "一万零五百")]
    [InlineData(11000, "一万一千")]
    [InlineData(100000, "十万")]
    [InlineData(110000, "十一万")]
    [InlineData(100010, "十万零一十")]
    [InlineData(1000000, "一百万")]
    [InlineData(1010000, "一百零一万")]
    [InlineData(100000000, "一亿")]
    [InlineData(100000001, "一亿零一")]
    [InlineData(200010000, "二亿零一万")]
    [InlineData(int.MaxValue, "二十一亿四千七百四十八万三千六百四十七")]
    public void Format_ThousandsAndBeyond_ReadsAsWrittenInOfficialDocuments(int n, string expected)
    {
        Assert.Equal(expected, ChineseNumerals.Format(n));
    }

    [Fact]
    public void Format_EveryNumberUpToTwentyThousand_IsDistinctAndUsesOnlyNumeralCharacters()
    {
        var all = Enumerable.Range(ChineseNumerals.MinValue, 20_000).Select(ChineseNumerals.Format).ToList();

        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, text => Assert.Matches("^[零一二三四五六七八九十百千万]+$", text));
        Assert.All(all, text => Assert.DoesNotContain("零零", text, StringComparison.Ordinal));
        Assert.All(all, text => Assert.False(text.EndsWith('零'), text));
    }

    [Theory]
    [InlineData(1, "（一）")]
    [InlineData(10, "（十）")]
    [InlineData(12, "（十二）")]
    [InlineData(21, "（二十一）")]
    public void FormatParenthesized_UsesFullWidthParentheses(int n, string expected)
    {
        Assert.Equal(expected, ChineseNumerals.FormatParenthesized(n));
    }

    [Theory]
    [InlineData(1, "一、")]
    [InlineData(4, "四、")]
    [InlineData(11, "十一、")]
    public void FormatEnumerated_UsesTheEnumerationComma(int n, string expected)
    {
        Assert.Equal(expected, ChineseNumerals.FormatEnumerated(n));
    }

    [Fact]
    public void FormatParenthesized_Zero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseNumerals.FormatParenthesized(0));
    }
}
