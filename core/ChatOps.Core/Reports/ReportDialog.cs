using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports;

/// <summary>
/// The report dialog: a liaison picks the period (when more than one is open), answers the template's fields one by
/// one with a specific message for every invalid answer, checks a summary, edits any field, and submits. The draft
/// lives in the dialog state (so it survives restarts); the report row claims the unit and period, so a second
/// parallel draft for the same unit is impossible.
/// </summary>
public sealed partial class ReportDialog(
    IDirectoryRepository directory, ReportCycles cycles, PeriodCalculator periods, OfficeProfile office, ReportService reports,
    Attachments.AttachmentChat attachments)
    : TypedDialog<ReportDialog.Draft>
{
    /// <summary>The dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "report";

    /// <inheritdoc/>
    protected override string DialogName => Name;

    private const string StepChoose = "choose";
    private const string StepField = "field";
    private const string StepSummary = "summary";
    private const string StepPickField = "pick-field";
    private const string StepConfirmRevise = "confirm-revise";
    private const string StepConflict = "conflict";

    private const string Done = ReportText.DoneWord;
    private const string Skip = ReportText.SkipWord;
    private const string Submit = ReportText.SubmitWord;
    private const string Edit = ReportText.EditWord;
    private const string Cancel = ReportText.CancelWord;

    /// <summary>填报: start or resume a report for a unit the person reports for.</summary>
    public async Task StartAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        var units = await directory.ListReportingUnitsAsync(turn.Person.Id, cancellationToken);
        if (units.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(turn.Person.Roles.HasFlag(Roles.OfficeStaff) ? ReportText.OfficeDoesNotReport : ReportText.NotReporter), cancellationToken);
            return;
        }

        var candidates = (await reports.OpenPeriodsAsync(turn.Actor, turn.Work, cancellationToken))
            .Select(s => new Candidate(s.Unit.Code, s.Cycle.Key, s.Period.Key, s.IsLate)).ToList();
        if (candidates.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.NothingToFill), cancellationToken);
            await ClearAsync(turn, cancellationToken);
            return;
        }

        if (candidates.Count == 1)
        {
            await OpenAsync(turn, candidates[0], cancellationToken);
            return;
        }

        var labelled = units.Count > 1;
        var choices = candidates.Select((c, i) => new Choice(Describe(c, labelled, units), (i + 1).ToString(CultureInfo.InvariantCulture))).ToArray();
        await SaveAsync(turn, StepChoose, new Draft { Candidates = candidates }, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask(ReportText.ChooseReport, choices), cancellationToken);
    }

    /// <summary>填报 said during an unfinished report: picks up where it stopped (after a break or a restart).</summary>
    public async Task ResumeAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        if (state.Step is StepChoose or StepConfirmRevise)
        {
            await StartAsync(turn, cancellationToken);
            return;
        }

        var draft = Load(state);
        if (state.Step == StepConflict)
        {
            await AskConflictAsync(turn, ReportText.ConflictPending, cancellationToken);
            return;
        }

        var cycle = cycles.Get(draft.Cycle!);
        var unit = await directory.FindUnitAsync(draft.Unit!, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(ReportText.Resume($"{unit?.Name}{PeriodText.Label(cycle, periods.Find(cycle.Definition, draft.Period!)!)}{cycle.Name}")), cancellationToken);
        await ResumeAsync(turn, state.Step, draft, cancellationToken);
    }

    /// <summary>Continues the dialog with what the person said.</summary>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        var draft = Load(state);
        if (turn.Message.HasAttachments)
        {
            await AttachAsync(turn, state.Step, draft, cancellationToken);
            return;
        }

        switch (state.Step)
        {
            case StepChoose:
                var index = ParseChoice(turn.Said, draft.Candidates!.Count);
                if (index is null)
                {
                    await turn.ReplyAsync(OutboundMessage.Plain(ReportText.ChooseReportNumber(draft.Candidates!.Count)), cancellationToken);
                    return;
                }

                await OpenAsync(turn, draft.Candidates![index.Value], cancellationToken);
                return;
            case StepConfirmRevise:
                if (Commands.Normalize(turn.Said) is ReportText.ReviseWord or Edit)
                {
                    draft.Revising = true;
                    await ShowSummaryAsync(turn, draft, cancellationToken);
                }
                else
                {
                    await ClearAsync(turn, cancellationToken);
                    await turn.ReplyAsync(OutboundMessage.Plain(ReportText.Unchanged), cancellationToken);
                }

                return;
            case StepConflict:
                await ConflictChoiceAsync(turn, draft, cancellationToken);
                return;
            case StepField:
                await AnswerAsync(turn, draft, cancellationToken);
                return;
            case StepSummary:
                await SummaryChoiceAsync(turn, draft, cancellationToken);
                return;
            case StepPickField:
                await PickFieldAsync(turn, draft, cancellationToken);
                return;
            case StepItems:
                await ItemsChoiceAsync(turn, draft, cancellationToken);
                return;
            case StepDeleteAttachment:
                await DeleteAttachmentAsync(turn, draft, cancellationToken);
                return;
            default:
                await ClearAsync(turn, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(ReportText.DialogExpired), cancellationToken);
                return;
        }
    }

    /// <summary>取消: abandons the dialog; a new, never-submitted draft is dropped, a submitted report stays as it was.</summary>
    public async Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        var draft = Load(state);
        await ClearAsync(turn, cancellationToken);
        var outcome = draft.ReportId is { } id ? await reports.DiscardDraftAsync(turn.Actor, turn.Work, id, cancellationToken) : null;
        await turn.ReplyAsync(OutboundMessage.Plain(outcome?.Message ?? ReportText.Cancelled), cancellationToken);
    }

    private string Describe(Candidate c, bool withUnit, IReadOnlyList<Unit> units)
    {
        var cycle = cycles.Get(c.Cycle);
        var period = periods.Find(cycle.Definition, c.Period)!;
        var unit = withUnit ? units.First(u => u.Code == c.Unit).Name : "";
        return ReportText.Candidate(unit, PeriodText.Label(cycle, period) + cycle.Name, c.Late, PeriodText.When(period.Due, office));
    }

    private async Task OpenAsync(Turn turn, Candidate c, CancellationToken cancellationToken)
    {
        var outcome = await reports.OpenAsync(turn.Actor, turn.Work, c.Unit, c.Cycle, c.Period, cancellationToken);
        if (!outcome.Succeeded)
        {
            await ClearAsync(turn, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
            return;
        }

        var report = outcome.Report!;
        var draft = new Draft { Unit = c.Unit, Cycle = c.Cycle, Period = c.Period, ReportId = report.Id };
        draft.Rebase(report);
        switch (outcome.Kind)
        {
            case ReportOutcomeKind.Revisable:
                await SaveAsync(turn, StepConfirmRevise, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Ask(outcome.Message, new Choice(ReportText.ReviseWord, ReportText.ReviseWord), new Choice(ReportText.KeepWord, ReportText.KeepWord)), cancellationToken);
                return;
            case ReportOutcomeKind.ReturnedDraft:
                await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
                await ShowSummaryAsync(turn, draft, cancellationToken);
                return;
            default:
                await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
                await AskNextAsync(turn, draft, cancellationToken);
                return;
        }
    }

    private async Task AskConflictAsync(Turn turn, string text, CancellationToken cancellationToken) =>
        await turn.ReplyAsync(OutboundMessage.Ask(text,
            new Choice(ReportText.ReapplyChoice, ReportText.ReapplyChoice), new Choice(ReportText.DiscardChoice, ReportText.DiscardChoice)), cancellationToken);

    /// <summary>After a conflict: re-apply the person's own changes on the current version, or drop them.</summary>
    private async Task ConflictChoiceAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var said = Commands.Normalize(turn.Said);
        if (said is ReportText.DiscardChoice or "2")
        {
            await ClearAsync(turn, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.MineDiscarded), cancellationToken);
            return;
        }

        if (said is not (ReportText.ReapplyChoice or "1"))
        {
            await AskConflictAsync(turn, ReportText.ChooseOne, cancellationToken);
            return;
        }

        var current = await turn.Work.Reports.FindByIdAsync(draft.ReportId!.Value, cancellationToken);
        if (current is null)
        {
            await ClearAsync(turn, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.ReportGone), cancellationToken);
            return;
        }

        var template = Template(draft);
        var mine = ReportService.Diff(template, Freeze(draft.BaseAnswers), Freeze(draft.Answers));
        draft.Rebase(current);
        foreach (var change in mine)
        {
            draft.Answers[change.Key] = [.. change.After];
        }

        draft.Revising = current.Status == ReportStatus.Submitted;
        await turn.ReplyAsync(OutboundMessage.Plain(mine.Count == 0
            ? ReportText.LatestOpened
            : ReportText.MineKept(mine.Select(m => m.Label))), cancellationToken);
        await ShowSummaryAsync(turn, draft, cancellationToken);
    }

    private async Task ResumeAsync(Turn turn, string step, Draft draft, CancellationToken cancellationToken)
    {
        if (step is StepSummary or StepPickField or StepItems or StepDeleteAttachment)
        {
            await ShowSummaryAsync(turn, draft, cancellationToken);
        }
        else
        {
            await AskAsync(turn, draft, Template(draft).Field(draft.Field!), cancellationToken);
        }
    }

    private async Task AskNextAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var template = Template(draft);
        var next = template.Fields.FirstOrDefault(f => !draft.Answers.ContainsKey(f.Key));
        if (next is null)
        {
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        draft.Field = next.Key;
        draft.Editing = false;
        await AskAsync(turn, draft, next, cancellationToken);
    }

    private async Task AskAsync(Turn turn, Draft draft, TemplateField field, CancellationToken cancellationToken)
    {
        var template = Template(draft);
        var number = template.Fields.ToList().IndexOf(field) + 1;
        var text = ReportText.Question(number, template.Fields.Count, field.Label, field.Prompt);
        if (draft.Editing && field.Kind == FieldKind.Items)
        {
            text += ReportText.ReplacesItems;
        }

        var choices = new List<Choice>();
        if (field.Kind == FieldKind.Items && draft.Pending.Count > 0)
        {
            choices.Add(new Choice(Done, Done));
        }

        if (!field.Required)
        {
            choices.Add(new Choice(Skip, Skip));
        }

        await SaveAsync(turn, StepField, draft, cancellationToken);
        await turn.ReplyAsync(choices.Count == 0 ? OutboundMessage.Plain(text) : OutboundMessage.Ask(text, [.. choices]), cancellationToken);
    }

    private async Task AcceptAsync(Turn turn, Draft draft, TemplateField field, List<string> values, CancellationToken cancellationToken)
    {
        draft.Answers[field.Key] = values;
        await PersistDraftAsync(turn, draft, cancellationToken);
        if (draft.Editing)
        {
            await ShowSummaryAsync(turn, draft, cancellationToken);
        }
        else
        {
            await AskNextAsync(turn, draft, cancellationToken);
        }
    }

    private async Task SubmitAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var cycle = cycles.Get(draft.Cycle!);
        var template = cycle.Template;
        var missing = template.Fields.FirstOrDefault(f => f.Required && (draft.Answers.GetValueOrDefault(f.Key)?.Count ?? 0) == 0);
        if (missing is not null)
        {
            draft.Field = missing.Key;
            draft.Editing = true;
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.Missing(missing.Label)), cancellationToken);
            await AskAsync(turn, draft, missing, cancellationToken);
            return;
        }

        var outcome = await reports.SubmitAsync(turn.Actor,
            turn.Work, new ReportSubmission(draft.ReportId!.Value, draft.BaseVersion, Freeze(draft.Answers), Freeze(draft.BaseAnswers)), cancellationToken);
        if (outcome.Kind == ReportOutcomeKind.Conflict)
        {
            await SaveAsync(turn, StepConflict, draft, cancellationToken);
            await AskConflictAsync(turn, outcome.Message, cancellationToken);
            return;
        }

        await ClearAsync(turn, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
    }

    private async Task PersistDraftAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        if (draft.Revising || draft.ReportId is not { } id)
        {
            return;
        }

        var saved = await reports.SaveDraftAsync(turn.Actor, turn.Work, id, draft.BaseVersion, Freeze(draft.Answers), cancellationToken);
        if (saved.Kind == ReportOutcomeKind.Saved)
        {
            draft.Rebase(saved.Report!, keepAnswers: true);
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> Freeze(Dictionary<string, List<string>> answers) =>
        answers.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.ToList(), StringComparer.Ordinal);

    private static int? ParseChoice(string said, int count) => Prompt.ReadNumber(said, count);

    private ReportTemplate Template(Draft draft) => cycles.Get(draft.Cycle!).Template;

    private static Dictionary<string, List<string>> Copy(IReadOnlyDictionary<string, IReadOnlyList<string>> answers) =>
        answers.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
}
