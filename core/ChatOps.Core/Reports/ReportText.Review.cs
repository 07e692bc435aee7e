namespace ChatOps.Core.Reports;

/// <summary>The reviewing leader's texts: the review request, 待审 and what changed since a return.</summary>
public static partial class ReportText
{
    /// <summary>What a leader types to list the reports waiting for them.</summary>
    public static readonly string[] AwaitingWords = ["待审", "待审核", "审核", "pending"];

    /// <summary>The value of 待审's button that opens a report ("查看审核 #12").</summary>
    public static string OpenReviewValue(long id) => "查看审核 #" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>帮助's line for reviewing leaders.</summary>
    public const string ReviewHelp = "**待审**：查看等待您审核的报告（最早提交的在前），点击即可打开审核；收到审核通知后，点击“通过”或“退回”即可审核";

    /// <summary>待审 with nothing waiting.</summary>
    public const string NothingAwaiting = "目前没有等待您审核的报告。";

    /// <summary>待审 said by someone who reviews nothing.</summary>
    public const string NotAReviewer = "您不是成员单位的分管领导，没有需要审核的报告。";

    /// <summary>The ask on a card opened from 待审.</summary>
    public const string ReviewAsk = "请审核。通过后即视为报送完成；退回时请填写意见。";

    /// <summary>待审: how many and the list, each a button.</summary>
    public static OutboundMessage AwaitingList(IReadOnlyList<ReportOutcome> waiting, OfficeProfile office)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        var choices = waiting.Select(w => new Choice(
            $"{w.Title}（{PeriodText.When(w.Report!.SubmittedAt!.Value, office)}提交）", OpenReviewValue(w.Report.Id))).ToArray();
        return OutboundMessage.Card("待审报告", $"等待您审核的报告共 {waiting.Count} 份（最早提交的在前），请点击打开：", choices);
    }

    /// <summary>状态's line for a reviewing leader.</summary>
    public static string AwaitingStatus(int count) => count == 0
        ? "**待您审核**：无"
        : $"**待您审核**：{count} 份报告，回复“待审”查看。";

    /// <summary>The review card's buttons.</summary>
    public static OutboundMessage ReviewCard(ReportCycle cycle, long reportId, string ask)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var id = reportId.ToString(CultureInfo.InvariantCulture);
        return OutboundMessage.Card(ReportText.ReviewTitle(cycle), ask, new Choice("通过", $"审核通过 #{id}"), new Choice("退回", $"审核退回 #{id}"));
    }

    /// <summary>
    /// The report as the reviewer reads it (Markdown): its answers and, for a report sent back and resubmitted, what
    /// the liaison changed since the return.
    /// </summary>
    public static string ReviewSummary(ReportTemplate template, Report report, string title, string submitter, ReturnChanges? sinceReturn)
    {
        ArgumentNullException.ThrowIfNull(report);
        var summary = ReportDialog.Summary(template, report.Answers.ToDictionary(kv => kv.Key, kv => kv.Value.ToList()), $"{title}（{submitter}提交）");
        if (sinceReturn is null)
        {
            return summary;
        }

        var sb = new StringBuilder(summary).AppendLine().AppendLine();
        sb.Append("**与退回时相比**（退回意见：").Append(MarkdownText.Escape(sinceReturn.Return.Comment)).AppendLine("）");
        if (sinceReturn.Changes.Count == 0)
        {
            sb.Append("内容未作修改。");
        }

        foreach (var c in sinceReturn.Changes)
        {
            sb.Append("- ").Append(c.Label).Append("：原为“").Append(MarkdownText.Escape(Show(c.Before)))
                .Append("”，现为“").Append(MarkdownText.Escape(Show(c.After))).AppendLine("”");
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Reviewing a report of another unit.</summary>
    public const string NotYourReview = "只有本单位的分管领导可以审核该报告。";

    /// <summary>Reviewing a report one submitted or edited.</summary>
    public const string OwnReport = "您提交或修改过该报告，不能审核本人报送的报告。请由本单位其他分管领导审核；本单位没有其他分管领导时，由领导小组办公室代为审核。";

    /// <summary>Reviewing a report already approved or returned.</summary>
    public const string AlreadyReviewed = "该报告已审核，无需重复审核。";

    /// <summary>An empty return comment.</summary>
    public const string CommentEmpty = "退回意见不能为空，请输入意见。";

    /// <summary>The ask after 退回 in chat.</summary>
    public const string AskComment = "请输入退回意见（将转给联络员），或回复“取消”。";

    /// <summary>What the comment prompt calls the comment.</summary>
    public const string CommentName = "退回意见";

    /// <summary>What choosing among several reports does.</summary>
    public const string ChooseToOpen = "打开报告，或回复“取消”";

    /// <summary>取消 while choosing a report to review.</summary>
    public const string ReviewCancelled = "已取消。";

    /// <summary>取消 while typing a return comment.</summary>
    public const string ReturnCancelled = "已取消退回，报告仍待您审核。";

    /// <summary>The return card's title for the liaison.</summary>
    public const string ReturnedTitle = "报告被退回";

    /// <summary>The return card's button.</summary>
    public const string ReviseReport = "修改报告";

    /// <summary>A return comment over the limit.</summary>
    public static string CommentTooLong(int max, int length) => $"退回意见过长（最多{max}字，现为{length}字），请精简后重新输入。";

    /// <summary>Who reviewed: the office on the unit's behalf, or the leader.</summary>
    public static string Reviewer(bool onBehalf, string name) => onBehalf ? $"领导小组办公室{name}（代本单位审核）" : $"分管领导{name}";

    /// <summary>The author told the report was approved.</summary>
    public static string ApprovedNotice(string author, string title, string reviewer, string submittedAt, bool late) =>
        Address(author) + $"{title}已经{reviewer}审核通过，报送完成（报送时间：{submittedAt}{(late ? "，迟报" : "")}）。";

    /// <summary>The reviewer's confirmation of 通过.</summary>
    public static string Approved(string title, bool late) => $"已审核通过，{title}报送完成" + (late ? "（迟报）。" : "。");

    /// <summary>The author told the report was sent back.</summary>
    public static string ReturnedNotice(string author, string title, string reviewer, string comment) =>
        Address(author) + $"{title}被{reviewer}退回。\n退回意见：{comment}\n请修改后重新提交。";

    /// <summary>The reviewer's confirmation of 退回.</summary>
    public static string Returned(string? author) => $"已退回，并已通知联络员{author}。";

    /// <summary>The review request: who submitted, and (when the only reviewer wrote it) why the office reviews it.</summary>
    public static string ReviewRequest(string reviewer, string title, string submitter, bool onBehalf) => Address(reviewer) + (onBehalf
        ? $"{title}已由{submitter}提交。该单位的分管领导即为填报人，按规定不得审核本人报送的报告，请领导小组办公室代为审核。通过后即视为报送完成；退回时请填写意见。"
        : $"{title}已由联络员{submitter}提交，" + ReviewAsk);

    /// <summary>The title of the summary sent with a review request.</summary>
    public static string ReviewTitle(ReportCycle cycle) => $"{cycle?.Name}审核";
}
