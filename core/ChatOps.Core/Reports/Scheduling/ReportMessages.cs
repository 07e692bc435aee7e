using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports.Scheduling;

/// <summary>
/// The prompts, reminders and deadline notices as messages (their texts are <see cref="ReportText"/>'s), in the plain,
/// polite register of an office notice. Each names the cycle, the period and the deadline, so a message read days later
/// (or forwarded) still says what it is about.
/// </summary>
internal sealed class ReportMessages(ReportWording wording)
{
    /// <summary>The value of the button that starts the report dialog (typed text works the same).</summary>
    public const string StartValue = "填报";

    /// <summary>The value of the button that shows where the unit's report stands.</summary>
    public const string StatusValue = "状态";

    private static readonly Choice Start = new(ReportText.StartButton, StartValue);
    private static readonly Choice LateStart = new(ReportText.LateStartButton, StartValue);
    private static readonly Choice Status = new(ReportText.ViewStatusButton, StatusValue);

    /// <summary>The first prompt (also what the office's "send now" sends).</summary>
    public OutboundMessage Prompt(ReportCycle cycle, ReportPeriod period, UnitStanding unit, Person liaison)
    {
        var text = ReportText.PromptText(liaison.Name, wording.Deadline(cycle, period), Subject(cycle, period, unit.Unit.Name),
            wording.PostponementNote(cycle, period), unit.State == UnitReportState.Draft);
        return OutboundMessage.Card(ReportText.PromptTitle(cycle.Name), text, Start, Status);
    }

    /// <summary>A reminder on the due day, to a unit that has not submitted.</summary>
    public OutboundMessage Reminder(ReportStep step, ReportCycle cycle, ReportPeriod period, UnitStanding unit, Person liaison, DateTimeOffset now)
    {
        var when = wording.DueRelative(cycle, period, now);
        var subject = Subject(cycle, period, unit.Unit.Name);
        var drafting = unit.State == UnitReportState.Draft;
        return step == ReportStep.FinalReminder
            ? OutboundMessage.Card(ReportText.FinalReminderTitle(cycle.Name),
                ReportText.FinalReminder(liaison.Name, subject, when, ReportWording.Duration(period.Due - now), drafting), Start, Status)
            : OutboundMessage.Card(ReportText.DueTodayTitle(cycle.Name),
                ReportText.DueTodayReminder(liaison.Name, subject, when, wording.PostponementNote(cycle, period), drafting), Start, Status);
    }

    /// <summary>At the deadline, to the liaison of a unit that has not submitted.</summary>
    public OutboundMessage OverdueNotice(ReportCycle cycle, ReportPeriod period, UnitStanding unit, Person liaison)
    {
        var text = ReportText.OverdueNotice(liaison.Name, Subject(cycle, period, unit.Unit.Name), wording.Deadline(cycle, period), unit.State == UnitReportState.Draft);
        return OutboundMessage.Card(ReportText.OverdueTitle(cycle.Name), text, LateStart, Status);
    }

    /// <summary>At the deadline, to a reviewing leader of a unit that has not submitted (when the cycle asks for it).</summary>
    public OutboundMessage LeaderNotice(ReportCycle cycle, ReportPeriod period, UnitStanding unit, Person leader)
    {
        var text = ReportText.LeaderNotice(MarkdownText.Escape(leader.Name), Subject(cycle, period, MarkdownText.Escape(unit.Unit.Name)),
            wording.Deadline(cycle, period), unit.Liaison is null ? null : MarkdownText.Escape(unit.Liaison.Name));
        return OutboundMessage.Markdown(text, ReportText.LeaderNoticeTitle(cycle.Name));
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
            .Append(ReportText.OfficeSummaryHead(Subject(cycle, period, ""), wording.Deadline(cycle, period), wording.PostponementNote(cycle, period)))
            .Append(ReportText.OfficeSummaryCounts(standing.Units.Count, submitted + pending, pending, missing.Count, exempt.Count));

        if (missing.Count == 0)
        {
            text.Append(ReportText.AllSubmitted(exempt.Count > 0));
        }
        else
        {
            text.Append(ReportText.MissingUnitsHeading);
            var n = 0;
            foreach (var u in missing)
            {
                text.Append(ReportText.SummaryUnit(++n, MarkdownText.Escape(u.Unit.Name), MarkdownText.Escape(Detail(u, unreachable))));
            }
        }

        if (exempt.Count > 0)
        {
            text.Append(ReportText.ExemptUnitsHeading);
            var n = 0;
            foreach (var u in exempt)
            {
                text.Append(ReportText.SummaryUnit(++n, MarkdownText.Escape(u.Unit.Name), ReportText.LiaisonNote(MarkdownText.Escape(u.Liaison!.Name))));
            }
        }

        return OutboundMessage.Markdown(text.ToString(), ReportText.OfficeSummaryTitle(cycle.Name));
    }

    /// <summary>What a message names: the unit (when given), the period and the report (省发展改革委2026年第48周（…）周报).</summary>
    private static string Subject(ReportCycle cycle, ReportPeriod period, string unit) =>
        $"{unit}{ReportWording.PeriodTitle(cycle, period)}{cycle.Template.Name}";

    private static string Detail(UnitStanding unit, IReadOnlySet<string> unreachable) => ReportText.MissingUnitNote(
        unit.Liaison?.Name, unit.State == UnitReportState.Draft, unit.Liaison is { } l && unreachable.Contains(l.Id), unit.Liaison?.Phone);
}
