using ChatOps.Core.Reports.Scheduling;

namespace ChatOps.Core.Reports;

/// <summary>The office's 发送提醒 and 催报: the confirmation asked before sending and what was sent.</summary>
public static partial class ReportText
{
    /// <summary>发送提醒 by someone who is not office staff.</summary>
    public const string PromptOfficeOnly = "“发送提醒”仅供办公室人员使用。";

    /// <summary>催报 by someone who is not office staff.</summary>
    public const string ChaseOfficeOnly = "“催报”仅供办公室人员使用。";

    /// <summary>专报 in chat: the full text follows; never a command-line instruction.</summary>
    public const string BulletinFollows = "工作专报全文如下；Word 版可在办公室管理台“专报编辑”页面下载。";

    /// <summary>The answer to 不发送 (or 取消) at the confirmation.</summary>
    public const string NotSent = "好的，未发送。";

    /// <summary>The period changed between the question and the confirmation.</summary>
    public const string PeriodMoved = "期次已变化，未发送。请重新发送指令。";

    /// <summary>What a manual send is called.</summary>
    private static string What(ManualSend kind) => kind == ManualSend.Prompt ? "填报提醒" : "催报通知";

    /// <summary>The cycle named after the command is unknown.</summary>
    public static string UnknownCycle(string word, string which, IReadOnlyList<ReportCycle> cycles)
    {
        ArgumentNullException.ThrowIfNull(cycles);
        return $"没有“{which}”，可用：{string.Join("、", cycles.Select(c => c.Name))}。例如：{word} {cycles[0].Name}";
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
