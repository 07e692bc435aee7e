using ChatOps.Core.Calendar;
using ChatOps.Core.Reports.Scheduling;

namespace ChatOps.Core.Reports;

/// <summary>What the report verbs of the command line print (periods, bulletin, headline, send-prompts, exempt).</summary>
public static partial class ReportText
{
    /// <summary><c>periods</c> with the end before the start.</summary>
    public static string PeriodsBadRange(string to, string from) => $"结束日期 {to} 早于开始日期 {from}。";

    /// <summary><c>periods</c> reaching into a year without the official holiday notice.</summary>
    public static string NoHolidayData(int year) =>
        $"警告：{year} 年没有官方节假日数据（国务院办公厅的放假通知尚未收录），该年按周一至周五计算，节假日顺延可能不准。";

    /// <summary><c>periods</c>' first line: how many periods, postponed and merged, in which time zone.</summary>
    public static string PeriodsListed(ReportCycle cycle, string from, string to, IReadOnlyList<ReportPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(periods);
        return $"{cycle.Name}（{cycle.Key}）：截止日在 {from} 至 {to} 之间的共 {periods.Count} 期，" +
            $"其中顺延 {periods.Count(p => p.Postponed)} 期、合并报送 {periods.Count(p => p.IsMerged)} 期；时间为 {cycle.Definition.TimeZoneId} 时间。";
    }

    /// <summary><c>bulletin --out</c> with neither .docx nor .md.</summary>
    public static string BulletinBadOut(string argument) => $"--out 的文件名应以 .docx（Word）或 .md（Markdown）结尾：{argument}";

    /// <summary><c>bulletin</c> of a period whose issue was signed: the signed file is written.</summary>
    public static string BulletinIssuedFile(string fileName) => $"本期专报已签发，输出已签发的文件：{fileName}";

    /// <summary><c>bulletin</c>'s first line: what was written where.</summary>
    public static string BulletinWritten(string cycleName, string periodKey, string? periodLabel, string path) =>
        $"已生成工作专报：{cycleName} {periodKey}，{periodLabel} → {path}";

    /// <summary><c>bulletin</c>'s second line: the items and the submission statistics.</summary>
    public static string BulletinCounts(Bulletins.Bulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var s = bulletin.Statistics;
        return $"省直部门 {bulletin.ProvincialItems.Count} 条，州市县区 {bulletin.LocalItems.Count} 条，行动要情 {bulletin.KeyEvents.Count} 条；" +
            $"应报送 {s.Total} 个单位，按时 {s.OnTime.Count} 个，迟报 {s.Late.Count} 个，未报送 {s.Missing.Count} 个。" +
            $"另有待审核 {s.PendingReview.Count} 个，已退回 {s.Returned.Count} 个，免报 {s.Exempt.Count} 个（均不计入未报送）。";
    }

    /// <summary><c>headline</c> with more than one of its actions.</summary>
    public static string HeadlineOneAction(string usage) => $"--text、--clear、--list 只能选一个。usage: {usage}";

    /// <summary><c>headline --text</c> done.</summary>
    public static string HeadlineAdded(string periodKey, int count) => $"已添加到 {periodKey} 的行动要情（共 {count} 条）。";

    /// <summary><c>headline --clear</c> done.</summary>
    public static string HeadlinesCleared(string periodKey) => $"已清空 {periodKey} 的行动要情。";

    /// <summary><c>headline --list</c>'s first line (none, or how many follow).</summary>
    public static string HeadlinesListed(string periodKey, int count) =>
        count == 0 ? $"{periodKey} 还没有行动要情。" : $"{periodKey} 的行动要情（{count} 条）：";

    /// <summary><c>send-prompts</c> done: how many prompts were queued, and the units not prompted.</summary>
    public static string PromptsQueued(PromptRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"已将 {run.Queued} 条{run.Cycle.Name}填报提示排入发送队列（由运行中的机器人发出）；已报送或待审核 {run.Submitted} 个单位，请假免催 {run.Exempt} 个。";
    }

    /// <summary><c>send-prompts</c>: the units whose liaison cannot be reached.</summary>
    public static string PromptsUnreachable(IReadOnlyList<string> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        return $"无法送达 {units.Count} 个单位（未设联络员或联络员没有可用的账号）：{string.Join("、", units)}";
    }

    /// <summary><c>exempt</c> done (recorded, or the reason updated).</summary>
    public static string ExemptionRecorded(Exemption exemption)
    {
        ArgumentNullException.ThrowIfNull(exemption);
        var e = exemption;
        return $"{(e.AlreadyExempt ? "已更新" : "已登记")}：{e.Person.Name}（{e.Person.Id}）{e.Period.Key} 期{e.Cycle.Name}免催，原因：{e.Reason}。";
    }
}
