using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Reports;

/// <summary>填报 and the report dialog as a conversation feature.</summary>
public sealed class ReportFeature(ReportDialog dialog) : IConversationFeature
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
    public IEnumerable<string> HelpLines(Person person) => ["**填报**（report）：填写或修改本单位的周报、季报"];
}

/// <summary>The reviewing leader's buttons and comment as a conversation feature.</summary>
public sealed class ReviewFeature(ReviewFlow review) : IConversationFeature
{
    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [ReviewFlow.Name];

    /// <inheritdoc/>
    public async Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default)
    {
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
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain("已取消退回，报告仍待您审核。"), cancellationToken);
    }

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person) =>
        person.Roles.HasFlag(Roles.ReviewingLeader) ? ["收到审核通知后，点击“通过”或“退回”即可审核本单位的报告"] : [];
}
