using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports.Scheduling;

/// <summary>
/// The texts of prompts, reminders and deadline notices, in the plain, polite register of an office notice. Each names
/// the cycle, the period and the deadline, so a message read days later (or forwarded) still says what it is about.
/// </summary>
internal sealed class ReportMessages(ReportWording wording)
{
    /// <summary>The value of the button that starts the report dialog (typed text works the same).</summary>
    public const string StartValue = "填报";

    /// <summary>The value of the button that shows where the unit's report stands.</summary>
    public const string StatusValue = "状态";

    private static readonly Choice Start = new("开始填报", StartValue);
    private static readonly Choice LateStart = new("立即补报", StartValue);
    private static readonly Choice Status = new("查看状态", StatusValue);

    /// <summary>The first prompt (also what the office's "send now" sends).</summary>
    public OutboundMessage Prompt(ReportCycle cycle, ReportPeriod period, UnitStanding unit, Person liaison)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{liaison.Name}同志：\n")
            .Append(CultureInfo.InvariantCulture, $"请于{wording.Deadline(cycle, period)}前报送{unit.Unit.Name}{ReportWording.PeriodTitle(cycle, period)}{cycle.Template.Name}")
            .Append(wording.PostponementNote(cycle, period))
            .Append('。');
        text.Append(unit.State == UnitReportState.Draft ? "\n贵单位已开始填写，尚未提交，点“开始填报”可接着完成。" : "\n点“开始填报”，按提示逐项填写即可。");
        return OutboundMessage.Card($"{cycle.Name}填报提醒", text.ToString(), Start, Status);
    }

    /// <summary>A reminder on the due day, to a unit that has not submitted.</summary>
    public OutboundMessage Reminder(ReportStep step, ReportCycle cycle, ReportPeriod period, UnitStanding unit, Person liaison, DateTimeOffset now)
    {
        var when = wording.DueRelative(cycle, period, now);
        var subject = $"{unit.Unit.Name}{ReportWording.PeriodTitle(cycle, period)}{cycle.Template.Name}";
        var notYet = unit.State == UnitReportState.Draft ? "贵单位已开始填写但尚未提交，请尽快完成并提交。" : "目前尚未收到贵单位报送，请抓紧填报。";
        var (title, line) = step == ReportStep.FinalReminder
            ? ($"{cycle.Name}即将截止", $"{subject}将于{when}截止，距截止还有{ReportWording.Duration(period.Due - now)}。")
            : ($"{cycle.Name}今日截止", $"{subject}将于{when}截止{wording.PostponementNote(cycle, period)}。");
        return OutboundMessage.Card(title, $"{liaison.Name}同志：\n{line}{notYet}", Start, Status);
    }

    /// <summary>At the deadline, to the liaison of a unit that has not submitted.</summary>
    public OutboundMessage OverdueNotice(ReportCycle cycle, ReportPeriod period, UnitStanding unit, Person liaison)
    {
        var notYet = unit.State == UnitReportState.Draft ? "贵单位已开始填写但尚未提交" : "目前仍未收到贵单位报送";
        var text = $"{liaison.Name}同志：\n{unit.Unit.Name}{ReportWording.PeriodTitle(cycle, period)}{cycle.Template.Name}的报送时限" +
                   $"（{wording.Deadline(cycle, period)}）已过，{notYet}，请尽快补报。如有特殊情况，请及时与办公室联系。";
        return OutboundMessage.Card($"{cycle.Name}已逾期", text, LateStart, Status);
    }

    /// <summary>At the deadline, to a reviewing leader of a unit that has not submitted (when the cycle asks for it).</summary>
    public OutboundMessage LeaderNotice(ReportCycle cycle, ReportPeriod period, UnitStanding unit, Person leader)
    {
        var liaison = unit.Liaison is null ? "" : $"（联络员：{MarkdownText.Escape(unit.Liaison.Name)}）";
        var text = $"{MarkdownText.Escape(leader.Name)}同志：\n{MarkdownText.Escape(unit.Unit.Name)}{ReportWording.PeriodTitle(cycle, period)}{cycle.Template.Name}已过报送时限" +
                   $"（{wording.Deadline(cycle, period)}），目前仍未报送{liaison}。请督促及时补报。";
        return OutboundMessage.Markdown(text, $"{cycle.Name}逾期提醒");
    }

    /// <summary>
    /// At the deadline, to every office staff member: how many reported, who is missing (by name, in directory order),
    /// who is exempt, and whose liaison could not be reached by the bot (to be called instead).
    /// </summary>
    public OutboundMessage OfficeSummary(ReportCycle cycle, ReportPeriod period, PeriodStanding standing, IReadOnlySet<string> unreachable)
    {
        var submitted = standing.Count(UnitReportState.Submitted);
        var pending = standing.Count(UnitReportState.PendingReview);
        var exempt = standing.Units.Where(u => u.State == UnitReportState.Exempt).ToList();
        var missing = standing.Chased.ToList();

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"**{ReportWording.PeriodTitle(cycle, period)}{cycle.Template.Name}报送情况**\n")
            .Append(CultureInfo.InvariantCulture, $"截止时间：{wording.Deadline(cycle, period)}{wording.PostponementNote(cycle, period)}\n")
            .Append(CultureInfo.InvariantCulture, $"应报{standing.Units.Count}个单位，已报{submitted + pending}个")
            .Append(pending > 0 ? string.Create(CultureInfo.InvariantCulture, $"（其中{pending}个待分管领导审核）") : "")
            .Append(CultureInfo.InvariantCulture, $"，未报{missing.Count}个")
            .Append(exempt.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"，请假免催{exempt.Count}个") : "")
            .Append('。');

        if (missing.Count == 0)
        {
            text.Append(exempt.Count == 0 ? "\n各单位均已报送。" : "\n除请假免催的单位外，各单位均已报送。");
        }
        else
        {
            text.Append("\n\n未报单位：");
            var n = 0;
            foreach (var u in missing)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n{++n}. {MarkdownText.Escape(u.Unit.Name)}{MarkdownText.Escape(Detail(u, unreachable))}");
            }
        }

        if (exempt.Count > 0)
        {
            text.Append("\n\n请假免催：");
            var n = 0;
            foreach (var u in exempt)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n{++n}. {MarkdownText.Escape(u.Unit.Name)}（联络员：{MarkdownText.Escape(u.Liaison!.Name)}）");
            }
        }

        return OutboundMessage.Markdown(text.ToString(), $"{cycle.Name}报送情况");
    }

    private static string Detail(UnitStanding unit, IReadOnlySet<string> unreachable)
    {
        if (unit.Liaison is null)
        {
            return "（未设联络员）";
        }

        var notes = new List<string> { $"联络员：{unit.Liaison.Name}" };
        if (unit.State == UnitReportState.Draft)
        {
            notes.Add("已开始填写未提交");
        }

        if (unreachable.Contains(unit.Liaison.Id))
        {
            notes.Add(unit.Liaison.Phone is { Length: > 0 } phone ? $"消息无法送达，电话{phone}" : "消息无法送达");
        }

        return $"（{string.Join("，", notes)}）";
    }
}
