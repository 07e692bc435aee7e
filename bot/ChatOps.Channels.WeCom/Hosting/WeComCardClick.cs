using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// A pressed card button whose card must be updated (greyed out with "已选择：…"). The callback endpoint stores it in the
/// outbox as an item of its own (its <see cref="OutboxItem.ReplyContext"/>, deduplicated like the click itself) right
/// after storing the click in the inbox, so the update survives restarts, is retried like any send and is done once
/// however often WeCom repeats the callback; <see cref="WeComChannelSender"/> performs it with update_template_card.
/// </summary>
/// <param name="App">The key of the app the click came through (a response_code belongs to its app).</param>
/// <param name="ResponseCode">WeCom's response_code of the click (usable once, within 72 h).</param>
/// <param name="TaskId">The card's task_id (it names the outbox item the card was sent as).</param>
/// <param name="ButtonKey">The pressed button's key (the choice's value).</param>
/// <param name="Stale">The card no longer asked the person's current step when it was clicked: greyed out as expired.</param>
public sealed record WeComCardClick(
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("code")] string ResponseCode,
    [property: JsonPropertyName("task")] string? TaskId,
    [property: JsonPropertyName("key")] string ButtonKey,
    [property: JsonPropertyName("stale")] bool Stale = false)
{
    private const string Prefix = "wecom-card-update:";

    /// <summary>The outbox dedupe key of the update of the click stored in the inbox as <paramref name="inboxKey"/>: one update per click.</summary>
    public string DedupeKeyFor(string inboxKey) => $"wecom:card:{App}:{inboxKey}";

    /// <summary>The form stored in <see cref="OutboxItem.ReplyContext"/>.</summary>
    public string ToReplyContext() => Prefix + JsonSerializer.Serialize(this, WeComHostingJson.Default.WeComCardClick);

    /// <summary>Reads a card update from an outbox item's reply context; false for anything else.</summary>
    public static bool TryParse(string? replyContext, out WeComCardClick? click)
    {
        click = null;
        if (replyContext is null || !replyContext.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            click = JsonSerializer.Deserialize(replyContext.AsSpan(Prefix.Length), WeComHostingJson.Default.WeComCardClick);
        }
        catch (JsonException)
        {
            click = null;
        }

        return click is { ResponseCode.Length: > 0, ButtonKey: not null };
    }
}

/// <summary>
/// task_ids of the cards the bot sends: "co{outbox id}-{created, Unix ms}". Unique per app as WeCom requires (the
/// creation instant keeps them unique even across a database reset), stable across resends of the same outbox item (so
/// a resent card that WeCom already has is recognised by errcode 42014 instead of shown twice), and they lead from a
/// click back to the card that was pressed.
/// </summary>
public static class WeComTaskIds
{
    /// <summary>
    /// The task_id of the card sent for <paramref name="item"/>; a card that asks a dialog step ends with "-{card id}"
    /// (<see cref="OutboundMessage.CardId"/>), which comes back with every click.
    /// </summary>
    public static string For(OutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var card = item.Message.CardId is { Length: > 0 and <= 64 } id && id.All(char.IsAsciiLetterOrDigit) ? "-" + id : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"co{item.Id}-{item.CreatedAt.ToUnixTimeMilliseconds()}{card}");
    }

    /// <summary>
    /// The engine's card id of a clicked card (<see cref="InboundMessage.CardId"/>): the id the task_id carries; null for
    /// our cards that ask no step; <see cref="InboundMessage.UnknownCard"/> for a task_id that is not ours.
    /// </summary>
    public static string? CardIdOf(string? taskId)
    {
        if (!TryGetOutboxId(taskId, out _))
        {
            return InboundMessage.UnknownCard;
        }

        var parts = taskId!.Split('-');
        return parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null;
    }

    /// <summary>The outbox id a task_id names, when it is one of ours.</summary>
    public static bool TryGetOutboxId(string? taskId, out long outboxId)
    {
        outboxId = 0;
        if (taskId is null || !taskId.StartsWith("co", StringComparison.Ordinal))
        {
            return false;
        }

        var dash = taskId.IndexOf('-', StringComparison.Ordinal);
        return dash > 2 && long.TryParse(taskId.AsSpan(2, dash - 2), NumberStyles.None, CultureInfo.InvariantCulture, out outboxId);
    }
}

/// <summary>Source-generated JSON of the hosting records.</summary>
[JsonSerializable(typeof(WeComCardClick))]
internal sealed partial class WeComHostingJson : JsonSerializerContext;
