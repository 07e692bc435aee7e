using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Meetings;

/// <summary>
/// 安排会议 / 调整会议 / 取消会议: office staff and meeting hosts arrange, move and cancel meetings in a guided dialog.
/// The dialog asks and parses; <see cref="MeetingService"/> checks every field, the permission and a meeting with the
/// same title and start (asked first), and tells the attendees.
/// </summary>
public sealed partial class MeetingFeature
{
    /// <summary>The arrange / move / cancel dialog.</summary>
    public const string ArrangeDialog = "arrange";

    private const string Create = "create";
    private const string Move = "move";
    private const string Drop = "cancel";
    private const string StepKind = "kind";
    private const string StepTitle = "title";
    private const string StepTime = "time";
    private const string StepPlace = "place";
    private const string StepAttendees = "attendees";
    private const string StepHost = "host";
    private const string StepPick = "pick";
    private const string StepReasonForCancel = "cancel-reason";
    private const string StepDone = "confirm";

    private static readonly string[] CreateWords = ["安排会议", "新建会议", "创建会议", "召开会议"];
    private static readonly string[] MoveWords = ["调整会议", "会议改期", "修改会议"];
    private static readonly string[] DropWords = ["取消会议"];

    /// <summary>The bare words that start the dialog; false for anything else.</summary>
    private async Task<bool> TryArrangeAsync(Turn turn, string said, CancellationToken cancellationToken)
    {
        var mode = Commands.Is(said, CreateWords) ? Create : Commands.Is(said, MoveWords) ? Move : Commands.Is(said, DropWords) ? Drop : null;
        if (mode is null)
        {
            return false;
        }

        var actor = ActorOf(turn);
        if (!MeetingService.MayArrange(actor))
        {
            await ReplyAsync(turn, mode == Create ? MeetingText.OnlyOfficeCreates : mode == Move ? MeetingText.OnlyOfficeMoves : MeetingText.OnlyOfficeCancels, cancellationToken);
            return true;
        }

        var draft = new ArrangeDraft { Mode = mode, Host = actor.Has(Roles.OfficeStaff) ? null : actor.Id };
        if (mode == Create)
        {
            await AskArrangeAsync(turn, draft, StepKind, cancellationToken);
            return true;
        }

        var manageable = (await stores.For(turn.Work).ListScheduledEndingAfterAsync(turn.Now, cancellationToken))
            .Where(m => !m.HasStarted(turn.Now) && MeetingService.MayManage(actor, m)).OrderBy(m => m.StartsAt).Take(9).ToList();
        if (manageable.Count == 0)
        {
            await ReplyAsync(turn, MeetingText.NothingToChange, cancellationToken);
            return true;
        }

        draft.Candidates = [.. manageable.Select(m => m.Id)];
        await SaveStateAsync(turn, ArrangeDialog, StepPick, draft, cancellationToken);
        await turn.ReplyAsync(MeetingText.PickMeetingToChange(manageable, mode == Move, notices.Office), cancellationToken);
        return true;
    }

