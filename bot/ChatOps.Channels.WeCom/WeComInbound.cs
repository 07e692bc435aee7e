namespace ChatOps.Channels.WeCom;

/// <summary>How the bot treats an inbound WeCom packet.</summary>
public enum WeComInboundKind
{
    /// <summary>A text message: <see cref="WeComInbound.Content"/> is what the member typed.</summary>
    Text,

    /// <summary>An event: <see cref="WeComInbound.Event"/> says which (enter_agent, click, template_card_event, …).</summary>
    Event,

    /// <summary>
    /// A message the bot does not interpret (image, voice, video, file, location, link): accepted, so it is
    /// acknowledged and WeCom stops retrying, but its content is unknown to the dialogs. MediaId is kept.
    /// </summary>
    OtherContent,
}

/// <summary>One answered question of a vote or multiple-choice template card (SelectedItems/SelectedItem).</summary>
/// <param name="QuestionKey">The question's key as sent in the card.</param>
/// <param name="OptionIds">The ids of the chosen options.</param>
public sealed record WeComSelectedItem(string QuestionKey, IReadOnlyList<string> OptionIds);

/// <summary>
/// A decrypted WeCom callback (message or event) in WeCom's own terms, before it is mapped to the core's
/// channel-neutral inbound message. Keeps the fields the bot needs, a <see cref="DedupeKey"/> for the inbox
/// (WeCom retries a callback up to 3 times), and every simple field in <see cref="Fields"/> for anything else.
/// Field names follow WeCom's XML (接收消息与事件, 事件格式, 模板卡片事件推送).
/// </summary>
public sealed record WeComInbound
{
    /// <summary>ToUserName: the corp id.</summary>
    public required string ToUserName { get; init; }

    /// <summary>FromUserName: the member's UserID.</summary>
    public required string FromUserName { get; init; }

    /// <summary>CreateTime: Unix seconds.</summary>
    public required long CreateTime { get; init; }

    /// <summary>MsgType as sent (see <see cref="WeComMessageTypes"/>).</summary>
    public required string MsgType { get; init; }

    /// <summary>How the bot treats this packet.</summary>
    public required WeComInboundKind Kind { get; init; }

    /// <summary>MsgId (64-bit integer, kept as text); present on messages, absent on events.</summary>
    public string? MsgId { get; init; }

    /// <summary>AgentID: the application id.</summary>
    public string? AgentId { get; init; }

    /// <summary>Content of a text message.</summary>
    public string? Content { get; init; }

    /// <summary>Event of an event packet (see <see cref="WeComEventTypes"/>).</summary>
    public string? Event { get; init; }

    /// <summary>EventKey: menu key, or for template_card_event the key of the clicked button.</summary>
    public string? EventKey { get; init; }

    /// <summary>ChatId of the group chat the packet came from, when WeCom sends one.</summary>
    public string? ChatId { get; init; }

    /// <summary>MediaId of an image, voice, video or file message.</summary>
    public string? MediaId { get; init; }

    /// <summary>TaskId of a template card event: the task_id the card was sent with.</summary>
    public string? TaskId { get; init; }

    /// <summary>CardType of a template card event (button_interaction, vote_interaction, multiple_interaction, …).</summary>
    public string? CardType { get; init; }

    /// <summary>ResponseCode of a template card event: lets us call update_template_card once, within 72 h.</summary>
    public string? ResponseCode { get; init; }

    /// <summary>SelectedItems of a vote / multiple-choice template card event; empty otherwise.</summary>
    public IReadOnlyList<WeComSelectedItem> SelectedItems { get; init; } = [];

    /// <summary>Every direct child element without children, by name (first occurrence wins).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The key of the clicked button when this is a template card button click; otherwise null.</summary>
    public string? SelectedButtonKey => Kind == WeComInboundKind.Event && Event == WeComEventTypes.TemplateCardEvent ? EventKey : null;

    /// <summary>CreateTime as an instant.</summary>
    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(CreateTime);

    /// <summary>
    /// Inbox key that makes WeCom's retries idempotent: <c>msg:{MsgId}</c> for messages and
    /// <c>evt:{FromUserName}:{CreateTime}:{Event}</c> for events, which carry no MsgId
    /// (WeCom: dedupe messages on MsgId, events on FromUserName + CreateTime).
    /// </summary>
    public string DedupeKey => Kind == WeComInboundKind.Event
        ? string.Create(CultureInfo.InvariantCulture, $"evt:{FromUserName}:{CreateTime}:{Event}")
        : $"msg:{MsgId}";
}
