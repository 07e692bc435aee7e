using ChatOps.Core.Reports.Scheduling;

namespace ChatOps.Core.Reports;

/// <summary>The office's 发送提醒 and 催报: the confirmation asked before sending and what was sent.</summary>
public static partial class ReportText
{
    /// <summary>帮助's line for 发送提醒.</summary>
    public const string PromptHelp = "**发送提醒** [周报|季报]：立即向尚未报送的联络员发送本期填报提醒（先确认人数；定时提醒照常进行）";

    /// <summary>帮助's line for 催报.</summary>
    public const string ChaseHelp = "**催报** [周报|季报]：向上一期逾期未报的单位联络员发送催报通知（先确认人数）";

    /// <summary>发送提醒 by someone who is not office staff.</summary>
    public const string PromptOfficeOnly = "“发送提醒”仅供办公室人员使用。";

    /// <summary>催报 by someone who is not office staff.</summary>
    public const string ChaseOfficeOnly = "“催报”仅供办公室人员使用。";

    /// <summary>专报 by someone the bulletin's rule does not allow.</summary>
    public const string BulletinOfficeOnly = "工作专报由领导小组办公室编发，仅限办公室人员查阅。";

    /// <summary>The answer to 不发送 (or 取消) at the confirmation.</summary>
    public const string NotSent = "已取消，未发送。";

    /// <summary>The period changed between the question and the confirmation.</summary>
    public const string PeriodMoved = "报送期次已变化，本次未发送，请重新操作。";

    /// <summary>专报's first answer: the period's submission statistics; the Word file and the full text follow.</summary>
    public static string BulletinSummary(Bulletins.Bulletin bulletin, ReportCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        ArgumentNullException.ThrowIfNull(cycle);
        var s = bulletin.Statistics;
        return $"{bulletin.PeriodLabel}{cycle.Name}：应报 {s.Total} 个单位，按时报送 {s.OnTime.Count} 个，迟报 {s.Late.Count} 个，未报送 {s.Missing.Count} 个；" +
            $"另有待审核 {s.PendingReview.Count} 个、已退回 {s.Returned.Count} 个、免报 {s.Exempt.Count} 个（均不计入未报送）。" +
            (s.PendingReview.Count > 0 ? $"\n待审核：{string.Join("、", s.PendingReview)}" : "") +
            (s.Missing.Count > 0 ? $"\n未报送：{string.Join("、", s.Missing)}" : "") +
            "\n工作专报 Word 文件及全文如下。";
    }

    /// <summary>The caption of the Word file sent with 专报.</summary>
    public static string BulletinFileCaption(string fileName, bool issued) => issued
        ? $"工作专报（已签发）Word 文件：{fileName}"
        : $"工作专报 Word 文件（根据报送情况生成，尚未签发）：{fileName}";

    /// <summary>What a manual send is called.</summary>
    private static string What(ManualSend kind) => kind == ManualSend.Prompt ? "填报提醒" : "催报通知";

    /// <summary>The cycle named after the command is unknown.</summary>
    public static string UnknownCycle(string word, string which, IReadOnlyList<ReportCycle> cycles)
    {
        ArgumentNullException.ThrowIfNull(cycles);
        return $"未找到“{which}”。可选：{string.Join("、", cycles.Select(c => c.Name))}，例如“{word} {cycles[0].Name}”。";
    }

    /// <summary>"将向 43 个单位的联络员发送……，确认？" (with the units that cannot be reached).</summary>
    public static string ConfirmSend(ManualPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var title = PeriodText.Label(preview.Cycle, preview.Period) + preview.Cycle.Name;
        var text = preview.Kind == ManualSend.Prompt
            ? $"将向 {preview.Reachable} 个单位的联络员发送{title}{What(preview.Kind)}，确认？"
            : $"{title}已截止。将向尚未报送的 {preview.Reachable} 个单位的联络员发送{What(preview.Kind)}，确认？";
        return text + Unreachable(preview.Unreachable);
    }

    /// <summary>Nobody to send to.</summary>
    public static string NothingToSend(ManualPreview? preview, ReportCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return preview is null
            ? $"{cycle.Name}还没有已截止的期次，无需催报。"
            : $"{PeriodText.Label(preview.Cycle, preview.Period)}{preview.Cycle.Name}没有需要{(preview.Kind == ManualSend.Prompt ? "提醒" : "催报")}的单位，未发送。" + Unreachable(preview.Unreachable);
    }

    /// <summary>What was sent.</summary>
    public static string Sent(ManualSend kind, PromptRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = $"已向 {run.Queued} 个单位的联络员发送{PeriodText.Label(run.Cycle, run.Period)}{run.Cycle.Name}{What(kind)}。" +
                   $"已报送或待审核 {run.Submitted} 个单位，请假免催 {run.Exempt} 个。";
        return run.Unreachable.Count > 0 ? text + $"\n无法送达（未设联络员或没有可用账号）：{string.Join("、", run.Unreachable)}，请电话通知。" : text;
    }

    private static string Unreachable(IReadOnlyList<string> units) =>
        units.Count == 0 ? "" : $"\n另有 {units.Count} 个单位无法送达（未设联络员或没有可用账号）：{string.Join("、", units)}，请电话通知。";
}
