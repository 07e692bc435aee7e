using System.Globalization;
using System.Text;
using ChatOps.Core.Conversations;

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
        return OutboundMessage.Card($"{cycle.Name}审核", ask, new Choice("通过", $"审核通过 #{id}"), new Choice("退回", $"审核退回 #{id}"));
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
}
