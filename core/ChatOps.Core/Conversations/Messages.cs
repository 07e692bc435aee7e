namespace ChatOps.Core.Conversations;

/// <summary>
/// A message or button click as every channel hands it to the engine. <see cref="DedupeKey"/> is unique per channel
/// (WeCom MsgId, a Bot Framework activity id, a web chat client id): a retried delivery is stored once and handled once.
/// </summary>
/// <param name="Channel">Channel name (see <c>Organization.ChannelNames</c>).</param>
/// <param name="DedupeKey">The channel's own id of this delivery.</param>
/// <param name="SenderId">The sender's id on the channel (WeCom userid, Bot Framework user id, person id for local).</param>
/// <param name="Text">Typed text, if any.</param>
/// <param name="Action">The value of a pressed button or card submit, if any; it is handled exactly as typed text would be.</param>
/// <param name="ConversationId">The channel's conversation (group chat) id when the message came from a group.</param>
/// <param name="ReceivedAt">When we stored it.</param>
/// <param name="ReplyContext">Channel data needed to update the card the button was on (WeCom response code, activity id).</param>
/// <param name="CardId">
/// The <see cref="OutboundMessage.CardId"/> of the card whose button was pressed, as the channel carried it back; a
/// value no card of ours has (e.g. <see cref="UnknownCard"/>) when the card is not recognised; null for typed text and
/// for buttons of cards that ask no dialog step.
/// </param>
public sealed record InboundMessage(
    string Channel,
    string DedupeKey,
    string SenderId,
    string? Text,
    string? Action,
    string? ConversationId,
    DateTimeOffset ReceivedAt,
    string? ReplyContext = null,
    string? CardId = null)
{
    /// <summary>The <see cref="CardId"/> of a click on a card that is not one of ours (never the current card).</summary>
    public const string UnknownCard = "unknown";

    /// <summary>What the person said: the button's value when a button was pressed, otherwise the typed text, trimmed.</summary>
    public string Said => (Action ?? Text ?? string.Empty).Trim();

    /// <summary>
    /// The W3C trace context (traceparent) of the request that delivered it, stored with the inbox row so the engine's
    /// turn continues the callback's trace on whichever instance handles it; null when nobody traces.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>
    /// Pictures and files that came with the message (WeCom image/file messages, Bot Framework attachments, uploads in
    /// the local web chat); null or empty for text and clicks. Their bytes are fetched before the turn.
    /// </summary>
    public IReadOnlyList<InboundAttachment>? Attachments { get; init; }

    /// <summary>
    /// Another id the channel knows the sender by (Teams: the Entra object id beside the channel's user id); the engine
    /// finds the sender by it when the directory has nobody under <see cref="SenderId"/>. Null on channels with one id.
    /// </summary>
    public string? AlternateSenderId { get; init; }

    /// <summary>True when the message carries at least one attachment.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasAttachments => Attachments is { Count: > 0 };
}

/// <summary>How an outbound message is shaped; each channel renders it in its own format.</summary>
public enum OutboundKind
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>Markdown (WeCom markdown, Bot Framework textFormat=markdown, rendered in the web chat).</summary>
    Markdown,

    /// <summary>A question with buttons (a card where the channel has one; numbered choices otherwise).</summary>
    Choices,
}

/// <summary>A button: its label and the value fed back to the engine when pressed (also accepted as typed text).</summary>
public sealed record Choice(string Label, string Value);

/// <summary>A channel-neutral message from the bot.</summary>
public sealed record OutboundMessage(OutboundKind Kind, string Text, IReadOnlyList<Choice> Choices, string? Title = null)
{
    /// <summary>
    /// The identity of a card that asks a dialog step, set by the engine (<see cref="Turn"/>); channels carry it in the
    /// click (WeCom task_id, Adaptive Card submit data) so that a click on a card that is no longer the step's card is
    /// refused instead of answering whatever step is current. Null on other messages and on cards that ask no step.
    /// </summary>
    public string? CardId { get; init; }

    /// <summary>
    /// A file sent with this message (its <see cref="Text"/> is the caption): a reference to a stored file, never the
    /// bytes. WeCom sends the file itself; Bot Framework and the local web chat a signed, expiring download link.
    /// </summary>
    public OutboundFile? File { get; init; }

    /// <summary>A file with a caption (plain text).</summary>
    public static OutboundMessage FileMessage(string caption, OutboundFile file) => new(OutboundKind.Text, caption, []) { File = file };

    /// <summary>Plain text.</summary>
    public static OutboundMessage Plain(string text) => new(OutboundKind.Text, text, []);

    /// <summary>Markdown.</summary>
    public static OutboundMessage Markdown(string text, string? title = null) => new(OutboundKind.Markdown, text, [], title);

    /// <summary>A question with buttons.</summary>
    public static OutboundMessage Ask(string text, params Choice[] choices) => new(OutboundKind.Choices, text, choices);

    /// <summary>A question with buttons and a card title.</summary>
    public static OutboundMessage Card(string title, string text, params Choice[] choices) => new(OutboundKind.Choices, text, choices, title);

    /// <summary>
    /// The text form with numbered choices, for channels without buttons: the person may answer 1, 2, 3 or the label.
    /// </summary>
    public string ToNumberedText()
    {
        var head = Title is null ? Text : $"{Title}\n{Text}";
        if (Choices.Count == 0)
        {
            return head;
        }

        var lines = Choices.Select((c, i) => $"{i + 1}. {c.Label}");
        return ConversationText.NumberedChoices(head, lines);
    }
}

/// <summary>Whether an outbox message has gone out.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (or to be retried at <see cref="OutboxItem.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>Accepted by the channel.</summary>
    Sent,

    /// <summary>Given up: the channel refused it for good (e.g. unknown user); shown to the office.</summary>
    Failed,

    /// <summary>
    /// Kept, not sent: the channel has no way to reach the person yet (a Teams user who never wrote to the bot, with no
    /// service URL configured for their tenant). Sent as soon as the channel learns one (<see cref="IOutboxDispatch.ReleaseWaitingAsync"/>);
    /// listed for the office (<see cref="IOutboxDispatch.ListWaitingAsync"/>).
    /// </summary>
    Waiting,
}

/// <summary>
/// A message stored for sending. Written in the same transaction as the state change that caused it; the dispatcher
/// sends it later. <see cref="DedupeKey"/> (optional, unique) makes a scheduled message impossible to queue twice.
/// </summary>
public sealed record OutboxItem(
    long Id,
    string Channel,
    string Address,
    string? PersonId,
    string? GroupCode,
    OutboundMessage Message,
    string? DedupeKey,
    DateTimeOffset CreatedAt,
    OutboxStatus Status = OutboxStatus.Pending,
    int Attempts = 0,
    DateTimeOffset? NextAttemptAt = null,
    string? LastError = null,
    string? ChannelMessageId = null,
    string? ReplyContext = null)
{
    /// <summary>
    /// The W3C trace context (traceparent) of the work that queued it (an engine turn, a scheduled step), stored with
    /// the outbox row so the send continues that trace on whichever instance sends it; null when nobody traces.
    /// </summary>
    public string? TraceParent { get; init; }
}
