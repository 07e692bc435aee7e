using System.Text;

namespace ChatOps.Core.Bulletins;

/// <summary>
/// Chinese numerals as official documents number their parts (一、二、… and （一）（二）…). Written out by hand because
/// .NET has no formatter for them and the rules for tens (十, 十一, 二十, 一百一十) are easy to get wrong.
/// </summary>
public static class ChineseNumerals
{
    /// <summary>Smallest number that can be formatted.</summary>
    public const int MinValue = 1;

    /// <summary>
    /// Largest number that can be formatted. Section numbering needs 1..99; the hundreds are supported too so that a
    /// section listing every county of a province (more than 99 items) still renders.
    /// </summary>
    public const int MaxValue = 999;

    private static readonly string[] Digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>Formats <paramref name="n"/> as a Chinese numeral: 1→一, 10→十, 11→十一, 20→二十, 21→二十一, 110→一百一十, 101→一百零一.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="n"/> is below 1 or above <see cref="MaxValue"/>.</exception>
    public static string Format(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, MinValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxValue);

        var hundreds = n / 100;
        var tens = n / 10 % 10;
        var ones = n % 10;
        var result = new StringBuilder(6);
        if (hundreds > 0)
        {
            result.Append(Digits[hundreds]).Append('百');
        }

        if (tens > 0)
        {
            // 十 alone stands for 一十 at the start (十一), but not after the hundreds (一百一十).
            if (tens > 1 || hundreds > 0)
            {
                result.Append(Digits[tens]);
            }

            result.Append('十');
        }
        else if (hundreds > 0 && ones > 0)
        {
            result.Append('零');
        }

        if (ones > 0)
        {
            result.Append(Digits[ones]);
        }

        return result.ToString();
    }

    /// <summary>The item marker with full-width parentheses: 1→（一）, 12→（十二）.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="n"/> is out of range, as for <see cref="Format"/>.</exception>
    public static string FormatParenthesized(int n) => $"（{Format(n)}）";

    /// <summary>The section marker with the enumeration comma: 1→一、, 4→四、.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="n"/> is out of range, as for <see cref="Format"/>.</exception>
    public static string FormatEnumerated(int n) => $"{Format(n)}、";
}
