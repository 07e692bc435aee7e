namespace ChatOps.Core.Bulletins;

/// <summary>
/// One issue of the office's bulletin (工作专报) as the office compiles it from the member units' weekly reports.
/// It is a plain input model, independent of storage, so that the same bulletin can be rendered to Markdown for chat
/// and to Word for printing from whatever source assembled it (database, CLI, tests).
/// </summary>
public sealed record Bulletin
{
    /// <summary>The title used when none is given.</summary>
    public const string DefaultTitle = "工作专报";

    /// <summary>Issuing office, e.g. 云南省推进爱国卫生“7个专项行动”领导小组办公室.</summary>
    public required string OfficeName { get; init; }

    /// <summary>Masthead title, e.g. 工作专报.</summary>
    public string Title { get; init; } = DefaultTitle;

    /// <summary>Issue number as printed, e.g. 第12期; omitted when null or blank.</summary>
    public string? IssueNumber { get; init; }

    /// <summary>Date of the issue, printed as 2026年11月26日.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Reporting period as printed, e.g. 2026年第48周（11月20日至11月26日）; omitted when null or blank.</summary>
    public string? PeriodLabel { get; init; }

    /// <summary>
    /// The campaign the units report on, e.g. 爱国卫生“7个专项行动”, used only to word generated headlines.
    /// When null it is taken from an office name of the form “…推进X领导小组办公室”.
    /// </summary>
    public string? Topic { get; init; }

    /// <summary>The ▲ lines under 主要内容; when empty they are generated from the sections.</summary>
    public IReadOnlyList<string> Headlines { get; init; } = [];

    /// <summary>Paragraphs of 一、行动要情, written by the office.</summary>
    public IReadOnlyList<string> KeyEvents { get; init; } = [];

    /// <summary>Items of 二、省直部门推进情况, numbered （一）（二）… in this order.</summary>
    public IReadOnlyList<BulletinItem> ProvincialItems { get; init; } = [];

    /// <summary>Items of 三、州市县区推进情况, numbered （一）（二）… in this order.</summary>
    public IReadOnlyList<BulletinItem> LocalItems { get; init; } = [];

    /// <summary>Who reported on time, late or not at all (四、报送情况).</summary>
    public BulletinStatistics Statistics { get; init; } = BulletinStatistics.Empty;

    /// <summary>
    /// Lines of the 分送 block, e.g. 省委常委，省人民政府领导。; the first line is prefixed with 分送： unless it already is.
    /// </summary>
    public IReadOnlyList<string> DistributionList { get; init; } = [];

    /// <summary>Heading of section 二 without its number (二、); null: 省直部门推进情况.</summary>
    public string? ProvincialHeading { get; init; }

    /// <summary>Heading of section 三 without its number (三、); null: 州市县区推进情况.</summary>
    public string? LocalHeading { get; init; }

    /// <summary>Whether the submission table (四、报送情况) is printed; the seed bulletin leaves it out.</summary>
    public bool IncludeStatistics { get; init; } = true;

    /// <summary>
    /// Who signed the issue off (签发人, the office head): printed on the 期号 line, 期号 on the left and 签发人 on the
    /// right (GB/T 9704 7.2.4); omitted when null.
    /// </summary>
    public string? Signer { get; init; }

    /// <summary>
    /// The imprint line, e.g. 云南省…领导小组办公室 2026年11月26日印发; when null it is made from
    /// <see cref="OfficeName"/> and <see cref="Date"/>.
    /// </summary>
    public string? PrintedBy { get; init; }
}

/// <summary>
/// One numbered item of a bulletin section: what one unit reported. The unit is carried separately from the text so
/// that the renderers can make sure every item names its unit, however the text was written.
/// </summary>
/// <param name="UnitName">Reporting unit, e.g. 省住房城乡建设厅 or 昆明市.</param>
/// <param name="Text">First paragraph of the item; line breaks start further paragraphs.</param>
public sealed record BulletinItem(string UnitName, string Text)
{
    /// <summary>Further paragraphs of the same item, printed unnumbered after the first.</summary>
    public IReadOnlyList<string> ExtraParagraphs { get; init; } = [];
}

/// <summary>
/// Submission statistics of the period (on time, late, missing), printed as the table of 四、报送情况 so that the
/// office's reminders and the leaders' reading of the bulletin rest on the same record.
/// </summary>
public sealed record BulletinStatistics
{
    /// <summary>No units expected: the statistics section then says （本期无）.</summary>
    public static BulletinStatistics Empty { get; } = new();

    /// <summary>Units that reported before the deadline (按时报送).</summary>
    public IReadOnlyList<string> OnTime { get; init; } = [];

    /// <summary>Units that reported after the deadline (迟报).</summary>
    public IReadOnlyList<string> Late { get; init; } = [];

    /// <summary>Units that did not report (未报送).</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>Units whose report waits for their reviewing leader (待审核): submitted, not yet counted, not 未报送.</summary>
    public IReadOnlyList<string> PendingReview { get; init; } = [];

    /// <summary>Units whose report the reviewer returned (已退回).</summary>
    public IReadOnlyList<string> Returned { get; init; } = [];

    /// <summary>Units exempt for the period (免报).</summary>
    public IReadOnlyList<string> Exempt { get; init; } = [];

    /// <summary>Units expected to report: the sum of the lists.</summary>
    public int Total => (OnTime?.Count ?? 0) + (Late?.Count ?? 0) + (Missing?.Count ?? 0) +
        (PendingReview?.Count ?? 0) + (Returned?.Count ?? 0) + (Exempt?.Count ?? 0);
}
