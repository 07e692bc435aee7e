using System.Text.RegularExpressions;

namespace ChatOps.Core.Meetings;

/// <summary>A new meeting as office staff enter it (API JSON, CLI options): text fields, validated by <see cref="MeetingService"/>.</summary>
/// <param name="Kind">领导小组会议, 办公室会议, 专题会议 or 周例会 (or the English names).</param>
/// <param name="Host">The host's person id or unique name.</param>
/// <param name="Start">Office-local time, <c>2026-12-01 09:00</c> (an explicit offset is honoured).</param>
/// <param name="Attendees">Specs: <c>person:ID</c>, <c>role:联络员</c>, <c>unit:CODE</c>, <c>unit:CODE=PERSON</c>.</param>
/// <param name="Recurrence"><c>weekly:TUE</c> or <c>monthly:15</c>; null for a one-off meeting.</param>
/// <param name="AllowDuplicate">True when the person was told of a meeting with the same title and start and wants another.</param>
public sealed record MeetingDraft(
    string? Kind,
    string? Title,
    string? Host,
    string? Start,
    string? End,
    string? Place,
    string? Link,
    string? Agenda,
    IReadOnlyList<string>? Attendees,
    string? Recurrence = null,
    bool AllowDuplicate = false);

/// <summary>An agreed item as office staff enter it from the minutes.</summary>
/// <param name="Owner">The owner unit's code or name.</param>
/// <param name="Due">The due date, <c>2026-12-15</c>.</param>
public sealed record AgreedItemDraft(string? Text, string? Owner, string? Due);

/// <summary>Parsing of what office staff and attendees type: times, dates, phone numbers.</summary>
public static partial class MeetingInput
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
        "yyyy/M/d H:mm", "yyyy/M/d HH:mm", "yyyy-M-d H:mm",
    ];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy年M月d日"];

    /// <summary>
    /// A time as typed: office-local <c>2026-12-01 09:00</c> (also <c>T</c>, seconds, <c>2026/12/1 9:00</c>), or an
    /// ISO 8601 instant with an offset.
    /// </summary>
    public static bool TryParseTime(string? text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        var t = (text ?? "").Trim();
        if (t.Length == 0)
        {
            return false;
        }

        if (DateTime.TryParseExact(t, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            instant = new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
            return true;
        }

        if (HasOffset().IsMatch(t) && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            instant = withOffset.ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>A date as typed: <c>2026-12-15</c>, <c>2026/12/15</c>, <c>2026年12月15日</c>.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? "").Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// A phone number as people write it, normalized (spaces and brackets removed): a mainland mobile number
    /// (1[3-9] and 9 digits) or a fixed line with its area code (0871-12345678, 087112345678, (0871)1234567, with an
    /// optional extension -123). Null when it is neither.
    /// </summary>
    public static string? NormalizePhone(string text)
    {
        var t = text.Normalize(NormalizationForm.FormKC).Trim();
        if (t.StartsWith("+86", StringComparison.Ordinal))
        {
            t = t[3..];
        }

        t = t.Replace(" ", "", StringComparison.Ordinal).Replace("（", "(", StringComparison.Ordinal).Replace("）", ")", StringComparison.Ordinal);
        if (Mobile().IsMatch(t))
        {
            return t;
        }

        var bracketed = BracketedAreaCode().Match(t);
        if (bracketed.Success)
        {
            t = $"{bracketed.Groups[1].Value}-{bracketed.Groups[2].Value}";
        }

        var fixedLine = FixedLine().Match(t);
        return fixedLine.Success ? t : null;
    }

    /// <summary>
    /// Splits “张伟 13800000000” (any order, spaces or commas) into a name and the phone part; the phone part is the
    /// run of digits, dashes and brackets, null when there is none.
    /// </summary>
    public static (string Name, string? Phone) SplitNameAndPhone(string text)
    {
        var t = text.Normalize(NormalizationForm.FormKC).Trim();
        var match = PhonePart().Match(t);
        if (!match.Success)
        {
            return (t.Trim(' ', ',', '，', '、', ':', '：'), null);
        }

        var name = (t[..match.Index] + " " + t[(match.Index + match.Length)..])
            .Replace("电话", "", StringComparison.Ordinal).Replace("手机", "", StringComparison.Ordinal)
            .Trim(' ', ',', '，', '、', ':', '：', ';', '；');
        return (name, match.Value.Trim());
    }

    /// <summary>
    /// A meeting's time as typed in chat: “2026-12-01 09:00-10:30” (or 至, 到, ~; 2026年12月1日; full-width colon) gives a start and
    /// an end on the same day; “2026-12-01 09:00” a start only. False when it is neither.
    /// </summary>
    public static bool TrySplitTimeRange(string? text, out string start, out string? end)
    {
        start = "";
        end = null;
        var t = (text ?? "").Normalize(NormalizationForm.FormKC).Trim();
        var match = TimeRange().Match(t);
        if (!match.Success)
        {
            return false;
        }

        var date = match.Groups["d"].Value.Replace('年', '-').Replace('月', '-').Replace("日", "", StringComparison.Ordinal).Replace('/', '-');
        start = $"{date} {match.Groups["s"].Value}";
        end = match.Groups["e"].Success ? $"{date} {match.Groups["e"].Value}" : null;
        return true;
    }

    /// <summary>
    /// Attendees as typed in chat (“省发展改革委、省卫生健康委、王建华” or “全体联络员”) as specs for the use case: a role name
    /// → <c>role:</c>, a unit's name or code → <c>unit:</c>, anything else → <c>person:</c> (the use case reports what it
    /// cannot find); a written spec (<c>unit:wjw</c>) is kept.
    /// </summary>
    public static List<string> AttendeeSpecs(string text, Organization.DirectorySnapshot directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var specs = new List<string>();
        foreach (var token in (text ?? "").Normalize(NormalizationForm.FormKC).Split(['、', ',', '，', ';', '；', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var word = token.StartsWith("全体", StringComparison.Ordinal) ? token[2..] : token;
            specs.Add(token.Contains(':', StringComparison.Ordinal) ? token
                : Organization.Vocabulary.TryParseRole(word, out _) ? $"role:{word}"
                : directory.Units.Any(u => u.Code == word || u.Name == word) ? $"unit:{word}"
                : $"person:{word}");
        }

        return specs;
    }

    [GeneratedRegex(@"^(?<d>\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?)\s*(?<s>\d{1,2}:\d{2})(?:\s*(?:-|—|–|~|至|到)\s*(?<e>\d{1,2}:\d{2}))?$")]
    private static partial Regex TimeRange();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex HasOffset();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")]
    private static partial Regex FixedLine();

    [GeneratedRegex(@"^\((0\d{2,3})\)-?(\d{7,8}(?:-\d{1,6})?)$")]
    private static partial Regex BracketedAreaCode();

    [GeneratedRegex(@"\+?[\d(][\d\-() ]*\d")]
    private static partial Regex PhonePart();
}
