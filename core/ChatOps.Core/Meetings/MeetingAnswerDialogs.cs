using ChatOps.Core.Conversations;

namespace ChatOps.Core.Meetings;

/// <summary>不批准 #id: the host's comment, told to the requester (<see cref="MeetingAttendance.RejectAsync"/>).</summary>
public sealed class MeetingRejectDialog(MeetingAttendance attendance) : MeetingDialog<MeetingRejectDialog.Draft, MeetingRejectDialog.Step>
{
    /// <summary>The dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "leave-reject";

    /// <summary>The one step.</summary>
    public enum Step
    {
        /// <summary>The host's comment.</summary>
        Comment,
    }

    /// <inheritdoc/>
    protected override string DialogName => Name;

    /// <summary>Asks for the comment when the actor may decide the request now.</summary>
    public async Task StartAsync(Turn turn, long requestId, CancellationToken cancellationToken = default)
    {
        await StartAsync(turn, await attendance.CanDecideAsync(ActorOf(turn), turn.Work, requestId, cancellationToken), Step.Comment, new Draft { RequestId = requestId }, cancellationToken);
    }

    /// <inheritdoc/>
    protected override async Task OnStepAsync(Turn turn, Step step, Draft draft, CancellationToken cancellationToken)
    {
        if (MeetingAttendance.CheckComment(turn.Said) is { } problem)
        {
            await ReplyAsync(turn, problem, cancellationToken);
            return;
        }

        await ClearAsync(turn, cancellationToken);
        await ReplyAsync(turn, (await attendance.RejectAsync(ActorOf(turn), turn.Work, draft.RequestId, turn.Said, cancellationToken)).Message, cancellationToken);
    }

    /// <summary>The request being decided.</summary>
    public sealed class Draft
    {
        public long RequestId { get; set; }
    }
}

/// <summary>不能参加 #id: a substitute's reason for not attending after all (<see cref="MeetingAttendance.DeclineAsync"/>).</summary>
public sealed class MeetingDeclineDialog(MeetingAttendance attendance) : MeetingDialog<MeetingDeclineDialog.Draft, MeetingDeclineDialog.Step>
{
    /// <summary>The dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "substitute-decline";

    /// <summary>The one step.</summary>
    public enum Step
    {
        /// <summary>Why the substitute cannot attend.</summary>
        Reason,
    }

    /// <inheritdoc/>
    protected override string DialogName => Name;

    /// <summary>Asks for the reason when the actor is a substitute who may still decline.</summary>
    public async Task StartAsync(Turn turn, long meetingId, CancellationToken cancellationToken = default)
    {
        await StartAsync(turn, await attendance.CanDeclineAsync(ActorOf(turn), turn.Work, meetingId, cancellationToken), Step.Reason, new Draft { MeetingId = meetingId }, cancellationToken);
    }

    /// <inheritdoc/>
    protected override async Task OnStepAsync(Turn turn, Step step, Draft draft, CancellationToken cancellationToken)
    {
        var outcome = await attendance.DeclineAsync(ActorOf(turn), turn.Work, draft.MeetingId, turn.Said, cancellationToken);
        if (outcome.Kind != MeetingOutcomeKind.AskAgain)
        {
            await ClearAsync(turn, cancellationToken);
        }

        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }

    /// <summary>The meeting the substitute declines.</summary>
    public sealed class Draft
    {
        public long MeetingId { get; set; }
    }
}

/// <summary>反馈 #id: the progress on an agreed item, then whether it is done (<see cref="MeetingService.FeedBackAsync"/>).</summary>
public sealed class MeetingFeedbackDialog(MeetingService service) : MeetingDialog<MeetingFeedbackDialog.Draft, MeetingFeedbackDialog.Step>
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
    protected override string DialogName => Name;

    /// <summary>Asks for the progress when the actor reports for the item's owner unit.</summary>
    public async Task StartAsync(Turn turn, long itemId, CancellationToken cancellationToken = default)
    {
        await StartAsync(turn, await service.CanFeedBackAsync(ActorOf(turn), turn.Work, itemId, cancellationToken), Step.Text, new Draft { ItemId = itemId }, cancellationToken);
    }

    /// <inheritdoc/>
    protected override Task OnStepAsync(Turn turn, Step step, Draft draft, CancellationToken cancellationToken) => step switch
    {
        Step.Text => TextAsync(turn, draft, cancellationToken),
        _ => StatusAsync(turn, draft, cancellationToken),
    };

    private async Task TextAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        if (MeetingService.CheckFeedback(turn.Said) is { } problem)
        {
            await ReplyAsync(turn, problem, cancellationToken);
            return;
        }

        draft.Text = turn.Said.Trim();
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
        await ReplyAsync(turn, (await service.FeedBackAsync(ActorOf(turn), turn.Work, draft.ItemId, draft.Text!, done.Value, cancellationToken)).Message, cancellationToken);
    }

    /// <summary>The item and the progress typed so far.</summary>
    public sealed class Draft
    {
        public long ItemId { get; set; }

        public string? Text { get; set; }
    }
}
