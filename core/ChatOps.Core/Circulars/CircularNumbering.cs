using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ChatOps.Core.Circulars;

/// <summary>
/// Document numbers (文号): one sequence per kind per year in the office's time zone, so the first document issued
/// after midnight on 1 January in Kunming is 〔new year〕1号 even though it is still 31 December in UTC. Numbers are
/// editable; an edited number that follows the kind's template moves the sequence on, a free-form one does not.
/// People type brackets as [ ], 【】 or ［］ and digits in full width: numbers are normalized before they are compared.
/// </summary>
public static class CircularNumbering
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>The year a number is taken in: the office's local year at <paramref name="now"/>.</summary>
    public static int YearAt(DateTimeOffset now, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(now, zone).Year;

    /// <summary>The number following <paramref name="lastSequence"/> (0 when none was issued that year).</summary>
    public static string Next(CircularKind kind, int year, int lastSequence)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.FormatNumber(year, lastSequence + 1);
    }

    /// <summary>
    /// The canonical form: full-width letters and digits made half-width, spaces removed, square and lenticular brackets
    /// replaced by the 六角括号 〔〕 of official numbers.
    /// </summary>
    public static string Normalize(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var text = number.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '[' or '【' or '〖':
                    sb.Append('〔');
                    break;
                case ']' or '】' or '〗':
                    sb.Append('〕');
                    break;
                default:
                    if (!char.IsWhiteSpace(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Reads the year and sequence out of a number that follows the kind's template.</summary>
    public static bool TryParse(CircularKind kind, string number, out int year, out int sequence)
    {
        ArgumentNullException.ThrowIfNull(kind);
        year = 0;
        sequence = 0;
        var match = Pattern(kind.NumberTemplate).Match(Normalize(number));
        if (!match.Success)
        {
            return false;
        }

        sequence = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : 0;
        return sequence > 0;
    }

    /// <summary>Checks an edited number; returns the problem in Chinese, or null.</summary>
    public static string? Check(string number)
    {
        var n = Normalize(number ?? "");
        if (n.Length == 0)
        {
            return CircularText.NumberEmpty;
        }

        return n.Length > 64 ? CircularText.NumberTooLong(n.Length) : null;
    }

    private static Regex Pattern(string template) => Patterns.GetOrAdd(template, Build);

    private static Regex Build(string template)
    {
        var normalized = Normalize(template);
        var sb = new StringBuilder("^");
        var at = 0;
        while (at < normalized.Length)
        {
            if (string.CompareOrdinal(normalized, at, "{year}", 0, 6) == 0)
            {
                sb.Append(@"(?<year>\d{4})");
                at += 6;
            }
            else if (string.CompareOrdinal(normalized, at, "{n}", 0, 3) == 0)
            {
                sb.Append(@"0*(?<n>\d{1,6})");
                at += 3;
            }
            else
            {
                sb.Append(Regex.Escape(normalized[at].ToString()));
                at++;
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
