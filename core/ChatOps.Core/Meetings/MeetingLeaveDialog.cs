namespace ChatOps.Core.Meetings;

/// <summary>
/// 请假 #id: the reason, then the substitute — found in the directory by name, picked among namesakes, or given by name
/// and phone when outside it — then a summary to submit. <see cref="MeetingAttendance"/> checks the meeting, the
/// person, the reason and the substitute, and sends the request to the host.
/// </summary>
public sealed class MeetingLeaveDialog(IMeetingStoreFactory stores, IDirectoryRepository directory, MeetingAttendance attendance, MeetingNotices notices)
    : MeetingAnswerDialog<MeetingLeaveDialog.Draft, MeetingLeaveDialog.Step>(Name)
{
    /// <summary>The dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "leave";

    /// <summary>
    /// The steps: why the person cannot attend; who attends instead (a name, or a name and phone); one of several people
    /// of that name; someone outside the directory (name and phone); the summary (提交 or 重新指定代参人员).
    /// </summary>
    public enum Step { Reason, Substitute, Choose, External, Confirm }

    /// <inheritdoc/>
    protected override string Expired => MeetingText.LeaveDialogExpired;

    /// <inheritdoc/>
    protected override bool EndsDialogWhenRefused => true;

    /// <summary>请假 #id: the use case checks the meeting and the person, then the dialog asks for the reason.</summary>
    protected override Task<MeetingOutcome> AllowedAsync(Actor actor, IUnitOfWork work, long id, CancellationToken cancellationToken) =>
        attendance.CanRequestLeaveAsync(actor, work, id, cancellationToken);

    /// <inheritdoc/>
    protected override async Task OnStepAsync(Turn turn, Step step, Draft draft, CancellationToken cancellationToken)
    {
        if (step is Step.Reason or Step.Confirm)
        {
            await (step == Step.Reason ? ReasonAsync(turn, draft, cancellationToken) : ConfirmAsync(turn, draft, cancellationToken));
            return;
        }

        // The substitute steps read the directory: once a turn, however the answer is routed between them.
        var snapshot = await directory.LoadAsync(cancellationToken);
        await (step switch
        {
            Step.Substitute => FindSubstituteAsync(turn, draft, turn.Said.Trim(), snapshot, cancellationToken),
            Step.Choose => ChooseAsync(turn, draft, snapshot, cancellationToken),
            _ => ExternalSubstituteAsync(turn, draft, turn.Said.Trim(), snapshot, cancellationToken),
        });
    }

    private async Task ReasonAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        if (await TextAsync(turn, MeetingAttendance.CheckReason(turn.Said), cancellationToken) is not { } reason)
        {
            return;
        }

        draft.Reason = reason;
        await AskSubstituteAsync(turn, draft, cancellationToken);
    }

    private async Task ChooseAsync(Turn turn, Draft draft, DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        var said = turn.Said.Trim();
        if (said.Normalize(NormalizationForm.FormKC) == "0" || Commands.Normalize(said) == MeetingText.NoneOfThese)
        {
            await SaveAsync(turn, Step.External, draft, cancellationToken);
            await ReplyAsync(turn, MeetingText.AskExternalSubstitute, cancellationToken);
            return;
        }

        await (Prompt.ReadNumber(said, draft.Candidates.Count) is { } pick
            ? PickSubstituteAsync(turn, draft, draft.Candidates[pick], snapshot, cancellationToken)
            : FindSubstituteAsync(turn, draft, said, snapshot, cancellationToken));
    }

    private async Task ConfirmAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var choice = Prompt.ReadChoice(turn.Said, MeetingText.LeaveChoices) ?? (Prompt.ReadConfirm(turn.Said) is true ? 0 : null);
        await (choice switch
        {
            0 => SubmitAsync(turn, draft, cancellationToken),
            1 => AskSubstituteAsync(turn, draft, cancellationToken),
            _ => turn.ReplyAsync(MeetingText.SubmitOrChange, cancellationToken),
        });
    }

    private async Task AskSubstituteAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        draft.SubstituteId = null;
        draft.SubstituteName = null;
        draft.SubstitutePhone = null;
        draft.Candidates = [];
        await SaveAsync(turn, Step.Substitute, draft, cancellationToken);
        await ReplyAsync(turn, MeetingText.AskSubstitute, cancellationToken);
    }

    /// <summary>A name typed at the substitute step: search the directory; a phone number means someone outside it.</summary>
    private async Task FindSubstituteAsync(Turn turn, Draft draft, string said, DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        var (name, phone) = MeetingInput.SplitNameAndPhone(said);
        draft.Candidates = [];
        if (phone is not null)
        {
            await ExternalSubstituteAsync(turn, draft, said, snapshot, cancellationToken);
            return;
        }

        if (name.Length == 0)
        {
            await ReplyAsync(turn, MeetingText.AskSubstituteName, cancellationToken);
            return;
        }

        var found = AttendeeResolver.SearchByName(snapshot, name);
        switch (found.Count)
        {
            case 0:
                draft.SubstituteName = name;
                await SaveAsync(turn, Step.External, draft, cancellationToken);
                await ReplyAsync(turn, MeetingText.NotInDirectory(name), cancellationToken);
                return;
            case 1:
                await PickSubstituteAsync(turn, draft, found[0].Id, snapshot, cancellationToken);
                return;
            default:
                draft.Candidates = [.. found.Select(p => p.Id)];
                await SaveAsync(turn, Step.Choose, draft, cancellationToken);
                await turn.ReplyAsync(MeetingText.ChooseSubstitute(name, found, snapshot), cancellationToken);
                return;
        }
    }

    private async Task PickSubstituteAsync(Turn turn, Draft draft, string personId, DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        if (await attendance.CheckSubstituteAsync(turn.Actor, turn.Work, draft.Id, personId, snapshot, cancellationToken) is { } problem)
        {
            var choosing = draft.Candidates.Count > 1;
            await SaveAsync(turn, choosing ? Step.Choose : Step.Substitute, draft, cancellationToken);
            await ReplyAsync(turn, choosing ? MeetingText.PickAgain(problem) : problem, cancellationToken);
            return;
        }

        var person = snapshot.People.First(p => p.Id == personId);
        draft.SubstituteId = person.Id;
        draft.SubstituteName = person.Name;
        draft.SubstitutePhone = null;
        await SummaryAsync(turn, draft, snapshot, cancellationToken);
    }

    /// <summary>Someone outside the directory: a name (2–20 characters) and a mainland mobile or fixed-line number.</summary>
    private async Task ExternalSubstituteAsync(Turn turn, Draft draft, string said, DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        var (name, phoneText) = MeetingInput.SplitNameAndPhone(said);
        if (phoneText is null)
        {
            if (name.Length > 0 && AttendeeResolver.SearchByName(snapshot, name).Count > 0)
            {
                await FindSubstituteAsync(turn, draft, name, snapshot, cancellationToken);
                return;
            }

            if (name.Length > 0)
            {
                draft.SubstituteName = name;
                await SaveAsync(turn, Step.External, draft, cancellationToken);
            }

            await ReplyAsync(turn, MeetingText.AskPhone(draft.SubstituteName), cancellationToken);
            return;
        }

        name = name.Length == 0 ? draft.SubstituteName ?? "" : name;
        if (MeetingText.ExternalNameProblem(name) is { } badName)
        {
            await ReplyAsync(turn, badName, cancellationToken);
            return;
        }

        if (MeetingInput.NormalizePhone(phoneText) is not { } phone)
        {
            draft.SubstituteName = name;
            await SaveAsync(turn, Step.External, draft, cancellationToken);
            await ReplyAsync(turn, MeetingText.BadPhone(phoneText), cancellationToken);
            return;
        }

        draft.SubstituteId = null;
        draft.SubstituteName = name;
        draft.SubstitutePhone = phone;
        await SummaryAsync(turn, draft, snapshot, cancellationToken);
    }

    private async Task SummaryAsync(Turn turn, Draft draft, DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        var meeting = await stores.For(turn.Work).FindMeetingAsync(draft.Id, cancellationToken);
        if (meeting is null)
        {
            await ClearAsync(turn, cancellationToken);
            await ReplyAsync(turn, MeetingText.LeaveMeetingGone, cancellationToken);
            return;
        }

        await SaveAsync(turn, Step.Confirm, draft, cancellationToken);
        await turn.ReplyAsync(MeetingText.LeaveSummary(meeting, draft.Reason!, draft.SubstituteId, draft.SubstituteName!, draft.SubstitutePhone,
            snapshot, notices.Office), cancellationToken);
    }

    /// <summary>提交: the use case decides; a substitute already on the roster sends the person back to name another.</summary>
    private async Task SubmitAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        await ClearAsync(turn, cancellationToken);
        var outcome = await attendance.RequestLeaveAsync(turn.Actor,
            turn.Work, new LeaveApplication(draft.Id, draft.Reason!, draft.SubstituteId, draft.SubstituteName!, draft.SubstitutePhone), cancellationToken);
        if (outcome.Kind == MeetingOutcomeKind.AskAgain)
        {
            await SaveAsync(turn, Step.Substitute, draft, cancellationToken);
        }

        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }

    /// <summary>The leave dialog's data, stored as JSON in the dialog state.</summary>
    public sealed class Draft : MeetingAnswerDraft
    {
        public string? Reason { get; set; }

        public List<string> Candidates { get; set; } = [];

        public string? SubstituteId { get; set; }

        public string? SubstituteName { get; set; }

        public string? SubstitutePhone { get; set; }
    }
}
