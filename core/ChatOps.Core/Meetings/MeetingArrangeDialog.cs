namespace ChatOps.Core.Meetings;

/// <summary>
/// 安排会议 / 调整会议 / 取消会议: office staff and meeting hosts arrange, move and cancel meetings in a guided dialog.
/// The dialog asks and parses; <see cref="MeetingService"/> checks every field, the permission and a meeting with the
/// same title and start (asked first), and tells the attendees. A refused field is asked again, then the summary.
/// </summary>
public sealed class MeetingArrangeDialog(IDirectoryRepository directory, IMeetingStoreFactory stores, MeetingService service, MeetingNotices notices, MeetingCalendar calendar)
    : MeetingDialog<MeetingArrangeDialog.Draft, MeetingArrangeDialog.Step>(Name)
{
    /// <summary>The dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "arrange";

    /// <summary>What the dialog does.</summary>
    public enum Mode
    {
        /// <summary>安排会议.</summary>
        Create,

        /// <summary>调整会议.</summary>
        Move,

        /// <summary>取消会议.</summary>
        Cancel,
    }

    /// <summary>The steps, in the order a new meeting asks them.</summary>
    public enum Step
    {
        /// <summary>The kind (1–4 or its name).</summary>
        Kind,

        /// <summary>The title.</summary>
        Title,

        /// <summary>Date, start and end.</summary>
        Time,

        /// <summary>The place or a link.</summary>
        Place,

        /// <summary>Units and people.</summary>
        Attendees,

        /// <summary>The host (office staff only).</summary>
        Host,

        /// <summary>The meeting to move or cancel.</summary>
        Pick,

        /// <summary>Why it is cancelled.</summary>
        CancelReason,

        /// <summary>The summary: 确认 runs the use case.</summary>
        Confirm,
    }

    /// <summary>Starts the dialog: the kind of a new meeting, or the list of meetings the actor may change.</summary>
    public async Task StartAsync(Turn turn, Mode mode, CancellationToken cancellationToken = default)
    {
        var actor = turn.Actor;
        if (!MeetingService.MayArrange(actor))
        {
            await ReplyAsync(turn, mode switch { Mode.Create => MeetingText.OnlyOfficeCreates, Mode.Move => MeetingText.OnlyOfficeMoves, _ => MeetingText.OnlyOfficeCancels }, cancellationToken);
            return;
        }

        var draft = new Draft { Mode = mode, Host = actor.Has(Roles.OfficeStaff) ? null : actor.Id };
        if (mode == Mode.Create)
        {
            await AskAsync(turn, draft, Step.Kind, cancellationToken);
            return;
        }

        var changeable = await service.ChangeableAsync(actor, turn.Work, cancellationToken);
        if (changeable.Count == 0)
        {
            await ReplyAsync(turn, MeetingText.NothingToChange, cancellationToken);
            return;
        }

        await SaveAsync(turn, Step.Pick, draft with { Candidates = [.. changeable.Select(m => m.Id)] }, cancellationToken);
        await turn.ReplyAsync(MeetingText.PickMeetingToChange(changeable, mode == Mode.Move, notices.Office), cancellationToken);
    }

    /// <inheritdoc/>
    protected override Task OnStepAsync(Turn turn, Step step, Draft draft, CancellationToken cancellationToken)
    {
        var said = turn.Said.Trim();
        var keep = draft.Mode == Mode.Move && Commands.Is(said, MeetingText.KeepWords);
        return step switch
        {
            Step.Kind => KindAsync(turn, draft, said, cancellationToken),
            Step.Title => NextAsync(turn, draft with { Title = said }, Step.Time, cancellationToken),
            Step.Time when keep => NextAsync(turn, draft with { Start = null, End = null }, Step.Place, cancellationToken),
            Step.Time => TimeAsync(turn, draft, said, cancellationToken),
            Step.Place => NextAsync(turn, draft with { Place = keep ? null : said }, draft.Mode == Mode.Move ? Step.Confirm : Step.Attendees, cancellationToken),
            Step.Attendees => AttendeesAsync(turn, draft, said, cancellationToken),
            Step.Host => NextAsync(turn, draft with { Host = Commands.Is(said, MeetingText.MeWords) ? turn.Person.Id : said }, Step.Confirm, cancellationToken),
            Step.Pick => PickAsync(turn, draft, said, cancellationToken),
            Step.CancelReason => NextAsync(turn, draft with { Reason = Commands.Is(said, MeetingText.NoReasonWords) ? null : said }, Step.Confirm, cancellationToken),
            _ => FinishAsync(turn, draft, said, cancellationToken),
        };
    }

    private async Task KindAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var kind = Prompt.ReadChoice(said, MeetingText.AskKind.Choices) is { } k ? MeetingText.KindChoices[k] : MeetingKinds.TryParse(said, out _) ? said : null;
        await (kind is null ? turn.ReplyAsync(MeetingText.AskKind, cancellationToken) : NextAsync(turn, draft with { Kind = kind }, Step.Title, cancellationToken));
    }

    private async Task TimeAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        if (!MeetingInput.TrySplitTimeRange(said, out var start, out var end) || (draft.Mode == Mode.Create && end is null))
        {
            await ReplyAsync(turn, MeetingText.BadTimeRange(said), cancellationToken);
            return;
        }

        await NextAsync(turn, draft with { Start = start, End = end }, Step.Place, cancellationToken);
    }

    private async Task AttendeesAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        await NextAsync(turn, draft with { Attendees = MeetingInput.AttendeeSpecs(said, snapshot) }, draft.Host is null ? Step.Host : Step.Confirm, snapshot, cancellationToken);
    }

    private async Task PickAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        if (Prompt.ReadNumber(said, draft.Candidates.Count) is not { } pick)
        {
            await ReplyAsync(turn, MeetingText.PickByNumber(draft.Candidates.Count), cancellationToken);
            return;
        }

        await NextAsync(turn, draft with { MeetingId = draft.Candidates[pick] }, draft.Mode == Mode.Move ? Step.Time : Step.CancelReason, cancellationToken);
    }

    private Task NextAsync(Turn turn, Draft draft, Step step, CancellationToken cancellationToken) => NextAsync(turn, draft, step, null, cancellationToken);

    /// <summary>Moves to a step: asks its question; at the end checks the whole draft and shows the summary to confirm.</summary>
    private async Task NextAsync(Turn turn, Draft draft, Step step, DirectorySnapshot? snapshot, CancellationToken cancellationToken)
    {
        if (draft.Fixing)
        {
            // A field the use case refused was answered again: straight back to the summary.
            (step, draft) = (Step.Confirm, draft with { Fixing = false });
        }

        if (step != Step.Confirm)
        {
            await AskAsync(turn, draft, step, cancellationToken);
            return;
        }

        // The summary shows only what the use case will accept: a refused field is said and asked again first.
        var (summary, refusal) = await SummaryAsync(turn, draft, snapshot, cancellationToken);
        if (refusal is not null)
        {
            await BackToFieldAsync(turn, draft, refusal, cancellationToken);
            return;
        }

        await SaveAsync(turn, Step.Confirm, draft, cancellationToken);
        await turn.ReplyAsync(summary!, cancellationToken);
    }

    /// <summary>The summary of the draft as the use case checked it (nothing written), or the use case's refusal; <paramref name="snapshot"/> when this turn loaded it already.</summary>
    private async Task<(OutboundMessage? Summary, MeetingRefusal? Refusal)> SummaryAsync(Turn turn, Draft draft, DirectorySnapshot? snapshot, CancellationToken cancellationToken)
    {
        switch (draft.Mode)
        {
            case Mode.Create:
                snapshot ??= await directory.LoadAsync(cancellationToken);
                return service.Check(turn.Actor, draft.ToMeetingDraft(), snapshot) is { } refused
                    ? (null, refused)
                    : (MeetingText.CreateSummary(draft.ToMeetingDraft(), snapshot, calendar.Zone, notices.Office), null);
            case Mode.Move:
                var move = await service.CheckMoveAsync(turn.Actor, turn.Work, draft.MeetingId!.Value, draft.Start, draft.End, draft.Place, cancellationToken);
                return move.Succeeded ? (MeetingText.MoveSummary(move.Value.Before, move.Value.After, notices.Office), null) : (null, move.Refusal);
            default:
                return await stores.For(turn.Work).FindMeetingAsync(draft.MeetingId!.Value, cancellationToken) is { } meeting
                    ? (MeetingText.CancelSummary(meeting, draft.Reason, notices.Office), null)
                    : (null, MeetingRefusal.NoMeeting(draft.MeetingId.Value));
        }
    }

    private async Task AskAsync(Turn turn, Draft draft, Step step, CancellationToken cancellationToken)
    {
        await SaveAsync(turn, step, draft, cancellationToken);
        await turn.ReplyAsync(MeetingText.AskArrange(step, draft.Mode == Mode.Move), cancellationToken);
    }

    /// <summary>The answer to the summary: 确认 runs the use case; a same-title meeting asks once more; a refusal goes back to its field.</summary>
    private async Task FinishAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        if (Commands.Normalize(said) == MeetingText.AnotherAnyway)
        {
            draft = draft with { AllowDuplicate = true };
        }
        else if (!(Commands.Normalize(said) is MeetingText.ConfirmArrange or MeetingText.ConfirmCancel or ConversationText.Confirm || Prompt.ReadNumber(said, 1) == 0))
        {
            await turn.ReplyAsync(MeetingText.ConfirmOrCancel(draft.Mode == Mode.Cancel, draft.AllowDuplicate), cancellationToken);
            return;
        }

        var (reply, refusal) = await RunAsync(turn.Actor, turn.Work, draft, cancellationToken);
        if (refusal is null)
        {
            await ClearAsync(turn, cancellationToken);
            await ReplyAsync(turn, reply!, cancellationToken);
        }
        else if (refusal.Kind == MeetingProblemKind.Duplicate)
        {
            await SaveAsync(turn, Step.Confirm, draft, cancellationToken);
            await turn.ReplyAsync(MeetingText.AskDuplicate(refusal.Message), cancellationToken);
        }
        else
        {
            await BackToFieldAsync(turn, draft, refusal, cancellationToken);
        }
    }

    /// <summary>Runs the use case of the dialog's mode: the reply to show, or the refusal.</summary>
    private async Task<(string? Reply, MeetingRefusal? Refusal)> RunAsync(Actor actor, IUnitOfWork work, Draft draft, CancellationToken cancellationToken)
    {
        switch (draft.Mode)
        {
            case Mode.Create:
                var created = await service.CreateAsync(actor, work, draft.ToMeetingDraft(), cancellationToken);
                return (created.Value is { } c ? MeetingText.Arranged(c, notices.Office) : null, created.Refusal);
            case Mode.Move:
                var moved = await service.MoveAsync(actor, work, draft.MeetingId!.Value, draft.Start, draft.End, draft.Place, cancellationToken);
                return (moved.Value is { } m ? MeetingText.Moved(m, notices.Office) : null, moved.Refusal);
            default:
                var cancelled = await service.CancelAsync(actor, work, draft.MeetingId!.Value, draft.Reason, wholeSeries: false, cancellationToken);
                return (cancelled.Value is { } list ? MeetingText.CancelledReply(list[0], notices.Office) : null, cancelled.Refusal);
        }
    }

    /// <summary>Shows the use case's refusal and asks again for the first field it names (or ends the dialog when none can be fixed).</summary>
    private async Task BackToFieldAsync(Turn turn, Draft draft, MeetingRefusal refusal, CancellationToken cancellationToken)
    {
        var field = refusal.Errors.Keys.FirstOrDefault() ?? "";
        Step? step = field switch
        {
            "kind" => Step.Kind,
            "title" => Step.Title,
            "start" or "end" => Step.Time,
            "place" or "link" => Step.Place,
            "attendees" => Step.Attendees,
            "host" when draft.Mode == Mode.Create && turn.Person.Roles.HasFlag(Roles.OfficeStaff) => Step.Host,
            "reason" => Step.CancelReason,
            _ => null,
        };
        if (step is null || refusal.Kind is MeetingProblemKind.Forbidden or MeetingProblemKind.NotFound or MeetingProblemKind.Conflict)
        {
            await ClearAsync(turn, cancellationToken);
            await ReplyAsync(turn, refusal.Message, cancellationToken);
            return;
        }

        await ReplyAsync(turn, refusal.Errors[field], cancellationToken);
        await AskAsync(turn, draft with { Fixing = true }, step.Value, cancellationToken);
    }

    /// <summary>The arrange dialog's data.</summary>
    public sealed record Draft
    {
        public Mode Mode { get; init; }

        public string? Kind { get; init; }

        public string? Title { get; init; }

        public string? Start { get; init; }

        public string? End { get; init; }

        public string? Place { get; init; }

        public List<string> Attendees { get; init; } = [];

        public string? Host { get; init; }

        public bool AllowDuplicate { get; init; }

        public List<long> Candidates { get; init; } = [];

        public long? MeetingId { get; init; }

        public string? Reason { get; init; }

        /// <summary>Answering a field the use case refused: the next answer returns to the summary.</summary>
        public bool Fixing { get; init; }

        /// <summary>The draft as the use case takes it: a place that is a web address is the link.</summary>
        public MeetingDraft ToMeetingDraft()
        {
            var isLink = Place is { } p && p.StartsWith("http", StringComparison.OrdinalIgnoreCase);
            return new MeetingDraft(Kind, Title, Host, Start, End, isLink ? null : Place, isLink ? Place : null, null, Attendees, null, AllowDuplicate);
        }
    }
}
