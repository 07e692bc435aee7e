namespace ChatOps.Core.Meetings;

/// <summary>
/// What the chat lists: 会议, 名单, 议定事项, and the choices a bare 参加 / 请假 / 批准 / 反馈 can mean. A numbered reply
/// ("1") to such a list answers it through the engine's last card per person (<see cref="LastCard"/>): the number
/// becomes the button's value.
/// </summary>
public sealed partial class MeetingFeature
{
    /// <summary>会议: the person's upcoming meetings and their answers; 参加 / 请假 when exactly one waits for an answer.</summary>
    private async Task ListMyMeetingsAsync(Turn turn, CancellationToken cancellationToken)
    {
        var mine = await attendance.MyMeetingsAsync(turn.Actor, turn.Work, cancellationToken);
        if (mine.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(MeetingText.NoUpcomingMeetings), cancellationToken);
            return;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var lines = mine.Select((m, i) => MeetingText.MyMeetingLine(i + 1, m, turn.Person.Id, snapshot, notices.Office)).ToList();
        var waiting = mine.Where(m => m.AwaitsAnswer).ToList();
        await turn.ReplyAsync(MeetingText.MyMeetings(lines, waiting.Count == 1 ? waiting[0].Meeting : null), cancellationToken);
    }

    /// <summary>名单 #id for the host or office staff.</summary>
    private async Task RosterAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        var roster = await service.RosterAsync(turn.Actor, turn.Work, id, cancellationToken);
        await turn.ReplyAsync(roster.Value is { } r ? MeetingText.RosterMessage(r, notices.Office) : OutboundMessage.Plain(roster.Refusal!.Message), cancellationToken);
    }

    /// <summary>名单: the roster of the host's next meeting, and the ids of the others (office staff: every upcoming meeting).</summary>
    private async Task RosterForHostAsync(Turn turn, CancellationToken cancellationToken)
    {
        var actor = turn.Actor;
        var hosted = (await attendance.MyMeetingsAsync(actor, turn.Work, cancellationToken)).Select(m => m.Meeting).Where(m => m.HostId == actor.Id).ToList();
        if (hosted.Count == 0)
        {
            var all = await service.AllUpcomingAsync(actor, turn.Work, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(all is null ? MeetingText.NoHostedMeetings : MeetingText.AllMeetings(all, notices.Office)), cancellationToken);
            return;
        }

        await RosterAsync(turn, hosted[0].Id, cancellationToken);
        if (hosted.Count > 1)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(MeetingText.OtherHostedMeetings(hosted.Skip(1), notices.Office)), cancellationToken);
        }
    }

    /// <summary>Bare 参加 / 请假 typed on a channel without buttons: the one meeting it can mean, or a list to pick from.</summary>
    private async Task<bool> BareAttendOrLeaveAsync(Turn turn, bool attend, CancellationToken cancellationToken)
    {
        var candidates = await attendance.AnswerableAsync(turn.Actor, turn.Work, attend, cancellationToken);
        await (candidates.Count switch
        {
            0 => ReplyAsync(turn, attend ? MeetingText.NothingToAttend : MeetingText.NothingToLeave, cancellationToken),
            1 when attend => AttendAsync(turn, candidates[0].Id, cancellationToken),
            1 => leave.StartAsync(turn, candidates[0].Id, cancellationToken),
            _ => turn.ReplyAsync(MeetingText.PickMeeting(candidates, attend, notices.Office), cancellationToken),
        });
        return true;
    }

    /// <summary>Bare 批准 / 不批准 typed by a host: the one pending request they can mean, or a list.</summary>
    private async Task<bool> BareDecisionAsync(Turn turn, bool approve, CancellationToken cancellationToken)
    {
        var pending = await attendance.PendingDecisionsAsync(turn.Actor, turn.Work, cancellationToken);
        switch (pending.Count)
        {
            case 0 when !turn.Person.Roles.HasFlag(Organization.Roles.MeetingHost):
                return false;
            case 0:
                await ReplyAsync(turn, MeetingText.NothingToDecide, cancellationToken);
                return true;
            case 1:
                await (approve ? ApproveAsync(turn, pending[0].Request.Id, cancellationToken) : reject.StartAsync(turn, pending[0].Request.Id, cancellationToken));
                return true;
            default:
                await turn.ReplyAsync(MeetingText.PickRequest(pending, approve, await directory.LoadAsync(cancellationToken)), cancellationToken);
                return true;
        }
    }

    /// <summary>Bare 反馈: the person's one open item, or a list of them.</summary>
    private async Task BareFeedbackAsync(Turn turn, CancellationToken cancellationToken)
    {
        var open = await service.OpenItemsAsync(turn.Actor, turn.Work, everyone: false, cancellationToken);
        await (open.Count switch
        {
            0 => ReplyAsync(turn, MeetingText.NoItemsToFeedBack, cancellationToken),
            1 => feedback.StartAsync(turn, open[0].Item.Id, cancellationToken),
            _ => turn.ReplyAsync(MeetingText.PickItem([.. open.Select(i => i.Item)]), cancellationToken),
        });
    }

    /// <summary>议定事项: a liaison sees their units' open items; office staff see every open item, overdue first.</summary>
    private async Task ListItemsAsync(Turn turn, CancellationToken cancellationToken)
    {
        var office = turn.Person.Roles.HasFlag(Organization.Roles.OfficeStaff);
        var items = await service.OpenItemsAsync(turn.Actor, turn.Work, everyone: true, cancellationToken);
        if (items.Count == 0)
        {
            await ReplyAsync(turn, office ? MeetingText.NoOpenItems : MeetingText.NoOwnOpenItems, cancellationToken);
            return;
        }

        await turn.ReplyAsync(MeetingText.OpenItems(items, await directory.LoadAsync(cancellationToken), withHowTo: !office), cancellationToken);
    }
}
