using System.Globalization;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Meetings;

/// <summary>The leave dialog (reason → substitute → confirm) and the host's decision: asks, parses, calls <see cref="MeetingAttendance"/>.</summary>
public sealed partial class MeetingFeature
{
    private const string StepReason = "reason";
    private const string StepSubstitute = "substitute";
    private const string StepChoose = "choose";
    private const string StepExternal = "external";
    private const string StepConfirm = "confirm";

    /// <summary>请假 #id: the use case checks the meeting and the person, then the dialog asks for the reason.</summary>
    private async Task StartLeaveAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        var outcome = await attendance.CanRequestLeaveAsync(ActorOf(turn), turn.Work, id, cancellationToken);
        if (outcome.Succeeded)
        {
            await SaveStateAsync(turn, LeaveDialog, StepReason, new LeaveDraft { MeetingId = id }, cancellationToken);
        }
        else
        {
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        }

        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }

    private async Task ContinueLeaveAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var draft = ChatOpsJson.Deserialize<LeaveDraft>(state.Data);
        var said = turn.Said.Trim();
        switch (state.Step)
        {
            case StepReason:
                if (MeetingAttendance.CheckReason(said) is { } problem)
                {
                    await ReplyAsync(turn, problem, cancellationToken);
                    return;
                }

                draft.Reason = said;
                await AskSubstituteAsync(turn, draft, cancellationToken);
                return;
            case StepSubstitute:
                await FindSubstituteAsync(turn, draft, said, cancellationToken);
                return;
            case StepChoose:
                var n = ParseNumber(said, draft.Candidates.Count);
                if (n is 0 || Commands.Normalize(said) == MeetingText.NoneOfThese)
                {
                    await SaveStateAsync(turn, LeaveDialog, StepExternal, draft, cancellationToken);
                    await ReplyAsync(turn, MeetingText.AskExternalSubstitute, cancellationToken);
                    return;
                }

                await (n is { } pick
                    ? PickSubstituteAsync(turn, draft, draft.Candidates[pick - 1], cancellationToken)
                    : FindSubstituteAsync(turn, draft, said, cancellationToken));
                return;
            case StepExternal:
                await ExternalSubstituteAsync(turn, draft, said, cancellationToken);
                return;
            case StepConfirm:
                switch (Commands.Normalize(said))
                {
                    case MeetingText.Submit or "确认" or "1":
                        await SubmitLeaveAsync(turn, draft, cancellationToken);
                        return;
                    case MeetingText.ChangeSubstitute or "2":
                        await AskSubstituteAsync(turn, draft, cancellationToken);
                        return;
                    default:
                        await turn.ReplyAsync(MeetingText.SubmitOrChange, cancellationToken);
                        return;
                }

            default:
                await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
                await ReplyAsync(turn, MeetingText.LeaveDialogExpired, cancellationToken);
                return;
        }
    }

    private async Task AskSubstituteAsync(Turn turn, LeaveDraft draft, CancellationToken cancellationToken)
    {
        draft.SubstituteId = null;
        draft.SubstituteName = null;
        draft.SubstitutePhone = null;
        draft.Candidates = [];
        await SaveStateAsync(turn, LeaveDialog, StepSubstitute, draft, cancellationToken);
        await ReplyAsync(turn, MeetingText.AskSubstitute, cancellationToken);
    }

    /// <summary>A name typed at the substitute step: search the directory; a phone number means someone outside it.</summary>
    private async Task FindSubstituteAsync(Turn turn, LeaveDraft draft, string said, CancellationToken cancellationToken)
    {
        var (name, phone) = MeetingInput.SplitNameAndPhone(said);
        draft.Candidates = [];
        if (phone is not null)
        {
            await ExternalSubstituteAsync(turn, draft, said, cancellationToken);
            return;
        }

        if (name.Length == 0)
        {
            await ReplyAsync(turn, MeetingText.AskSubstituteName, cancellationToken);
            return;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var found = AttendeeResolver.SearchByName(snapshot, name);
        switch (found.Count)
        {
            case 0:
                draft.SubstituteName = name;
                await SaveStateAsync(turn, LeaveDialog, StepExternal, draft, cancellationToken);
                await ReplyAsync(turn, MeetingText.NotInDirectory(name), cancellationToken);
                return;
            case 1:
                await PickSubstituteAsync(turn, draft, found[0].Id, cancellationToken);
                return;
            default:
                draft.Candidates = [.. found.Select(p => p.Id)];
                await SaveStateAsync(turn, LeaveDialog, StepChoose, draft, cancellationToken);
                await turn.ReplyAsync(MeetingText.ChooseSubstitute(name, found, snapshot), cancellationToken);
                return;
        }
    }

    private async Task PickSubstituteAsync(Turn turn, LeaveDraft draft, string personId, CancellationToken cancellationToken)
    {
        if (await attendance.CheckSubstituteAsync(ActorOf(turn), turn.Work, draft.MeetingId, personId, cancellationToken) is { } problem)
        {
            var choosing = draft.Candidates.Count > 1;
            await SaveStateAsync(turn, LeaveDialog, choosing ? StepChoose : StepSubstitute, draft, cancellationToken);
            await ReplyAsync(turn, choosing ? MeetingText.PickAgain(problem) : problem, cancellationToken);
            return;
        }

        var person = (await directory.LoadAsync(cancellationToken)).People.First(p => p.Id == personId);
        draft.SubstituteId = person.Id;
        draft.SubstituteName = person.Name;
        draft.SubstitutePhone = null;
        await ConfirmLeaveAsync(turn, draft, cancellationToken);
    }

    /// <summary>Someone outside the directory: a name (2–20 characters) and a mainland mobile or fixed-line number.</summary>
    private async Task ExternalSubstituteAsync(Turn turn, LeaveDraft draft, string said, CancellationToken cancellationToken)
    {
        var (name, phoneText) = MeetingInput.SplitNameAndPhone(said);
        if (phoneText is null)
        {
            if (name.Length > 0 && AttendeeResolver.SearchByName(await directory.LoadAsync(cancellationToken), name).Count > 0)
            {
                await FindSubstituteAsync(turn, draft, name, cancellationToken);
                return;
            }

            if (name.Length > 0)
            {
                draft.SubstituteName = name;
                await SaveStateAsync(turn, LeaveDialog, StepExternal, draft, cancellationToken);
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
            await SaveStateAsync(turn, LeaveDialog, StepExternal, draft, cancellationToken);
            await ReplyAsync(turn, MeetingText.BadPhone(phoneText), cancellationToken);
            return;
        }

        draft.SubstituteId = null;
        draft.SubstituteName = name;
        draft.SubstitutePhone = phone;
        await ConfirmLeaveAsync(turn, draft, cancellationToken);
    }

    private async Task ConfirmLeaveAsync(Turn turn, LeaveDraft draft, CancellationToken cancellationToken)
    {
        var meeting = await stores.For(turn.Work).FindMeetingAsync(draft.MeetingId, cancellationToken);
        if (meeting is null)
        {
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
            await ReplyAsync(turn, MeetingText.LeaveMeetingGone, cancellationToken);
            return;
        }

        await SaveStateAsync(turn, LeaveDialog, StepConfirm, draft, cancellationToken);
        await turn.ReplyAsync(MeetingText.LeaveSummary(meeting, draft.Reason!, draft.SubstituteId, draft.SubstituteName!, draft.SubstitutePhone,
            await directory.LoadAsync(cancellationToken), notices.Office), cancellationToken);
    }

    /// <summary>提交: the use case decides; a substitute already on the roster sends the person back to name another.</summary>
    private async Task SubmitLeaveAsync(Turn turn, LeaveDraft draft, CancellationToken cancellationToken)
    {
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var outcome = await attendance.RequestLeaveAsync(ActorOf(turn),
            turn.Work, new LeaveApplication(draft.MeetingId, draft.Reason!, draft.SubstituteId, draft.SubstituteName!, draft.SubstitutePhone), cancellationToken);
        if (outcome.Kind == MeetingOutcomeKind.AskAgain)
        {
            await SaveStateAsync(turn, LeaveDialog, StepSubstitute, draft, cancellationToken);
        }

        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }

    /// <summary>批准请假 #id from the host.</summary>
    private async Task ApproveAsync(Turn turn, long requestId, CancellationToken cancellationToken) =>
        await ReplyAsync(turn, (await attendance.ApproveAsync(ActorOf(turn), turn.Work, requestId, cancellationToken)).Message, cancellationToken);

    /// <summary>不批准 #id from the host: asks for the comment.</summary>
    private async Task StartRejectAsync(Turn turn, long requestId, CancellationToken cancellationToken)
    {
        var outcome = await attendance.CanDecideAsync(ActorOf(turn), turn.Work, requestId, cancellationToken);
        if (outcome.Succeeded)
        {
            await turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, RejectDialog, "comment", requestId.ToString(CultureInfo.InvariantCulture), turn.Now), cancellationToken);
        }

        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }

    /// <summary>The host's comment on a rejection.</summary>
    private async Task ContinueRejectAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        if (MeetingAttendance.CheckComment(turn.Said) is { } problem)
        {
            await ReplyAsync(turn, problem, cancellationToken);
            return;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var outcome = await attendance.RejectAsync(ActorOf(turn), turn.Work, long.Parse(state.Data, CultureInfo.InvariantCulture), turn.Said, cancellationToken);
        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }

    /// <summary>Bare 批准 / 不批准 typed by a host: the one pending request they can mean, or a list.</summary>
    private async Task<bool> BareDecisionAsync(Turn turn, bool approve, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var pending = new List<(LeaveRequest Request, Meeting Meeting)>();
        foreach (var id in await store.ListMeetingIdsForPersonAsync(turn.Person.Id, turn.Now, cancellationToken))
        {
            if (await store.FindMeetingAsync(id, cancellationToken) is { } m && m.HostId == turn.Person.Id && m.IsOpen(turn.Now))
            {
                pending.AddRange((await store.ListLeaveAsync(id, cancellationToken)).Where(r => r.Status == LeaveStatus.Pending).Select(r => (r, m)));
            }
        }

        if (pending.Count == 0)
        {
            if (!turn.Person.Roles.HasFlag(Roles.MeetingHost))
            {
                return false;
            }

            await ReplyAsync(turn, MeetingText.NothingToDecide, cancellationToken);
            return true;
        }

        if (pending.Count == 1)
        {
            await (approve ? ApproveAsync(turn, pending[0].Request.Id, cancellationToken) : StartRejectAsync(turn, pending[0].Request.Id, cancellationToken));
            return true;
        }

        await AskAsync(turn, MeetingText.PickRequest(pending, approve, await directory.LoadAsync(cancellationToken)), cancellationToken);
        return true;
    }

    /// <summary>The leave dialog's data, stored as JSON in the dialog state.</summary>
    internal sealed class LeaveDraft
    {
        public long MeetingId { get; set; }

        public string? Reason { get; set; }

        public List<string> Candidates { get; set; } = [];

        public string? SubstituteId { get; set; }

        public string? SubstituteName { get; set; }

        public string? SubstitutePhone { get; set; }
    }
}
