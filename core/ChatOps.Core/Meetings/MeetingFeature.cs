using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Meetings;

/// <summary>
/// Meetings in the conversation (seed 000 第十三条): attendees answer 参加 or 请假 (a short dialog: reason, then the
/// substitute — found in the directory by name, or given by name and phone), the host approves or rejects with a
/// comment, hosts and the office read the roster, office staff confirm or cancel a meeting flagged for a holiday, and
/// liaisons report on agreed items (反馈落实情况). Every button's value is also accepted typed ("请假 #12"), and the bare
/// labels (参加, 请假, 批准, 不批准, 反馈) work on channels without buttons when the meeting or request is unambiguous.
/// The dialogs only ask, parse and show: every rule is <see cref="MeetingAttendance"/>'s or <see cref="MeetingService"/>'s.
/// </summary>
public sealed partial class MeetingFeature(
    IMeetingStoreFactory stores,
    IDirectoryRepository directory,
    MeetingService service,
    MeetingAttendance attendance,
    MeetingNotices notices,
    MeetingCalendar calendar) : IConversationFeature
{
    /// <summary>The leave dialog (reason → substitute → confirm).</summary>
    public const string LeaveDialog = "leave";

    /// <summary>The host's comment when not approving.</summary>
    public const string RejectDialog = "leave-reject";

    /// <summary>The agreed-item feedback dialog.</summary>
    public const string FeedbackDialog = "feedback";

    /// <summary>A substitute's reason for not attending.</summary>
    public const string DeclineDialog = "substitute-decline";

    private static readonly string[] MyMeetings = ["会议", "我的会议", "近期会议", "meetings"];
    private static readonly string[] ItemsWords = ["议定事项", "督办事项", "items"];

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [LeaveDialog, RejectDialog, FeedbackDialog, DeclineDialog, ArrangeDialog];

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

        if (await TryArrangeAsync(turn, said, cancellationToken))
        {
            return true;
        }

        if (Commands.Is(said, MyMeetings))
        {
            await ListMyMeetingsAsync(turn, cancellationToken);
            return true;
        }

        if (Commands.Is(said, ItemsWords))
        {
            await ListItemsAsync(turn, cancellationToken);
            return true;
        }

        switch (said)
        {
            case "名单" or "参会名单" or "roster":
                await RosterForHostAsync(turn, cancellationToken);
                return true;
            case "参加" or "收到，将按时参会": // not a bare 收到: circulars are acknowledged with it
                return await BareAttendOrLeaveAsync(turn, attend: true, cancellationToken);
            case "请假" or "重新请假":
                return await BareAttendOrLeaveAsync(turn, attend: false, cancellationToken);
            case "批准" or "不批准":
                return await BareDecisionAsync(turn, approve: said == "批准", cancellationToken);
            case "反馈" or "反馈落实情况":
                await BareFeedbackAsync(turn, cancellationToken);
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc/>
    public Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) => state.Dialog switch
    {
        LeaveDialog => ContinueLeaveAsync(turn, state, cancellationToken),
        RejectDialog => ContinueRejectAsync(turn, state, cancellationToken),
        DeclineDialog => ContinueDeclineAsync(turn, state, cancellationToken),
        ArrangeDialog => ContinueArrangeAsync(turn, state, cancellationToken),
        _ => ContinueFeedbackAsync(turn, state, cancellationToken),
    };

    /// <inheritdoc/>
    public async Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(MeetingText.DialogCancelled(state.Dialog)), cancellationToken);
    }

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person) => MeetingText.HelpLines(person.Roles);

    private Task HandleActionAsync(Turn turn, string verb, long id, CancellationToken cancellationToken) => verb switch
    {
        "参加" => AttendAsync(turn, id, cancellationToken),
        "请假" => StartLeaveAsync(turn, id, cancellationToken),
        "批准请假" or "批准" => ApproveAsync(turn, id, cancellationToken),
        "不批准" => StartRejectAsync(turn, id, cancellationToken),
        "名单" => RosterAsync(turn, id, cancellationToken),
        "反馈" => StartFeedbackAsync(turn, id, cancellationToken),
        "照常召开" => ConfirmAsync(turn, id, cancellationToken),
        "不能参加" => StartDeclineAsync(turn, id, cancellationToken),
        _ => CancelMeetingAsync(turn, id, cancellationToken),
    };

    /// <summary>
    /// A question with choices outside a dialog. A numbered reply ("1") answers it through the engine's last card per
    /// person (<see cref="LastCard"/>), as it answers every feature's cards: the number becomes the button's value.
    /// </summary>
    private static Task AskAsync(Turn turn, OutboundMessage question, CancellationToken cancellationToken) =>
        turn.ReplyAsync(question, cancellationToken);

    /// <summary>不能参加 #id: a substitute starts the decline dialog (the reason).</summary>
    private async Task StartDeclineAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        var outcome = await attendance.CanDeclineAsync(ActorOf(turn), turn.Work, id, cancellationToken);
        if (outcome.Succeeded)
        {
            await SaveStateAsync(turn, DeclineDialog, "reason", id, cancellationToken);
        }

        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }

    private async Task ContinueDeclineAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var outcome = await attendance.DeclineAsync(ActorOf(turn), turn.Work, ChatOpsJson.Deserialize<long>(state.Data), turn.Said, cancellationToken);
        if (outcome.Kind != MeetingOutcomeKind.AskAgain)
        {
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        }

        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }

    /// <summary>参加 #id.</summary>
    private async Task AttendAsync(Turn turn, long id, CancellationToken cancellationToken) =>
        await ReplyAsync(turn, (await attendance.AttendAsync(ActorOf(turn), turn.Work, id, cancellationToken)).Message, cancellationToken);

    /// <summary>名单 #id for the host or office staff.</summary>
    private async Task RosterAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        try
        {
            var roster = await service.RosterAsync(ActorOf(turn), turn.Work, id, cancellationToken);
            await turn.ReplyAsync(MeetingText.RosterMessage(roster, notices.Office), cancellationToken);
        }
        catch (MeetingValidationException ex)
        {
            await ReplyAsync(turn, ex.Message, cancellationToken);
        }
    }

    /// <summary>名单: the roster of the host's next meeting, and the ids of the others.</summary>
    private async Task RosterForHostAsync(Turn turn, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var hosted = (await UpcomingAsync(store, turn, cancellationToken)).Where(m => m.HostId == turn.Person.Id).ToList();
        if (hosted.Count == 0)
        {
            var all = turn.Person.Roles.HasFlag(Roles.OfficeStaff) ? await store.ListScheduledEndingAfterAsync(turn.Now, cancellationToken) : null;
            await turn.ReplyAsync(OutboundMessage.Plain(all is null ? MeetingText.NoHostedMeetings : MeetingText.AllMeetings(all, notices.Office)), cancellationToken);
            return;
        }

        await RosterAsync(turn, hosted[0].Id, cancellationToken);
        if (hosted.Count > 1)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(MeetingText.OtherHostedMeetings(hosted.Skip(1), notices.Office)), cancellationToken);
        }
    }

    /// <summary>会议: the person's upcoming meetings and their answers.</summary>
    private async Task ListMyMeetingsAsync(Turn turn, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var lines = new List<string>();
        var unanswered = new List<Meeting>();
        foreach (var m in await UpcomingAsync(store, turn, cancellationToken))
        {
            var me = (await store.ListAttendeesAsync(m.Id, cancellationToken)).FirstOrDefault(a => a.PersonId == turn.Person.Id);
            var mine = (await store.ListLeaveAsync(m.Id, cancellationToken)).Where(r => r.PersonId == turn.Person.Id).MaxBy(r => r.Id);
            if (m.HostId != turn.Person.Id && me is null)
            {
                continue;
            }

            if (m.HostId != turn.Person.Id && me is { Role: AttendeeRole.Invitee, Answer: AttendanceAnswer.Pending } && mine?.Status is not LeaveStatus.Pending)
            {
                unanswered.Add(m);
            }

            lines.Add(MeetingText.MyMeetingLine(lines.Count + 1, m, turn.Person.Id, me, mine, snapshot, notices.Office));
        }

        if (lines.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(MeetingText.NoUpcomingMeetings), cancellationToken);
            return;
        }

        await AskAsync(turn, MeetingText.MyMeetings(lines, unanswered.Count == 1 ? unanswered[0] : null), cancellationToken);
    }

    /// <summary>Bare 参加 / 请假 typed on a channel without buttons: the one meeting it can mean, or a list to pick from.</summary>
    private async Task<bool> BareAttendOrLeaveAsync(Turn turn, bool attend, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var candidates = new List<Meeting>();
        foreach (var m in await UpcomingAsync(store, turn, cancellationToken))
        {
            var me = (await store.ListAttendeesAsync(m.Id, cancellationToken)).FirstOrDefault(a => a.PersonId == turn.Person.Id);
            if (m.IsOpen(turn.Now) && me is not null && me.Answer != AttendanceAnswer.Attending && (attend || me.Role == AttendeeRole.Invitee))
            {
                candidates.Add(m);
            }
        }

        switch (candidates.Count)
        {
            case 0:
                await turn.ReplyAsync(OutboundMessage.Plain(attend ? MeetingText.NothingToAttend : MeetingText.NothingToLeave), cancellationToken);
                return true;
            case 1:
                await (attend ? AttendAsync(turn, candidates[0].Id, cancellationToken) : StartLeaveAsync(turn, candidates[0].Id, cancellationToken));
                return true;
            default:
                await AskAsync(turn, MeetingText.PickMeeting(candidates, attend, notices.Office), cancellationToken);
                return true;
        }
    }

    /// <summary>Office staff: 照常召开 #id for a meeting flagged on a day off.</summary>
    private async Task ConfirmAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        try
        {
            var m = await service.ConfirmAsync(ActorOf(turn), turn.Work, id, cancellationToken);
            await ReplyAsync(turn, MeetingText.Confirmed(m, notices.Office), cancellationToken);
        }
        catch (MeetingValidationException ex)
        {
            await ReplyAsync(turn, ex.Message, cancellationToken);
        }
    }

    /// <summary>取消会议 #id.</summary>
    private async Task CancelMeetingAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        try
        {
            var cancelled = await service.CancelAsync(ActorOf(turn), turn.Work, id, null, wholeSeries: false, cancellationToken);
            await ReplyAsync(turn, MeetingText.CancelledReply(cancelled[0], notices.Office), cancellationToken);
        }
        catch (MeetingValidationException ex)
        {
            await ReplyAsync(turn, ex.Message, cancellationToken);
        }
    }

    /// <summary>Scheduled meetings not yet ended that the person attends or hosts, by start.</summary>
    private static async Task<List<Meeting>> UpcomingAsync(IMeetingStore store, Turn turn, CancellationToken cancellationToken)
    {
        var list = new List<Meeting>();
        foreach (var id in await store.ListMeetingIdsForPersonAsync(turn.Person.Id, turn.Now, cancellationToken))
        {
            if (await store.FindMeetingAsync(id, cancellationToken) is { AwaitingConfirmation: false } m)
            {
                list.Add(m);
            }
        }

        return [.. list.OrderBy(m => m.StartsAt)];
    }

    private static Actor ActorOf(Turn turn) => Actor.Of(turn.Person, $"chat:{turn.Message.Channel}");

    private static Task ReplyAsync(Turn turn, string text, CancellationToken cancellationToken) => turn.ReplyAsync(OutboundMessage.Plain(text), cancellationToken);

    private static int? ParseNumber(string said, int count)
    {
        var s = Commands.Normalize(said).Normalize(NormalizationForm.FormKC);
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0 && n <= count ? n : null;
    }

    private static Task SaveStateAsync(Turn turn, string dialog, string step, object data, CancellationToken cancellationToken) =>
        turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, dialog, step, ChatOpsJson.Serialize(data), turn.Now), cancellationToken);

    [GeneratedRegex(@"^(参加|请假|批准请假|批准|不批准|名单|反馈|照常召开|取消会议|不能参加)\s*#\s*(\d{1,18})$")]
    private static partial Regex ActionPattern();
}
