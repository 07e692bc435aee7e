using System.Text.RegularExpressions;

namespace ChatOps.Core.Meetings;

/// <summary>
/// Meetings in the conversation (seed 000 第十三条): attendees answer 参加 or 请假 (<see cref="MeetingLeaveDialog"/>),
/// the host approves or rejects with a comment (<see cref="MeetingRejectDialog"/>), a substitute may decline
/// (<see cref="MeetingDeclineDialog"/>), hosts and the office read the roster, office staff and hosts arrange, move and
/// cancel meetings (<see cref="MeetingArrangeDialog"/>) and confirm one flagged for a holiday, and liaisons report on
/// agreed items (<see cref="MeetingFeedbackDialog"/>). Every button's value is also accepted typed ("请假 #12"), and the
/// bare labels (参加, 请假, 批准, 不批准, 反馈) work on channels without buttons when the meeting or request is
/// unambiguous. This class only routes and shows: every rule is <see cref="MeetingAttendance"/>'s or <see cref="MeetingService"/>'s.
/// </summary>
public sealed partial class MeetingFeature(
    IDirectoryRepository directory,
    MeetingService service,
    MeetingAttendance attendance,
    MeetingNotices notices,
    MeetingArrangeDialog arrange,
    MeetingLeaveDialog leave,
    MeetingRejectDialog reject,
    MeetingDeclineDialog decline,
    MeetingFeedbackDialog feedback) : IConversationFeature
{
    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } =
        [MeetingLeaveDialog.Name, MeetingRejectDialog.Name, MeetingFeedbackDialog.Name, MeetingDeclineDialog.Name, MeetingArrangeDialog.Name];

    /// <inheritdoc/>
    public async Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default)
    {
        var said = Commands.Normalize(turn.Said).Normalize(NormalizationForm.FormKC);
        var action = ActionPattern().Match(said);
        if (action.Success)
        {
            var verb = action.Groups[1].Value;
            var id = long.Parse(action.Groups[2].Value, CultureInfo.InvariantCulture);
            await HandleActionAsync(turn, verb, id, cancellationToken);
            return true;
        }

        // Bare words are commands only outside a dialog, so they never swallow an answer to another question.
        if (state is not null)
        {
            return false;
        }

        if (ArrangeMode(said) is { } mode)
        {
            await arrange.StartAsync(turn, mode, cancellationToken);
            return true;
        }

        if (Commands.Is(said, MeetingText.MyMeetingsWords))
        {
            await ListMyMeetingsAsync(turn, cancellationToken);
            return true;
        }

        if (Commands.Is(said, MeetingText.ItemsWords))
        {
            await ListItemsAsync(turn, cancellationToken);
            return true;
        }

        if (Commands.Is(said, MeetingText.RosterWords))
        {
            await RosterForHostAsync(turn, cancellationToken);
            return true;
        }

        if (Commands.Is(said, MeetingText.AttendWords) || Commands.Is(said, MeetingText.LeaveWords))
        {
            return await BareAttendOrLeaveAsync(turn, attend: Commands.Is(said, MeetingText.AttendWords), cancellationToken);
        }

        if (said is MeetingText.Approve or MeetingText.Reject)
        {
            return await BareDecisionAsync(turn, approve: said == MeetingText.Approve, cancellationToken);
        }

        if (Commands.Is(said, MeetingText.FeedbackWords))
        {
            await BareFeedbackAsync(turn, cancellationToken);
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) => state.Dialog switch
    {
        MeetingLeaveDialog.Name => leave.ContinueAsync(turn, state, cancellationToken),
        MeetingRejectDialog.Name => reject.ContinueAsync(turn, state, cancellationToken),
        MeetingDeclineDialog.Name => decline.ContinueAsync(turn, state, cancellationToken),
        MeetingArrangeDialog.Name => arrange.ContinueAsync(turn, state, cancellationToken),
        _ => feedback.ContinueAsync(turn, state, cancellationToken),
    };

    /// <inheritdoc/>
    public async Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(MeetingText.DialogCancelled(state.Dialog)), cancellationToken);
    }

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person) => MeetingText.HelpLines(person.Roles);

    private static MeetingArrangeDialog.Mode? ArrangeMode(string said) =>
        Commands.Is(said, MeetingText.CreateWords) ? MeetingArrangeDialog.Mode.Create
        : Commands.Is(said, MeetingText.MoveWords) ? MeetingArrangeDialog.Mode.Move
        : Commands.Is(said, MeetingText.CancelWords) ? MeetingArrangeDialog.Mode.Cancel
        : null;

    private Task HandleActionAsync(Turn turn, string verb, long id, CancellationToken cancellationToken) => verb switch
    {
        MeetingText.Attend => AttendAsync(turn, id, cancellationToken),
        MeetingText.Leave => leave.StartAsync(turn, id, cancellationToken),
        MeetingText.ApproveLeave or MeetingText.Approve => ApproveAsync(turn, id, cancellationToken),
        MeetingText.Reject => reject.StartAsync(turn, id, cancellationToken),
        MeetingText.Roster => RosterAsync(turn, id, cancellationToken),
        MeetingText.Feedback => feedback.StartAsync(turn, id, cancellationToken),
        MeetingText.HoldAnyway => ConfirmAsync(turn, id, cancellationToken),
        MeetingText.CannotAttend => decline.StartAsync(turn, id, cancellationToken),
        _ => CancelMeetingAsync(turn, id, cancellationToken),
    };

    /// <summary>参加 #id.</summary>
    private async Task AttendAsync(Turn turn, long id, CancellationToken cancellationToken) =>
        await ReplyAsync(turn, (await attendance.AttendAsync(turn.Actor, turn.Work, id, cancellationToken)).Message, cancellationToken);

    /// <summary>批准请假 #id from the host.</summary>
    private async Task ApproveAsync(Turn turn, long requestId, CancellationToken cancellationToken) =>
        await ReplyAsync(turn, (await attendance.ApproveAsync(turn.Actor, turn.Work, requestId, cancellationToken)).Message, cancellationToken);

    /// <summary>Office staff: 照常召开 #id for a meeting flagged on a day off.</summary>
    private async Task ConfirmAsync(Turn turn, long id, CancellationToken cancellationToken) =>
        await ReplyAsync(turn, (await service.ConfirmAsync(turn.Actor, turn.Work, id, cancellationToken)).Say(m => MeetingText.Confirmed(m, notices.Office)), cancellationToken);

    /// <summary>取消会议 #id.</summary>
    private async Task CancelMeetingAsync(Turn turn, long id, CancellationToken cancellationToken) =>
        await ReplyAsync(turn, (await service.CancelAsync(turn.Actor, turn.Work, id, null, wholeSeries: false, cancellationToken))
            .Say(list => MeetingText.CancelledReply(list[0], notices.Office)), cancellationToken);

    private static Task ReplyAsync(Turn turn, string text, CancellationToken cancellationToken) => turn.ReplyAsync(OutboundMessage.Plain(text), cancellationToken);

    [GeneratedRegex(@"^(参加|请假|批准请假|批准|不批准|名单|反馈|照常召开|取消会议|不能参加)\s*#\s*(\d{1,18})$")]
    private static partial Regex ActionPattern();
}
