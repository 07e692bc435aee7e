namespace ChatOps.Core.Conversations;

/// <summary>
/// The last card with choices sent to a person, whichever feature sent it: on a channel without buttons the card
/// arrived as numbered text, so a bare number ("1"), a choice's label or its value answers it as its button would.
/// One per person: a newer card replaces it (a dialog step's card too, which only its dialog answers), answering it
/// uses it up, and it expires after <see cref="Life"/>. Recorded by the outbox in the transaction that queues the card
/// (<see cref="Of"/> is the rule), so every feature's cards count without the feature doing anything.
/// </summary>
/// <param name="PersonId">Who it was sent to.</param>
/// <param name="Choices">Its buttons, in the numbered order the channel showed them.</param>
/// <param name="CardId">Set when the card asks a dialog step (<see cref="OutboundMessage.CardId"/>): only that dialog answers it.</param>
/// <param name="SentAt">When it was queued.</param>
public sealed record LastCard(string PersonId, IReadOnlyList<Choice> Choices, string? CardId, DateTimeOffset SentAt)
{
    /// <summary>
    /// How long a number still answers the card: a week, the longest cycle of a reminder. Every card the bot repeats
    /// (report and circular reminders, meeting reminders) is sent again within it, so nothing older is worth answering.
    /// </summary>
    public static readonly TimeSpan Life = TimeSpan.FromDays(7);

    /// <summary>The longest text that may answer a card (a label or a value such as "审核通过 #12"); longer text is never looked up.</summary>
    public const int MaxAnswerLength = 40;

    /// <summary>
    /// The card an outbox item makes the person's last card: a message with choices to a person. Null for group
    /// messages, messages without choices (they leave the last card as it was) and channel updates of a card already
    /// sent (those carry a <see cref="OutboxItem.ReplyContext"/>).
    /// </summary>
    public static LastCard? Of(OutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item is { PersonId: { } person, GroupCode: null, ReplyContext: null, Message: { Kind: OutboundKind.Choices, Choices.Count: > 0 } message }
            ? new LastCard(person, message.Choices, message.CardId, item.CreatedAt)
            : null;
    }

    /// <summary>
    /// The choice <paramref name="said"/> answers — its number, its label or its value — or null when it answers none,
    /// when the card asks a dialog step, or when it is older than <see cref="Life"/> at <paramref name="now"/>.
    /// </summary>
    public Choice? Answer(string said, DateTimeOffset now)
    {
        if (CardId is not null || now - SentAt > Life)
        {
            return null;
        }

        var s = Commands.Normalize(said);
        if (Commands.Is(s, Commands.Cancel))
        {
            return null; // 取消 is the engine's, whatever a card calls its button
        }

        var byText = Choices.FirstOrDefault(c => s == c.Label || s == c.Value);
        return byText ?? (Prompt.ReadNumber(said, Choices.Count) is { } i ? Choices[i] : null);
    }
}

/// <summary>The last card per person (<see cref="LastCard"/>), in the unit of work.</summary>
public interface ILastCardStore
{
    /// <summary>The person's last card, if any.</summary>
    Task<LastCard?> FindAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the person's last card (it was answered).</summary>
    Task ClearAsync(string personId, CancellationToken cancellationToken = default);
}
