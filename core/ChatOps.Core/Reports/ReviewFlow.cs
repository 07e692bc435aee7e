using System.Globalization;
using System.Text.RegularExpressions;
using ChatOps.Core.Calendar;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Reports;

/// <summary>
/// 上报审核 (seed 003 八(三)): the unit's reviewing leader approves a submitted report or returns it with a comment.
/// Only an approved report counts as submitted; its submission time stays the liaison's, so review never makes it late.
/// </summary>
public sealed partial class ReviewFlow(IDirectoryRepository directory, ReportCycles cycles, PeriodCalculator periods, OfficeProfile office)
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
        var (report, error) = await CheckAsync(turn, id, cancellationToken);
        if (report is null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(error!), cancellationToken);
            return;
        }

        if (match.Groups[1].Value == "通过")
        {
            await ApproveAsync(turn, report, cancellationToken);
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

        if (comment.Length > 500)
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"退回意见过长（最多500字，现为{comment.Length}字），请精简后重新输入。"), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var (report, error) = await CheckAsync(turn, long.Parse(state.Data, CultureInfo.InvariantCulture), cancellationToken);
        if (report is null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(error!), cancellationToken);
            return;
        }

        await turn.Work.Reports.UpdateAsync(report with
        {
            Status = ReportStatus.Draft,
            ReviewerId = turn.Person.Id,
            ReviewComment = comment,
            ReviewedAt = turn.Now,
            UpdatedAt = turn.Now,
        }, cancellationToken);
        var (title, author) = await DescribeAsync(report, cancellationToken);
        if (author is not null)
        {
            await turn.SendAsync(author, OutboundMessage.Card("报告被退回",
                $"{title}被分管领导{turn.Person.Name}退回。\n退回意见：{comment}\n请修改后重新提交。", new Choice("修改报告", "填报")), cancellationToken: cancellationToken);
        }

        await turn.ReplyAsync(OutboundMessage.Plain($"已退回，并已通知联络员{author?.Name}。"), cancellationToken);
    }

    private async Task ApproveAsync(Turn turn, Report report, CancellationToken cancellationToken)
    {
        var revision = report.Revision + 1;
        await turn.Work.Reports.UpdateAsync(report with
        {
            Status = ReportStatus.Submitted,
            Revision = revision,
            ReviewerId = turn.Person.Id,
            ReviewComment = null,
            ReviewedAt = turn.Now,
            UpdatedAt = turn.Now,
        }, cancellationToken);
        await turn.Work.Reports.AddRevisionAsync(new ReportRevision(report.Id, revision, report.AuthorId, report.Answers, report.SubmittedAt!.Value, report.IsLate), cancellationToken);
        var (title, author) = await DescribeAsync(report, cancellationToken);
        if (author is not null)
        {
            await turn.SendAsync(author, OutboundMessage.Plain(
                $"{title}已经分管领导{turn.Person.Name}审核通过，报送完成（报送时间：{PeriodText.When(report.SubmittedAt!.Value, office)}{(report.IsLate ? "，迟报" : "")}）。"),
                cancellationToken: cancellationToken);
        }

        await turn.ReplyAsync(OutboundMessage.Plain($"已审核通过，{title}报送完成。"), cancellationToken);
    }

    private async Task<(Report? Report, string? Error)> CheckAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        var report = await turn.Work.Reports.FindByIdAsync(id, cancellationToken);
        if (report is null)
        {
            return (null, "找不到这份报告。");
        }

        if (!turn.Person.Roles.HasFlag(Roles.ReviewingLeader) || turn.Person.UnitCode != report.UnitCode)
        {
            return (null, "只有本单位的分管领导可以审核这份报告。");
        }

        return report.Status == ReportStatus.PendingReview ? (report, null) : (null, "这份报告已经处理过了，无需重复审核。");
    }

    private async Task<(string Title, Person? Author)> DescribeAsync(Report report, CancellationToken cancellationToken)
    {
        var cycle = cycles.Get(report.CycleKey);
        var period = periods.Find(cycle.Definition, report.PeriodKey)!;
        var unit = await directory.FindUnitAsync(report.UnitCode, cancellationToken);
        var author = await directory.FindPersonAsync(report.AuthorId, cancellationToken);
        return ($"{unit?.Name}{PeriodText.Label(cycle, period)}{cycle.Name}", author);
    }

    [GeneratedRegex(@"^审核(通过|退回)\s*#(\d+)$")]
    private static partial Regex ActionPattern();
}
