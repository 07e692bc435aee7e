using System.Globalization;
using System.Text.RegularExpressions;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Reports;

/// <summary>
/// 上报审核 (seed 003 八(三)): the unit's reviewing leader approves a submitted report or returns it with a comment.
/// Only an approved report counts as submitted; its submission time stays the liaison's, so review never makes it late.
/// </summary>
public sealed partial class ReviewFlow(ReportService reports)
{
    /// <summary>The dialog's name while the leader types a comment.</summary>
    public const string Name = "review";

    /// <summary>True when <paramref name="said"/> is a review button ("审核通过 #12", "审核退回 #12").</summary>
    public static bool IsReviewAction(string said) => ActionPattern().IsMatch(Commands.Normalize(said));

    /// <summary>Handles a review button.</summary>
    public async Task HandleActionAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        var match = ActionPattern().Match(Commands.Normalize(turn.Said));
        var id = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var actor = Actor.Of(turn.Person, $"chat:{turn.Message.Channel}");
        var outcome = match.Groups[1].Value == "通过"
            ? await reports.ApproveAsync(actor, turn.Work, id, cancellationToken)
            : await reports.CheckReviewAsync(actor, turn.Work, id, cancellationToken);
        if (!outcome.Succeeded || outcome.Kind == ReportOutcomeKind.Approved)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, Name, "comment", id.ToString(CultureInfo.InvariantCulture), turn.Now), cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain("请输入退回意见（将转给联络员），或回复“取消”。"), cancellationToken);
    }

    /// <summary>The leader's comment after pressing 退回.</summary>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        var comment = turn.Said.Trim();
        if (comment.Length == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("退回意见不能为空，请输入意见。"), cancellationToken);
            return;
        }

        if (comment.Length > ReportService.MaxCommentLength)
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"退回意见过长（最多500字，现为{comment.Length}字），请精简后重新输入。"), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var outcome = await reports.ReturnAsync(
            Actor.Of(turn.Person, $"chat:{turn.Message.Channel}"), turn.Work, long.Parse(state.Data, CultureInfo.InvariantCulture), comment, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
    }

    [GeneratedRegex(@"^审核(通过|退回)\s*#(\d+)$")]
    private static partial Regex ActionPattern();
}
