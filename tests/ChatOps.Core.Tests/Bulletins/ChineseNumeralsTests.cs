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
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void Format_OutOfRange_Throws(int n)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ChineseNumerals.Format(n));
        Assert.Equal("n", error.ParamName);
    }

    [Fact]
    public void Format_EveryNumberInRange_IsDistinctAndUsesOnlyNumeralCharacters()
    {
        var all = Enumerable.Range(ChineseNumerals.MinValue, ChineseNumerals.MaxValue).Select(ChineseNumerals.Format).ToList();

        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, text => Assert.Matches("^[零一二三四五六七八九十百]+$", text));
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
