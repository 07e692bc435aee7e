namespace ChatOps.Core.Conversations;

/// <summary>
/// A file or picture that came with an inbound message, as the channel described it: a name, a content type when the
/// channel says one, and the channel's own reference to fetch the bytes later (a WeCom media id, a Bot Framework
/// download URL). Only the reference is stored with the inbox row: the bytes are fetched outside the inbox transaction,
/// before the engine's turn (<see cref="IInboxPreparation"/>), so accepting the message stays fast and never loses it.
/// </summary>
/// <param name="Name">The file name as the channel gave it (WeCom images have none: a name is made up).</param>
/// <param name="ContentType">The MIME type the channel declared, if any; the fetched answer may correct it.</param>
/// <param name="Reference">What the channel's fetcher needs to download it (opaque outside the channel).</param>
public sealed record InboundAttachment(string Name, string? ContentType, string Reference)
{
    /// <summary>
    /// The key that identifies the <paramref name="index"/>-th attachment of <paramref name="message"/> for good:
    /// channel, the message's dedupe key and the position. A retried delivery or a second claim of the same message
    /// yields the same key, so the file is stored once.
    /// </summary>
    public static string KeyOf(InboundMessage message, int index)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"{message.Channel}:{message.DedupeKey}:{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}

/// <summary>
/// Work done on claimed inbox messages before the engine's transaction begins (fetching their attachments): network
/// calls never run while the turn holds the write lock. Must be idempotent — a message may be claimed again after a
/// crash — and must not throw for one message's trouble (it records it for the turn to tell the person).
/// </summary>
public interface IInboxPreparation
{
    /// <summary>Prepares the messages; returns when what they need is stored (or recorded as refused).</summary>
    Task PrepareAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken = default);
}
