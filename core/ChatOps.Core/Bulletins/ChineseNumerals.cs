namespace ChatOps.Core.Bulletins;

/// <summary>
/// Chinese numerals as official documents number their parts (一、二、… and （一）（二）…). Written out by hand because
/// .NET has no formatter for them and the rules are easy to get wrong: 十 stands alone only at the very start (十一,
/// 十万, but 一百一十); a gap inside or between the four-digit groups (万, 亿) is read as one 零 (一千零一, 一万零一十,
/// 一亿零一); trailing zeros are silent (五千, 二十万).
/// </summary>
public static class ChineseNumerals
{
    /// <summary>Smallest number that can be formatted.</summary>
    public const int MinValue = 1;

    /// <summary>
    /// Largest number that can be formatted: any positive <see cref="int"/>. A province-wide bulletin numbers thousands
    /// of items, so there is no practical cap below that.
    /// </summary>
    public const int MaxValue = int.MaxValue;

    private static readonly string[] Digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    private static readonly char[] PlaceNames = ['千', '百', '十'];

    /// <summary>
    /// Formats <paramref name="n"/> as a Chinese numeral: 1→一, 10→十, 11→十一, 110→一百一十, 101→一百零一, 1001→一千零一,
    /// 5000→五千, 10010→一万零一十, 100000→十万.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="n"/> is below 1.</exception>
    public static string Format(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, MinValue);

        // Groups of four digits, most significant first: 亿, 万, and the units.
        Span<int> groups = [n / 100_000_000, n / 10_000 % 10_000, n % 10_000];
        ReadOnlySpan<string> groupNames = ["亿", "万", ""];
        var result = new StringBuilder(16);
        var gap = false;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (group == 0)
            {
                gap |= result.Length > 0;
                continue;
            }

            // A group after a higher one reads 零 when it starts with a zero (一万零五百) or a whole group was empty.
            if (result.Length > 0 && (gap || group < 1000))
            {
                result.Append('零');
            }

            AppendGroup(result, group, leading: result.Length == 0);
            result.Append(groupNames[i]);
            gap = false;
        }

        return result.ToString();
    }

    /// <summary>The item marker with full-width parentheses: 1→（一）, 12→（十二）.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="n"/> is out of range, as for <see cref="Format"/>.</exception>
    public static string FormatParenthesized(int n) => $"（{Format(n)}）";

    /// <summary>The section marker with the enumeration comma: 1→一、, 4→四、.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="n"/> is out of range, as for <see cref="Format"/>.</exception>
    public static string FormatEnumerated(int n) => $"{Format(n)}、";

    /// <summary>Appends 1..9999 without its leading zeros; <paramref name="leading"/> lets 十 stand alone (十一).</summary>
    private static void AppendGroup(StringBuilder result, int group, bool leading)
    {
        Span<int> places = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
        var written = false;
        var zero = false;
        for (var p = 0; p < places.Length; p++)
        {
            var digit = places[p];
            if (digit == 0)
            {
                zero |= written;
                continue;
            }

            if (zero)
            {
                result.Append('零');
                zero = false;
            }

            var isTens = p == 2;
            if (!(isTens && digit == 1 && leading && !written))
            {
                result.Append(Digits[digit]);
            }

            if (p < PlaceNames.Length)
            {
                result.Append(PlaceNames[p]);
            }

            written = true;
        }
    }
}
