using ChatOps.Core.Reports.Scheduling;

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
            yield return ReportText.FillHelp;
        }

        yield return person.Roles.HasFlag(Roles.OfficeStaff)
            ? ReportText.OfficeStatusHelp
            : ReportText.StatusHelp;
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
        return person.Roles.HasFlag(Roles.Liaison) ? [new Choice(ReportText.FillButton, ReportMessages.StartValue)] : [];
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
        await turn.ReplyAsync(OutboundMessage.Plain(state.Step == ReviewFlow.StepList ? ReportText.ReviewCancelled : ReportText.ReturnCancelled), cancellationToken);
    }

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person) =>
        person.Roles.HasFlag(Roles.ReviewingLeader) ? [ReportText.ReviewHelp] : [];

    /// <inheritdoc/>
    public Task<string?> StatusAsync(Turn turn, string argument, CancellationToken cancellationToken = default) =>
        review.StatusAsync(turn, cancellationToken);

    /// <inheritdoc/>
    public IEnumerable<Choice> FallbackChoices(Person person) =>
        person.Roles.HasFlag(Roles.ReviewingLeader) ? [new Choice(ReportText.AwaitingButton, ReportText.AwaitingWords[0])] : [];
}