    private async Task ContinueArrangeAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var draft = ChatOpsJson.Deserialize<ArrangeDraft>(state.Data);
        var said = turn.Said.Trim();
        var keep = Commands.Normalize(said) is "不变" or "不改" or "原样";
        switch (state.Step)
        {
            case StepKind:
                var k = ParseNumber(said, MeetingText.KindChoices.Length);
                if (k is > 0 || MeetingKinds.TryParse(said, out _))
                {
                    draft.Kind = k is > 0 ? MeetingText.KindChoices[k.Value - 1] : said;
                    await NextAsync(turn, draft, StepTitle, cancellationToken);
                    return;
                }

                await turn.ReplyAsync(MeetingText.AskKind, cancellationToken);
                return;
            case StepTitle:
                draft.Title = said;
                await NextAsync(turn, draft, StepTime, cancellationToken);
                return;
            case StepTime when draft.Mode == Move && keep:
                draft.Start = null;
                draft.End = null;
                await NextAsync(turn, draft, StepPlace, cancellationToken);
                return;
            case StepTime:
                if (!MeetingInput.TrySplitTimeRange(said, out var start, out var end) || (draft.Mode == Create && end is null))
                {
                    await ReplyAsync(turn, MeetingText.BadTimeRange(said), cancellationToken);
                    return;
                }

                (draft.Start, draft.End) = (start, end);
                await NextAsync(turn, draft, StepPlace, cancellationToken);
                return;
            case StepPlace:
                draft.Place = draft.Mode == Move && keep ? null : said;
                await NextAsync(turn, draft, draft.Mode == Move ? StepDone : StepAttendees, cancellationToken);
                return;
            case StepAttendees:
                draft.Attendees = MeetingInput.AttendeeSpecs(said, await directory.LoadAsync(cancellationToken));
                await NextAsync(turn, draft, draft.Host is null ? StepHost : StepDone, cancellationToken);
                return;
            case StepHost:
                draft.Host = Commands.Normalize(said) is "我" or "本人" ? turn.Person.Id : said;
                await NextAsync(turn, draft, StepDone, cancellationToken);
                return;
            case StepPick:
                var pick = ParseNumber(said, draft.Candidates.Count);
                if (pick is not > 0)
                {
                    await ReplyAsync(turn, MeetingText.PickByNumber(draft.Candidates.Count), cancellationToken);
                    return;
                }

                draft.MeetingId = draft.Candidates[pick.Value - 1];
                await NextAsync(turn, draft, draft.Mode == Move ? StepTime : StepReasonForCancel, cancellationToken);
                return;
            case StepReasonForCancel:
                draft.Reason = Commands.Normalize(said) is "无" or "不说明" ? null : said;
                await NextAsync(turn, draft, StepDone, cancellationToken);
                return;
            default:
                await FinishArrangeAsync(turn, draft, Commands.Normalize(said), cancellationToken);
                return;
        }
    }

    /// <summary>Moves to a step: asks its question; at the end checks the whole draft and shows the summary to confirm.</summary>
    private async Task NextAsync(Turn turn, ArrangeDraft draft, string step, CancellationToken cancellationToken)
    {
        if (draft.Fixing)
        {
            // A field the use case refused was answered again: straight back to the summary.
            step = StepDone;
            draft.Fixing = false;
        }

        if (step != StepDone)
        {
            await AskArrangeAsync(turn, draft, step, cancellationToken);
            return;
        }

        if (draft.Mode == Create)
        {
            try
            {
                await service.CheckAsync(ActorOf(turn), ToMeetingDraft(draft), cancellationToken);
            }
            catch (MeetingValidationException ex)
            {
                await BackToFieldAsync(turn, draft, ex, cancellationToken);
                return;
            }
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var meeting = draft.MeetingId is { } id ? await stores.For(turn.Work).FindMeetingAsync(id, cancellationToken) : null;
        await SaveStateAsync(turn, ArrangeDialog, StepDone, draft, cancellationToken);
        await turn.ReplyAsync(draft.Mode switch
        {
            Create => MeetingText.CreateSummary(ToMeetingDraft(draft), snapshot, calendar.Zone, notices.Office),
            Move => MeetingText.MoveSummary(meeting!, draft.Start, draft.End, draft.Place, calendar.Zone, notices.Office),
            _ => MeetingText.CancelSummary(meeting!, draft.Reason, notices.Office),
        }, cancellationToken);
    }

    private async Task AskArrangeAsync(Turn turn, ArrangeDraft draft, string step, CancellationToken cancellationToken)
    {
        await SaveStateAsync(turn, ArrangeDialog, step, draft, cancellationToken);
        await turn.ReplyAsync(step switch
        {
            StepKind => MeetingText.AskKind,
            StepTitle => OutboundMessage.Plain(MeetingText.AskTitle),
            StepTime => OutboundMessage.Plain(draft.Mode == Move ? MeetingText.AskNewTime : MeetingText.AskTime),
            StepPlace => OutboundMessage.Plain(draft.Mode == Move ? MeetingText.AskNewPlace : MeetingText.AskPlace),
            StepAttendees => OutboundMessage.Plain(MeetingText.AskAttendees),
            StepHost => OutboundMessage.Plain(MeetingText.AskHost),
            _ => OutboundMessage.Plain(MeetingText.AskCancelReason),
        }, cancellationToken);
    }

    /// <summary>The answer to the summary: 确认 runs the use case; a same-title meeting asks once more; a refusal goes back to its field.</summary>
    private async Task FinishArrangeAsync(Turn turn, ArrangeDraft draft, string said, CancellationToken cancellationToken)
    {
        if (said is MeetingText.AnotherAnyway)
        {
            draft.AllowDuplicate = true;
        }
        else if (said is not (MeetingText.ConfirmArrange or MeetingText.ConfirmCancel or "确认" or "1"))
        {
            await turn.ReplyAsync(MeetingText.ConfirmOrCancel(draft.Mode == Drop, draft.AllowDuplicate), cancellationToken);
            return;
        }

        var actor = ActorOf(turn);
        try
        {
            var reply = draft.Mode switch
            {
                Create => MeetingText.Arranged(await service.CreateAsync(actor, turn.Work, ToMeetingDraft(draft), cancellationToken), notices.Office),
                Move => MeetingText.Moved(await service.MoveAsync(actor, turn.Work, draft.MeetingId!.Value, draft.Start, draft.End, draft.Place, cancellationToken), notices.Office),
                _ => MeetingText.CancelledReply((await service.CancelAsync(actor, turn.Work, draft.MeetingId!.Value, draft.Reason, wholeSeries: false, cancellationToken))[0], notices.Office),
            };
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
            await ReplyAsync(turn, reply, cancellationToken);
        }
        catch (MeetingValidationException ex) when (ex.Kind == MeetingProblemKind.Duplicate)
        {
            await SaveStateAsync(turn, ArrangeDialog, StepDone, draft, cancellationToken);
            await turn.ReplyAsync(MeetingText.AskDuplicate(ex.Message), cancellationToken);
        }
        catch (MeetingValidationException ex)
        {
            await BackToFieldAsync(turn, draft, ex, cancellationToken);
        }
    }

    /// <summary>Shows the use case's refusal and asks again for the first field it names (or ends the dialog when none can be fixed).</summary>
    private async Task BackToFieldAsync(Turn turn, ArrangeDraft draft, MeetingValidationException ex, CancellationToken cancellationToken)
    {
        var field = ex.Errors.Keys.FirstOrDefault() ?? "";
        var step = field switch
        {
            "kind" => StepKind,
            "title" => StepTitle,
            "start" or "end" => StepTime,
            "place" or "link" => StepPlace,
            "attendees" => StepAttendees,
            "host" when draft.Mode == Create && turn.Person.Roles.HasFlag(Roles.OfficeStaff) => StepHost,
            "reason" => StepReasonForCancel,
            _ => null,
        };
        if (step is null || ex.Kind is MeetingProblemKind.Forbidden or MeetingProblemKind.NotFound or MeetingProblemKind.Conflict)
        {
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
            await ReplyAsync(turn, ex.Message, cancellationToken);
            return;
        }

        draft.Fixing = true;
        await ReplyAsync(turn, ex.Errors[field], cancellationToken);
        await AskArrangeAsync(turn, draft, step, cancellationToken);
    }

    private static MeetingDraft ToMeetingDraft(ArrangeDraft d) =>
        new(d.Kind, d.Title, d.Host, d.Start, d.End, d.Place is { } p && p.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? null : d.Place,
            d.Place is { } l && l.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? l : null, null, d.Attendees, null, d.AllowDuplicate);

    /// <summary>The arrange dialog's data.</summary>
    internal sealed class ArrangeDraft
    {
        public string Mode { get; set; } = Create;

        public string? Kind { get; set; }

        public string? Title { get; set; }

        public string? Start { get; set; }

        public string? End { get; set; }

        public string? Place { get; set; }

        public List<string> Attendees { get; set; } = [];

        public string? Host { get; set; }

        public bool AllowDuplicate { get; set; }

        public List<long> Candidates { get; set; } = [];

        public long? MeetingId { get; set; }

        public string? Reason { get; set; }

        /// <summary>Answering a field the use case refused: the next answer returns to the summary.</summary>
        public bool Fixing { get; set; }
    }
}
