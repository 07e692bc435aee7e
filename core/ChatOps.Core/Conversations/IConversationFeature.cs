namespace ChatOps.Core.Conversations;

/// <summary>
/// A feature's part in the conversation (reports, review, meetings, circulars): the commands and buttons it
/// recognizes, and the dialogs it owns. The engine asks each feature in turn, so a new feature plugs in by registering
/// itself, without touching the engine.
/// </summary>
public interface IConversationFeature
{
    /// <summary>The dialog names (in <see cref="DialogState.Dialog"/>) this feature continues and cancels.</summary>
    IReadOnlyCollection<string> Dialogs { get; }

    /// <summary>
    /// Handles what was said when it is this feature's command or button (e.g. 填报, "审核通过 #12", 收到), whatever
    /// dialog the person is in; returns false to let the others try.
    /// </summary>
    Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default);

    /// <summary>Continues one of this feature's dialogs with what was said.</summary>
    Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default);

    /// <summary>取消 during one of this feature's dialogs.</summary>
    Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default);

    /// <summary>Lines for 帮助, for this person (Markdown list items without the leading "- ").</summary>
    IEnumerable<string> HelpLines(Person person);

    /// <summary>
    /// This feature's part of 状态 for the person of the turn (Markdown), or null when it has nothing for them.
    /// <paramref name="argument"/> is what followed 状态 ("上周", "2026-W49", "季报"), empty when nothing did.
    /// </summary>
    Task<string?> StatusAsync(Turn turn, string argument, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    /// <summary>The buttons this feature offers the person when nothing they said was understood (e.g. 填报 for liaisons).</summary>
    IEnumerable<Choice> FallbackChoices(Person person) => [];
}
