using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports;

/// <summary>
/// Every Chinese text the report feature shows, in one class so the wording is reviewed in one place: this file and
/// ReportText.Submit (the use cases' answers), .Fill and .Dialog (the 填报 dialog), .Review (the reviewing leader),
/// .Status (状态 and the board), .Office (发送提醒, 催报, 专报 in chat), .Reminders (the scheduled prompts, reminders and
/// overdue notices), .Overview (the console's overviews, 免催), .Console (the console pages' own texts), .Bulletin (the
/// 工作专报 editor), .Compliance (the monthly 通报 draft), .Cli (the command line) and .Audit (audit details). Outside it
/// stay only the words the parsers match, the templates' field labels (ReportTemplates.cs), the role a drafted 通报 is
/// addressed to, and the document builders (BulletinCompiler, the Bulletins namespace, PeriodText).
/// </summary>
public static partial class ReportText
{
    /// <summary>Not a liaison or delegate of any unit.</summary>
    public const string NotReporter = "您目前不是成员单位的联络员，不能填报。如需代本单位填报，请联系领导小组办公室指定。";

    /// <summary>填报 said by office staff who report for no unit (never "contact the office").</summary>
    public const string OfficeDoesNotReport = "成员单位的报告由各单位联络员填报，办公室人员无需填报。查看各单位报送情况，请回复“状态”。";

    /// <summary>The period is not open to 填报.</summary>
    public const string NotOpen = "本期目前不在填报时间内。回复“填报”可查看当前可以填报的报告。";

    /// <summary>No such report.</summary>
    public const string NotFound = "未找到该报告。";

    /// <summary>Not a draft any more.</summary>
    public const string NotADraft = "该报告已不是草稿，无法保存。";

    /// <summary>Lost a race with another change.</summary>
    public const string ChangedMeanwhile = "该报告刚被他人修改，请重新打开后再操作。";

    /// <summary>Submitted and past the deadline.</summary>
    public const string Locked = "截止时间已过，已报送的报告不能再修改；如需更正，请联系领导小组办公室。";

    /// <summary>The dialog's choice to re-apply one's edit on the current version.</summary>
    public const string ReapplyChoice = "在最新版本上修改";

    /// <summary>The dialog's choice to drop one's edit.</summary>
    public const string DiscardChoice = "放弃";

    /// <summary>省发展改革委2026年第48周（11月20日至11月26日）周报.</summary>
    public static string Title(Unit unit, ReportCycle cycle, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return $"{unit.Name}{PeriodText.Label(cycle, period)}{cycle.Name}";
    }

    /// <summary>The first message of a new draft.</summary>
    public static string Intro(string title, ReportPeriod period, ReportCycle cycle, DateTimeOffset now, OfficeProfile office)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(cycle);
        return $"开始填报{title}，截止时间：{PeriodText.Deadline(period, office)}。" +
            (now > period.Due ? "\n已过截止时间，提交后将记为迟报。" : "") +
            "\n共 " + cycle.Template.Fields.Count + " 项，随时回复“取消”可放弃本次填报。";
    }

    /// <summary>A submission refused because someone changed the report: what changed, who and when; nothing is lost.</summary>
    public static string Conflict(string title, string by, string when, Report current, IReadOnlyList<FieldChange> changes)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        var sb = new StringBuilder($"未能提交：在您修改期间，{title}已由{by}于{when}");
        sb.Append(current.Status == ReportStatus.Draft ? "修改" : "报送").Append(current.Revision > 0 ? $"（现为第{current.Revision}版）" : "").Append('。');
        if (changes.Count == 0)
        {
            sb.Append("\n内容与您打开时相同。");
        }
        else
        {
            sb.Append("\n与您打开时相比，").Append(by).Append("修改了：");
            foreach (var c in changes)
            {
                sb.Append("\n- ").Append(c.Label).Append("：原为“").Append(Show(c.Before)).Append("”，现为“").Append(Show(c.After)).Append('”');
            }
        }

        sb.Append($"\n您的修改尚未提交，也没有丢失。回复“{ReapplyChoice}”，将您改动的内容加到最新版本上再核对提交；回复“{DiscardChoice}”，保留最新版本、放弃您的修改。");
        return sb.ToString();
    }

    private static string Show(IReadOnlyList<string> values) => values.Count == 0 ? "（未填写）" : string.Join("；", values);
}
