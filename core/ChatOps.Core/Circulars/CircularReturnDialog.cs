namespace ChatOps.Core.Circulars;

/// <summary>
/// The signer's 退回: after the 退回 #id button it asks for the reason and hands it to
/// <see cref="CircularService.ReturnAsync"/>, which checks the reason, that the person is still the named signer and
/// that the circular still waits for sign-off. An unusable reason is asked for again.
/// </summary>
public sealed class CircularReturnDialog(CircularService service) : TypedDialog<CircularReturnDialog.Draft>
{
    /// <summary>The dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "circular-return";

    private const string StepComment = "comment";

    /// <inheritdoc/>
    protected override string DialogName => Name;

    /// <summary>退回 #id pressed by the signer: asks for the reason.</summary>
    public async Task BeginAsync(Turn turn, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await service.CheckSignerAsync(turn.Actor, turn.Work, id, turn.Now, cancellationToken) is { } refusal)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(refusal.ErrorText), cancellationToken);
            return;
        }

        await SaveAsync(turn, StepComment, new Draft { Id = id }, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.AskReturnComment), cancellationToken);
    }

    /// <summary>The reason typed: returns the circular, or asks again when the text is empty or too long.</summary>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        if (CircularService.CheckComment(turn.Said) is { } problem)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(problem), cancellationToken);
            return;
        }

        await ClearAsync(turn, cancellationToken);
        var outcome = await service.ReturnAsync(turn.Actor, turn.Work, Read(state).Id, turn.Said.Trim(), turn.Now, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(outcome.Succeeded ? outcome.Notice! : outcome.ErrorText), cancellationToken);
    }

    /// <summary>取消: the circular keeps waiting for sign-off.</summary>
    public async Task CancelAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        await ClearAsync(turn, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(CircularText.ReturnCancelled), cancellationToken);
    }

    /// <summary>The draft; a state saved before this dialog kept its data as JSON holds the bare id.</summary>
    private static Draft Read(DialogState state) =>
        long.TryParse(state.Data, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new Draft { Id = id } : Load(state);

    /// <summary>The circular being returned.</summary>
    public sealed class Draft
    {
        /// <summary>The circular's id.</summary>
        public long Id { get; set; }
    }
}
