using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Reports;

/// <summary>填报 and the report dialog as a conversation feature.</summary>
public sealed class ReportFeature(ReportDialog dialog, ReportStatusQuery status) : IConversationFeature
{
    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [ReportDialog.Name];

    /// <inheritdoc/>
    public async Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default)
    {
        if (!Commands.Is(turn.Said, Commands.Report))
        {
            return false;
        }

        if (state is { Dialog: ReportDialog.Name })
        {
            await dialog.ResumeAsync(turn, state, cancellationToken);
        }
        else
        {
            await dialog.StartAsync(turn, cancellationToken);
        }

        return true;
    }

    /// <inheritdoc/>
    public Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) =>
        dialog.ContinueAsync(turn, state, cancellationToken);

    /// <inheritdoc/>
    public Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) =>
        dialog.CancelAsync(turn, state, cancellationToken);

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Roles.HasFlag(Roles.Liaison) || (person.Roles & (Roles.OfficeStaff | Roles.ReviewingLeader)) == 0)
        {
            yield return "**填报**（report）：填写或修改本单位的周报、季报";
        }

        yield return person.Roles.HasFlag(Roles.OfficeStaff)
            ? "**状态**（status）：各单位本期和上一期的报送情况（未报送、迟报、待审核、已退回的单位）；可指定期次，如“状态 上周”“状态 2026-W49”“状态 季报”"
            : "**状态**（status）：查看本期应报、已报情况";
    }

    /// <inheritdoc/>
    public Task<string?> StatusAsync(Turn turn, string argument, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return status.DescribeAsync(turn.Person, turn.Work, turn.Now, argument, cancellationToken);
    }

    /// <inheritdoc/>
    public IEnumerable<Choice> FallbackChoices(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Roles.HasFlag(Roles.Liaison) ? [new Choice("填报", "填报")] : [];
    }
}

/// <summary>The reviewing leader's buttons and comment as a conversation feature.</summary>
public sealed class ReviewFeature(ReviewFlow review) : IConversationFeature
{
    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [ReviewFlow.Name];

    /// <inheritdoc/>
    public async Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default)
    {
        if (ReviewFlow.IsAwaiting(turn.Said))
        {
            await review.ListAsync(turn, cancellationToken);
            return true;
        }

        if (!ReviewFlow.IsReviewAction(turn.Said))
        {
            return false;
        }

        await review.HandleActionAsync(turn, cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    public Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) =>
        review.ContinueAsync(turn, state, cancellationToken);

    /// <inheritdoc/>
    public async Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(state.Step == ReviewFlow.StepList ? "已取消。" : "已取消退回，报告仍待您审核。"), cancellationToken);
    }

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person) =>
        person.Roles.HasFlag(Roles.ReviewingLeader) ? [ReportText.ReviewHelp] : [];

    /// <inheritdoc/>
    public Task<string?> StatusAsync(Turn turn, string argument, CancellationToken cancellationToken = default) =>
        review.StatusAsync(turn, cancellationToken);

    /// <inheritdoc/>
    public IEnumerable<Choice> FallbackChoices(Person person) =>
        person.Roles.HasFlag(Roles.ReviewingLeader) ? [new Choice("待审", "待审")] : [];
}
