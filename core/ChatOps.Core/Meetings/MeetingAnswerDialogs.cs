namespace ChatOps.Core.Meetings;

/// <summary>The draft of a dialog that answers one meeting, leave request or agreed item: its number.</summary>
public class MeetingAnswerDraft
{
    /// <summary>The meeting, request or item answered (#id).</summary>
    public long Id { get; set; }
}

/// <summary>The one step of a dialog that takes a single text answer.</summary>
public enum MeetingAnswerStep
{
    /// <summary>The text (a comment, a reason).</summary>
    Text,
}

/// <summary>
/// The base of the dialogs that answer one meeting, leave request or agreed item by its number (请假 #id, 不批准 #id,
/// 不能参加 #id, 反馈 #id): the use case says whether the actor may answer it now — its message is the first question,
/// or why not — and the dialog opens at its first step with the number in the draft.
/// </summary>
/// <typeparam name="TDraft">The dialog's data.</typeparam>
/// <typeparam name="TStep">The dialog's steps; the first one declared is where it opens.</typeparam>
public abstract class MeetingAnswerDialog<TDraft, TStep>(string name) : MeetingDialog<TDraft, TStep>(name)
    where TDraft : MeetingAnswerDraft, new()
    where TStep : struct, Enum
{
    /// <summary>Asks the first question when the use case allows the actor to answer #<paramref name="id"/>; says why not otherwise.</summary>
    public async Task StartAsync(Turn turn, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var allowed = await AllowedAsync(turn.Actor, turn.Work, id, cancellationToken);
        if (allowed.Succeeded)
        {
            await SaveAsync(turn, default(TStep), new TDraft { Id = id }, cancellationToken);
        }
        else if (EndsDialogWhenRefused)
        {
            await ClearAsync(turn, cancellationToken);
        }

        await ReplyAsync(turn, allowed.Message, cancellationToken);
    }

    /// <summary>True when a refused start also ends a dialog the person was in.</summary>
    protected virtual bool EndsDialogWhenRefused => false;

    /// <summary>The use case's answer to whether <paramref name="actor"/> may answer #<paramref name="id"/> now.</summary>
    protected abstract Task<MeetingOutcome> AllowedAsync(Actor actor, IUnitOfWork work, long id, CancellationToken cancellationToken);

    /// <summary>A text answer: the trimmed text, or null after saying <paramref name="problem"/> (the step is asked again).</summary>
    protected static async Task<string?> TextAsync(Turn turn, string? problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (problem is null)
        {
            return turn.Said.Trim();
        }

        await ReplyAsync(turn, problem, cancellationToken);
        return null;
    }
}

/// <summary>不批准 #id: the host's comment, told to the requester (<see cref="MeetingAttendance.RejectAsync"/>).</summary>
public sealed class MeetingRejectDialog(MeetingAttendance attendance) : MeetingAnswerDialog<MeetingAnswerDraft, MeetingAnswerStep>(Name)
{
    /// <summary>The dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "leave-reject";

    /// <inheritdoc/>
    protected override Task<MeetingOutcome> AllowedAsync(Actor actor, IUnitOfWork work, long id, CancellationToken cancellationToken) =>
        attendance.CanDecideAsync(actor, work, id, cancellationToken);

    /// <inheritdoc/>
    protected override async Task OnStepAsync(Turn turn, MeetingAnswerStep step, MeetingAnswerDraft draft, CancellationToken cancellationToken)
    {
        if (await TextAsync(turn, MeetingAttendance.CheckComment(turn.Said), cancellationToken) is not { } comment)
        {
            return;
        }

        await ClearAsync(turn, cancellationToken);
        await ReplyAsync(turn, (await attendance.RejectAsync(turn.Actor, turn.Work, draft.Id, comment, cancellationToken)).Message, cancellationToken);
    }
}

/// <summary>不能参加 #id: a substitute's reason for not attending after all (<see cref="MeetingAttendance.DeclineAsync"/>).</summary>
public sealed class MeetingDeclineDialog(MeetingAttendance attendance) : MeetingAnswerDialog<MeetingAnswerDraft, MeetingAnswerStep>(Name)
{
    /// <summary>The dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "substitute-decline";

    /// <inheritdoc/>
    protected override Task<MeetingOutcome> AllowedAsync(Actor actor, IUnitOfWork work, long id, CancellationToken cancellationToken) =>
        attendance.CanDeclineAsync(actor, work, id, cancellationToken);

    /// <inheritdoc/>
    protected override async Task OnStepAsync(Turn turn, MeetingAnswerStep step, MeetingAnswerDraft draft, CancellationToken cancellationToken)
    {
        var outcome = await attendance.DeclineAsync(turn.Actor, turn.Work, draft.Id, turn.Said, cancellationToken);
        if (outcome.Kind != MeetingOutcomeKind.AskAgain)
        {
            await ClearAsync(turn, cancellationToken);
        }

        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }
}

/// <summary>反馈 #id: the progress on an agreed item, then whether it is done (<see cref="MeetingService.FeedBackAsync"/>).</summary>
public sealed class MeetingFeedbackDialog(MeetingService service) : MeetingAnswerDialog<MeetingFeedbackDialog.Draft, MeetingFeedbackDialog.Step>(Name)
{
    /// <summary>The dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "feedback";

    /// <summary>The steps.</summary>
    public enum Step
    {
        /// <summary>What was done.</summary>
        Text,

        /// <summary>已完成 or 正在推进.</summary>
        Status,
    }

    /// <inheritdoc/>
    protected override Task<MeetingOutcome> AllowedAsync(Actor actor, IUnitOfWork work, long id, CancellationToken cancellationToken) =>
        service.CanFeedBackAsync(actor, work, id, cancellationToken);

    /// <inheritdoc/>
    protected override Task OnStepAsync(Turn turn, Step step, Draft draft, CancellationToken cancellationToken) => step switch
    {
        Step.Text => TextAsync(turn, draft, cancellationToken),
        _ => StatusAsync(turn, draft, cancellationToken),
    };

    private async Task TextAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        if (await TextAsync(turn, MeetingService.CheckFeedback(turn.Said), cancellationToken) is not { } text)
        {
            return;
        }

        draft.Text = text;
        await SaveAsync(turn, Step.Status, draft, cancellationToken);
        await turn.ReplyAsync(MeetingText.AskItemDone, cancellationToken);
    }

    private async Task StatusAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var said = Commands.Normalize(turn.Said);
        bool? done = Prompt.ReadChoice(said, MeetingText.AskItemDone.Choices) switch
        {
            0 => true,
            1 => false,
            _ => Commands.Is(said, MeetingText.DoneWords) ? true : Commands.Is(said, MeetingText.OngoingWords) ? false : null,
        };
        if (done is null)
        {
            await turn.ReplyAsync(MeetingText.AskItemDoneAgain, cancellationToken);
            return;
        }

        await ClearAsync(turn, cancellationToken);
        await ReplyAsync(turn, (await service.FeedBackAsync(turn.Actor, turn.Work, draft.Id, draft.Text!, done.Value, cancellationToken)).Message, cancellationToken);
    }

    /// <summary>The item and the progress typed so far.</summary>
    public sealed class Draft : MeetingAnswerDraft
    {
        public string? Text { get; set; }
    }
}
