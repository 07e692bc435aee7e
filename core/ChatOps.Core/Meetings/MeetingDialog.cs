using System.Text.Json;

namespace ChatOps.Core.Meetings;

/// <summary>
/// The base of the meeting dialogs: a typed draft kept in the dialog state (<see cref="TypedDialog{TDraft}"/>) and the
/// steps as an enum, stored by name, each with one handler (the subclass's <see cref="OnStepAsync"/>). A dialog only
/// asks, parses with the toolkit's <see cref="Prompt"/> and shows what <see cref="MeetingService"/> or
/// <see cref="MeetingAttendance"/> decided.
/// </summary>
/// <typeparam name="TDraft">The dialog's data.</typeparam>
/// <typeparam name="TStep">The dialog's steps.</typeparam>
/// <param name="name">The dialog's name in <see cref="DialogState"/>.</param>
public abstract class MeetingDialog<TDraft, TStep>(string name) : TypedDialog<TDraft>
    where TDraft : class
    where TStep : struct, Enum
{
    /// <inheritdoc/>
    protected sealed override string DialogName => name;

    /// <summary>Continues the dialog with what was said: the handler of the step it stopped at.</summary>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        TDraft? draft = null;
        try
        {
            draft = Load(state);
        }
        catch (JsonException)
        {
            // A draft stored by an older version of the dialog: start again.
        }

        // A draft without its meeting's number was stored under another shape by an older version: start again too.
        if (draft is null or MeetingAnswerDraft { Id: 0 } || !Enum.TryParse<TStep>(state.Step.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var step))
        {
            await ClearAsync(turn, cancellationToken);
            await ReplyAsync(turn, Expired, cancellationToken);
            return;
        }

        await OnStepAsync(turn, step, draft, cancellationToken);
    }

    /// <summary>What to say when the stored state no longer makes sense.</summary>
    protected virtual string Expired => ConversationText.Expired;

    /// <summary>The handler of <paramref name="step"/>.</summary>
    protected abstract Task OnStepAsync(Turn turn, TStep step, TDraft draft, CancellationToken cancellationToken);

    /// <summary>Stores the draft at <paramref name="step"/>.</summary>
    protected Task SaveAsync(Turn turn, TStep step, TDraft draft, CancellationToken cancellationToken) => SaveAsync(turn, step.ToString(), draft, cancellationToken);

    /// <summary>A plain reply.</summary>
    protected static Task ReplyAsync(Turn turn, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.ReplyAsync(OutboundMessage.Plain(text), cancellationToken);
    }
}
