using System.Text.RegularExpressions;

namespace ChatOps.Core.Reports;

/// <summary>
/// 上报审核 (seed 003 八(三)): the unit's reviewing leader approves a submitted report or returns it with a comment.
/// Only an approved report counts as submitted; its submission time stays the liaison's, so review never makes it late.
/// 待审 lists what waits for the leader, each report a button that opens it.
/// </summary>
public sealed partial class ReviewFlow(ReportService reports, OfficeProfile office)
{
    /// <summary>The dialog's name while the leader types a comment or answers 待审's list.</summary>
    public const string Name = "review";

    /// <summary>The step while 待审's list is the question.</summary>
    public const string StepList = "list";

    /// <summary>True when <paramref name="said"/> is a review button ("审核通过 #12", "审核退回 #12", "查看审核 #12").</summary>
    public static bool IsReviewAction(string said) => ActionPattern().IsMatch(Commands.Normalize(said));

    /// <summary>True when <paramref name="said"/> is 待审.</summary>
    public static bool IsAwaiting(string said) => Commands.Is(said, ReportText.AwaitingWords);

    /// <summary>Handles a review button.</summary>
    public async Task HandleActionAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        var match = ActionPattern().Match(Commands.Normalize(turn.Said));
        var id = long.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture);
        var actor = turn.Actor;
        if (await turn.Work.Dialogs.GetAsync(turn.Person.Id, cancellationToken) is { Dialog: Name, Step: StepList })
        {
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken); // a button answers 待审's list
        }

        if (match.Groups["verb"].Value == "查看")
        {
            await OpenAsync(turn, actor, id, cancellationToken);
            return;
        }

        var outcome = match.Groups["verb"].Value == "通过"
            ? await reports.ApproveAsync(actor, turn.Work, id, cancellationToken)
            : await reports.CheckReviewAsync(actor, turn.Work, id, cancellationToken);
        if (!outcome.Succeeded || outcome.Kind == ReportOutcomeKind.Approved)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, Name, "comment", id.ToString(CultureInfo.InvariantCulture), turn.Now), cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(ReportText.AskComment), cancellationToken);
    }

    /// <summary>待审: the reports waiting for this person's review, the longest waiting first.</summary>
    public async Task ListAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        var actor = turn.Actor;
        if (!actor.Has(Roles.ReviewingLeader) && !actor.Has(Roles.OfficeStaff))
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.NotAReviewer), cancellationToken);
            return;
        }

        var waiting = await reports.AwaitingReviewAsync(actor, turn.Work, cancellationToken);
        if (waiting.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.NothingAwaiting), cancellationToken);
            return;
        }

        // A step of its own, so that a numbered reply ("1") opens a report on channels without buttons.
        var ids = string.Join(',', waiting.Select(w => w.Report!.Id.ToString(CultureInfo.InvariantCulture)));
        await turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, Name, StepList, ids, turn.Now), cancellationToken);
        await turn.ReplyAsync(ReportText.AwaitingList(waiting, office), cancellationToken);
    }

    /// <summary>状态's line for a reviewing leader (null for everyone else).</summary>
    public async Task<string?> StatusAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        if (!turn.Person.Roles.HasFlag(Roles.ReviewingLeader))
        {
            return null;
        }

        return ReportText.AwaitingStatus((await reports.AwaitingReviewAsync(turn.Actor, turn.Work, cancellationToken)).Count);
    }

    /// <summary>The leader's comment after pressing 退回, or a numbered reply to 待审's list.</summary>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Step == StepList)
        {
            var ids = state.Data.Split(',').Select(i => long.Parse(i, CultureInfo.InvariantCulture)).ToList();
            if (Prompt.ReadNumber(turn.Said, ids.Count) is not { } index)
            {
                await turn.ReplyAsync(OutboundMessage.Plain(Prompt.ChooseBetween(ids.Count, ReportText.ChooseToOpen)), cancellationToken);
                return;
            }

            await OpenAsync(turn, turn.Actor, ids[index], cancellationToken);
            return;
        }

        if (Prompt.CheckText(turn.Said, ReportService.MaxCommentLength, ReportText.CommentName) is { } error)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(error), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var outcome = await reports.ReturnAsync(turn.Actor, turn.Work, long.Parse(state.Data, CultureInfo.InvariantCulture), turn.Said.Trim(), cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
    }

    private async Task OpenAsync(Turn turn, Actor actor, long id, CancellationToken cancellationToken)
    {
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken); // 待审's list, if any, is answered
        var outcome = await reports.OpenForReviewAsync(actor, turn.Work, id, cancellationToken);
        if (!outcome.Succeeded)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
            return;
        }

        var report = outcome.Report!;
        await turn.ReplyAsync(OutboundMessage.Markdown(outcome.Message, outcome.Title), cancellationToken);
        await turn.ReplyAsync(ReportText.ReviewCard(reports.CycleOf(report), report.Id, ReportText.ReviewAsk), cancellationToken);
    }

    [GeneratedRegex(@"^(?:审核(?<verb>通过|退回)|(?<verb>查看)审核)\s*#(?<id>\d+)$")]
    private static partial Regex ActionPattern();
}
