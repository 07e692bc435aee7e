namespace ChatOps.Core.Bulletins;

/// <summary>
/// Paragraph style ids of the Word bulletin. Every paragraph carries one of them, so that staff can restyle a whole
/// kind of paragraph in Word at once and tests (or later tooling) can find headings and items without guessing from fonts.
/// </summary>
public static class BulletinDocxStyleIds
{
    /// <summary>Body text: 仿宋_GB2312, 三号 (16 pt), fixed 28 pt lines; also the document default.</summary>
    public const string Normal = "Normal";

    /// <summary>Masthead title (工作专报): 方正小标宋简体, large, bold, red, centered.</summary>
    public const string Title = "Title";

    /// <summary>Issue number under the title (第12期), centered.</summary>
    public const string IssueNumber = "BulletinIssueNumber";

    /// <summary>Office and date line above the red rule.</summary>
    public const string Masthead = "BulletinMasthead";

    /// <summary>Reporting period under the red rule, centered.</summary>
    public const string Period = "BulletinPeriod";

    /// <summary>The 主要内容： label.</summary>
    public const string SummaryLabel = "BulletinSummaryLabel";

    /// <summary>A ▲ line under 主要内容.</summary>
    public const string Headline = "BulletinHeadline";

    /// <summary>Section heading (一、行动要情 …): 黑体, three 号, outline level 1 so Word's navigation pane lists it.</summary>
    public const string Heading = "Heading1";

    /// <summary>Unnumbered body paragraph with a two-character first-line indent (行动要情, further item paragraphs, notes).</summary>
    public const string Body = "BulletinBody";

    /// <summary>First paragraph of a numbered item, starting with （一）（二）….</summary>
    public const string Item = "BulletinItem";

    /// <summary>Header cells of the statistics table.</summary>
    public const string TableHeader = "BulletinTableHeader";

    /// <summary>Body cells of the statistics table.</summary>
    public const string TableText = "BulletinTableText";

    /// <summary>Lines of the 分送 block.</summary>
    public const string Distribution = "BulletinDistribution";

    /// <summary>The 印发 line closing the document.</summary>
    public const string Imprint = "BulletinImprint";

    /// <summary>Page number in the footer (— 1 —).</summary>
    public const string PageNumber = "BulletinPageNumber";
}
