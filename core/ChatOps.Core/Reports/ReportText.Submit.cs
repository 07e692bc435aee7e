namespace ChatOps.Core.Reports;

/// <summary>What the report use cases answer when a report is opened, submitted, discarded or exempted.</summary>
public static partial class ReportText
{
    /// <summary>取消 when the report is gone, or 取消 with nothing to cancel.</summary>
    public const string Cancelled = "已取消。";

    /// <summary>A never-submitted draft dropped.</summary>
    public const string DraftDiscarded = "已取消，本次填写的内容未保存。需要时可随时回复“填报”重新开始。";

    /// <summary>A revision of a submitted report dropped.</summary>
    public const string RevisionDiscarded = "已取消修改，已报送的报告保持不变。";

    /// <summary>Changes to a returned report dropped.</summary>
    public const string ReturnedKept = "已取消，报告保持退回时的内容。需要时回复“填报”继续修改。";

    /// <summary>免催 by someone who is not office staff.</summary>
    public const string ExemptOfficeOnly = "只有领导小组办公室可以登记免催。";

    /// <summary>The confirmation's tail before the deadline.</summary>
    public const string ReviseBeforeDeadline = "截止前如需修改，回复“填报”即可。";

    /// <summary>"XX同志：", the opening of every notice to one person.</summary>
    public static string Address(string name) => $"{name}同志：\n";

    /// <summary>Someone else of the unit is filling in the period's report.</summary>
    public static string BeingFilled(string title, string author) =>
        $"{title}正由{author}填写中。每个单位每期只报送一份，请勿重复填报（不得多头报送）。";

    /// <summary>Opened while it waits for review.</summary>
    public static string AwaitingReview(string title, string by, string when) => $"{title}已由{by}于{when}提交，正在等待分管领导审核。";

    /// <summary>Opened after the deadline, already submitted.</summary>
    public static string SubmittedLocked(string title, string by, string when) =>
        $"{title}已由{by}于{when}报送。截止时间已过，不能再修改；如需更正，请联系领导小组办公室。";

    /// <summary>Opened before the deadline, already submitted: asks whether to revise.</summary>
    public static string SubmittedRevisable(string title, string by, string when) =>
        $"{title}已由{by}于{when}报送。截止前可以修改，修改后重新提交即可（原版本会保留）。是否修改？";

    /// <summary>Opened after a reviewer sent it back.</summary>
    public static string ReturnedDraft(string title, string comment) => $"{title}已被退回，退回意见：{comment}\n请修改后重新提交。";

    /// <summary>Resuming one's own draft.</summary>
    public static string Resume(string title) => $"继续填写{title}。";

    /// <summary>Submitted again while it waits for review.</summary>
    public static string AlreadyPending(string title) => $"{title}正在等待审核，不能重复提交。";

    /// <summary>A required field left empty.</summary>
    public static string Missing(string label) => $"“{label}”尚未填写，请先填写。";

    /// <summary>Who reviews a submission (the office on the unit's behalf, or the named leaders).</summary>
    public static string Reviewers(bool onBehalf, IEnumerable<string> leaders) => onBehalf
        ? "领导小组办公室（本单位分管领导即为填报人，不能审核本人报送的报告）"
        : "分管领导" + string.Join("、", leaders);

    /// <summary>Submitted into review.</summary>
    public static string SubmittedForReview(string reviewers, string actor, string when, string submittedAt) =>
        $"已提交，等待{reviewers}审核（由{actor}于{when}提交）。审核通过后即视为报送完成，报送时间以您提交的时间（{submittedAt}）为准。";

    /// <summary>A submitted report revised.</summary>
    public static string Revised(string title, string actor, string when, int revision) =>
        $"修改已提交。{title}已由{actor}于{when}更新（第{revision}版），原版本已保留。";

    /// <summary>报送成功。</summary>
    public static string Submitted(string title, string actor, string when, bool late) =>
        $"报送成功。{title}已由{actor}于{when}报送" + (late ? "（迟报）。" : "。");

    /// <summary>免催 recorded.</summary>
    public static string Exempted(string person, string period, string reason) => $"已登记：{person}{period}免催（{reason}）。";

    /// <summary>What the liaison is told someone else did: submitted into review.</summary>
    public const string ToldSubmittedForReview = "提交审核";

    /// <summary>What the liaison is told someone else did: submitted, or revised (第N版).</summary>
    public static string ToldSubmitted(bool revised, int revision) => revised ? $"修改（第{revision}版）" : "报送";

    /// <summary>The unit's liaison told that someone else submitted or changed the unit's report.</summary>
    public static string LiaisonTold(string liaison, string title, string actor, string when, string what, bool beforeDeadline) =>
        Address(liaison) + $"{title}已由{actor}于{when}{what}。回复“状态”可查看" + (beforeDeadline ? "，截止前如需修改可回复“填报”。" : "。");
}
