using System.Text.RegularExpressions;
using ChatOps.Core.Calendar;

namespace ChatOps.Core.Bulletins;

/// <summary>
/// The bulletin with every wording decision taken: section headings and their numbers, item markers, unit names,
/// generated headlines, （本期无） notes, statistics rows and footer lines. Both renderers draw this one layout, so the
/// Markdown sent to chat and the Word file printed by the office always say the same thing.
/// </summary>
internal sealed record BulletinLayout(
    string Title,
    string? IssueNumber,
    string OfficeName,
    string DateText,
    string? PeriodLabel,
    IReadOnlyList<string> Headlines,
    IReadOnlyList<BulletinLayoutSection> Sections,
    BulletinLayoutStatistics? Statistics,
    IReadOnlyList<string> Distribution,
    string Imprint)
{
    /// <summary>签发人 as printed on the 期号 line (签发人：蔡霞), or null.</summary>
    public string? SignerText { get; init; }

    public const string SignerLabel = "签发人：";

    public const string SummaryLabel = "主要内容：";
    public const string HeadlineMarker = "▲";
    public const string EmptyNote = "（本期无）";
    public const string KeyEventsHeading = "行动要情";
    public const string ProvincialHeading = "省直部门推进情况";
    public const string LocalHeading = "州市县区推进情况";
    public const string StatisticsHeading = "报送情况";
    public const string CategoryColumn = "类别";
    public const string CountColumn = "数量";
    public const string UnitsColumn = "单位";
    public const string OnTimeCategory = "按时报送";
    public const string LateCategory = "迟报";
    public const string MissingCategory = "未报送";

    /// <summary>The statistics row of reports waiting for review (shown only when there are any).</summary>
    public const string PendingCategory = "待审核";

    /// <summary>The statistics row of returned reports (shown only when there are any).</summary>
    public const string ReturnedCategory = "已退回";

    /// <summary>The statistics row of exempt units (shown only when there are any).</summary>
    public const string ExemptCategory = "免报";
    public const string TotalCategory = "合计";
    public const string NoUnits = "无";
    public const string NotApplicable = "—";
    public const string DistributionPrefix = "分送：";
    public const string ImprintSuffix = "印发";

    /// <summary>Longest first sentence of 行动要情 that is used as its headline as it stands.</summary>
    private const int MaxHeadlineLength = 40;

    /// <summary>Shortest first clause of a long 行动要情 sentence that still reads as a headline.</summary>
    private const int MinClauseHeadlineLength = 8;

    private static readonly Regex TopicInOfficeName = new(
        "推进(?<topic>.+?)(工作)?领导小组办公室$", RegexOptions.CultureInvariant);

    // A leading time phrase such as 7月16日, 7月18至20日, 7月14日至15日 or 2026年11月20日.
    private static readonly Regex DatePhrase = new(
        @"^(\d{4}年)?(\d{1,2}月)?\d{1,2}[日号]?((至|到|—|-|～|~)(\d{1,2}月)?\d{1,2}[日号]?)?$", RegexOptions.CultureInvariant);

    private static readonly Regex LeadingClause = new(@"^(?<clause>[^，,。；;：:]{1,16})[，,]\s*", RegexOptions.CultureInvariant);

    private static readonly Regex LeadingItemMarker = new(
        @"^\s*[（(][一二三四五六七八九十百零〇0-9]{1,4}[）)]\s*", RegexOptions.CultureInvariant);

    private static readonly Regex LineBreaks = new(@"\r\n|\r|\n", RegexOptions.CultureInvariant);

    private static readonly string[] PurposeOpenings = ["为", "根据", "按照", "依据", "围绕", "结合", "针对", "对照", "在"];

    private static readonly HashSet<string> TimeWords =
    [
        "近期", "近日", "日前", "目前", "近来", "本周", "上周", "本月", "上月", "同日", "当日", "当天", "此前", "年初", "年内",
    ];

    /// <summary>Takes every wording decision for <paramref name="bulletin"/>.</summary>
    /// <exception cref="ArgumentException">When the office name is blank.</exception>
    public static BulletinLayout From(Bulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var officeName = Clean(bulletin.OfficeName);
        if (officeName.Length == 0)
        {
            throw new ArgumentException("A bulletin needs the name of the issuing office.", nameof(bulletin));
        }

        var title = Clean(bulletin.Title);
        var dateText = ChineseDates.YearMonthDay(bulletin.Date);
        var topic = NullIfEmpty(Clean(bulletin.Topic)) ?? TopicFrom(officeName);
        var keyEvents = (bulletin.KeyEvents ?? []).SelectMany(Paragraphs).ToList();

        var sections = new List<BulletinLayoutSection>
        {
            new(Heading(1, KeyEventsHeading), keyEvents.Select(text => new BulletinLayoutParagraph(null, text)).ToList()),
            new(Heading(2, NullIfEmpty(Clean(bulletin.ProvincialHeading)) ?? ProvincialHeading), Items(bulletin.ProvincialItems)),
            new(Heading(3, NullIfEmpty(Clean(bulletin.LocalHeading)) ?? LocalHeading), Items(bulletin.LocalItems)),
        };

        var statistics = bulletin.IncludeStatistics
            ? StatisticsSection(Heading(sections.Count + 1, StatisticsHeading), bulletin.Statistics ?? BulletinStatistics.Empty)
            : null;

        var headlines = (bulletin.Headlines ?? [])
            .Select(line => Clean(line).TrimStart('▲', ' ', '\u3000').Trim())
            .Where(line => line.Length > 0)
            .ToList();
        if (headlines.Count == 0)
        {
            headlines = GeneratedHeadlines(keyEvents, sections[1].Paragraphs.Count > 0, sections[2].Paragraphs.Count > 0, topic);
        }

        var distribution = (bulletin.DistributionList ?? []).SelectMany(Paragraphs).ToList();
        if (distribution.Count > 0 && !distribution[0].StartsWith("分送", StringComparison.Ordinal))
        {
            distribution[0] = DistributionPrefix + distribution[0];
        }

        var imprint = NullIfEmpty(Clean(bulletin.PrintedBy)) ?? $"{officeName} {dateText}{ImprintSuffix}";

        return new BulletinLayout(
            title.Length > 0 ? title : Bulletin.DefaultTitle,
            NullIfEmpty(Clean(bulletin.IssueNumber)),
            officeName,
            dateText,
            NullIfEmpty(Clean(bulletin.PeriodLabel)),
            headlines,
            sections,
            statistics,
            distribution,
            imprint)
        {
            SignerText = NullIfEmpty(Clean(bulletin.Signer)) is { } signer ? SignerLabel + signer : null,
        };
    }

    /// <summary>
    /// The first paragraph of an item so that it names its unit. Text that already names the unit at its start, or
    /// right after a leading time phrase as the seed bulletin writes it (7月16日，省住房城乡建设厅召开…), is kept as
    /// written; anything else is prefixed with the unit and a full-width colon (省水利厅：制定印发…).
    /// </summary>
    public static string NameUnit(string unitName, string text)
    {
        if (unitName.Length == 0 || text.StartsWith(unitName, StringComparison.Ordinal))
        {
            return text;
        }

        var clause = LeadingClause.Match(text);
        if (clause.Success
            && IsTimePhrase(clause.Groups["clause"].Value.Trim())
            && text.AsSpan(clause.Length).StartsWith(unitName, StringComparison.Ordinal))
        {
            return text;
        }

        return $"{unitName}：{text}";
    }

    private static string Heading(int number, string name) => ChineseNumerals.FormatEnumerated(number) + name;

    private static List<BulletinLayoutParagraph> Items(IReadOnlyList<BulletinItem>? items)
    {
        var paragraphs = new List<BulletinLayoutParagraph>();
        var number = 0;
        foreach (var item in items ?? [])
        {
            if (item is null)
            {
                continue;
            }

            var unitName = Clean(item.UnitName);
            var texts = Paragraphs(item.Text).Concat((item.ExtraParagraphs ?? []).SelectMany(Paragraphs)).ToList();
            if (texts.Count == 0)
            {
                // Nothing was said: an item that is only a unit name would read as an error in a printed bulletin.
                continue;
            }

            number++;
            var first = LeadingItemMarker.Replace(texts[0], string.Empty, 1);
            paragraphs.Add(new BulletinLayoutParagraph(ChineseNumerals.FormatParenthesized(number), NameUnit(unitName, first)));
            paragraphs.AddRange(texts.Skip(1).Select(text => new BulletinLayoutParagraph(null, text)));
        }

        return paragraphs;
    }

    private static BulletinLayoutStatistics StatisticsSection(string heading, BulletinStatistics statistics)
    {
        var onTime = Units(statistics.OnTime);
        var late = Units(statistics.Late);
        var missing = Units(statistics.Missing);
        var others = new[] { (PendingCategory, Units(statistics.PendingReview)), (ReturnedCategory, Units(statistics.Returned)), (ExemptCategory, Units(statistics.Exempt)) }
            .Where(o => o.Item2.Count > 0).ToList();
        var total = onTime.Count + late.Count + missing.Count + others.Sum(o => o.Item2.Count);
        if (total == 0)
        {
            return new BulletinLayoutStatistics(heading, null, []);
        }

        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"本期应报送单位{total}个，按时报送{onTime.Count}个，迟报{late.Count}个，{string.Concat(others.Select(o => $"{o.Item1}{o.Item2.Count}个，"))}未报送{missing.Count}个。");
        return new BulletinLayoutStatistics(
            heading,
            summary,
            [
                new(OnTimeCategory, onTime.Count, JoinUnits(onTime)),
                new(LateCategory, late.Count, JoinUnits(late)),
                .. others.Select(o => new BulletinLayoutStatisticsRow(o.Item1, o.Item2.Count, JoinUnits(o.Item2))),
                new(MissingCategory, missing.Count, JoinUnits(missing)),
                new(TotalCategory, total, NotApplicable),
            ]);
    }

    private static List<string> Units(IReadOnlyList<string>? units) =>
        (units ?? []).Select(Clean).Where(unit => unit.Length > 0).ToList();

    private static string JoinUnits(List<string> units) => units.Count == 0 ? NoUnits : string.Join("、", units);

    private static List<string> GeneratedHeadlines(List<string> keyEvents, bool hasProvincial, bool hasLocal, string? topic)
    {
        var headlines = new List<string>();
        if (keyEvents.Count > 0)
        {
            headlines.Add(KeyEventHeadline(keyEvents[0]) ?? (topic is null ? "本期重要工作动态" : $"{topic}重要工作动态"));
        }

        if (hasProvincial)
        {
            headlines.Add(topic is null ? "省直部门稳步推进各项工作" : $"省直部门稳步推进{topic}");
        }

        if (hasLocal)
        {
            headlines.Add(topic is null ? "州市县区工作推进情况" : $"州市县区推进{topic}情况");
        }

        return headlines;
    }

    /// <summary>The first sentence of 行动要情 without its leading date, when it is short enough to serve as a headline.</summary>
    private static string? KeyEventHeadline(string paragraph)
    {
        var end = paragraph.IndexOfAny(['。', '！', '？', '；']);
        var sentence = end < 0 ? paragraph : paragraph[..end];
        var clause = LeadingClause.Match(sentence);
        if (clause.Success && IsTimePhrase(clause.Groups["clause"].Value.Trim()))
        {
            sentence = sentence[clause.Length..];
        }

        sentence = sentence.Trim().TrimEnd('，', ',', '：', ':');
        if (sentence.Length is > 0 and <= MaxHeadlineLength)
        {
            return sentence;
        }

        // A long sentence: its first clause names who did what (省政府副秘书长主持召开会议), unless it only states
        // the purpose or basis (为…, 根据…), which says nothing on its own.
        var comma = sentence.IndexOfAny(['，', ',']);
        var first = comma < 0 ? string.Empty : sentence[..comma].Trim();
        return first.Length is >= MinClauseHeadlineLength and <= MaxHeadlineLength && !PurposeOpenings.Any(opening => first.StartsWith(opening, StringComparison.Ordinal))
            ? first
            : null;
    }

    private static bool IsTimePhrase(string clause) => TimeWords.Contains(clause) || DatePhrase.IsMatch(clause);

    private static string? TopicFrom(string officeName)
    {
        var match = TopicInOfficeName.Match(officeName);
        return match.Success ? match.Groups["topic"].Value : null;
    }

    /// <summary>Splits text into trimmed, non-empty paragraphs at its line breaks.</summary>
    private static IEnumerable<string> Paragraphs(string? text) =>
        LineBreaks.Split(Clean(text)).Select(line => line.Trim()).Where(line => line.Length > 0);

    /// <summary>
    /// Trims the text and drops what cannot appear in a document: control characters other than line breaks (a tab
    /// becomes a space) and unpaired surrogates, which XML rejects.
    /// </summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                continue;
            }
            else if (c == '\t')
            {
                result.Append(' ');
            }
            else if (!char.IsControl(c) || c is '\n' or '\r')
            {
                result.Append(c);
            }
        }

        return result.ToString().Trim();
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}

/// <summary>A numbered section (一、行动要情 …); no paragraphs means the renderers print （本期无）.</summary>
internal sealed record BulletinLayoutSection(string Heading, IReadOnlyList<BulletinLayoutParagraph> Paragraphs);

/// <summary>A paragraph of a section; <paramref name="Marker"/> is （一） on the first paragraph of an item, else null.</summary>
internal sealed record BulletinLayoutParagraph(string? Marker, string Text)
{
    public string FullText => Marker + Text;
}

/// <summary>The statistics section; no rows means no unit was expected and the renderers print （本期无）.</summary>
internal sealed record BulletinLayoutStatistics(string Heading, string? Summary, IReadOnlyList<BulletinLayoutStatisticsRow> Rows);

/// <summary>One row of the statistics table.</summary>
internal sealed record BulletinLayoutStatisticsRow(string Category, int Count, string Units);
