using System.Xml.Linq;

namespace ChatOps.Channels.WeCom;

/// <summary>
/// Turns a decrypted WeCom message (the inner XML) into a <see cref="WeComInbound"/>. Parsing is safe (no DTD,
/// size limit) and strict about what the inbox relies on: FromUserName, CreateTime and MsgType are required,
/// messages need a MsgId and events an Event, so that <see cref="WeComInbound.DedupeKey"/> is always meaningful.
/// </summary>
public static class WeComInboundParser
{
    /// <summary>
    /// Parses <paramref name="innerXml"/>. Throws <see cref="WeComCallbackException"/> with TooLarge, DtdProhibited,
    /// MalformedXml (not XML, root not &lt;xml&gt;, a required element missing, CreateTime not an integer) or
    /// UnknownMessageType (MsgType not in <see cref="WeComMessageTypes"/>).
    /// </summary>
    public static WeComInbound Parse(string innerXml, int maxLength = WeComCryptoOptions.DefaultMaxBodyLength)
    {
        var root = WeComXml.LoadRoot(innerXml, maxLength, "message");

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in root.Elements())
        {
            if (!element.HasElements)
            {
                fields.TryAdd(element.Name.LocalName, element.Value);
            }
        }

        var toUserName = Required(fields, "ToUserName");
        var fromUserName = Required(fields, "FromUserName");
        var msgType = Required(fields, "MsgType");
        var createTimeText = Required(fields, "CreateTime");
        if (!long.TryParse(createTimeText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var createTime))
        {
            throw new WeComCallbackException(WeComCallbackFailureReason.MalformedXml, "CreateTime is not an integer.");
        }

        var kind = msgType switch
        {
            WeComMessageTypes.Text => WeComInboundKind.Text,
            WeComMessageTypes.Event => WeComInboundKind.Event,
            WeComMessageTypes.Image or WeComMessageTypes.Voice or WeComMessageTypes.Video or WeComMessageTypes.File
                or WeComMessageTypes.Location or WeComMessageTypes.Link => WeComInboundKind.OtherContent,
            _ => throw new WeComCallbackException(WeComCallbackFailureReason.UnknownMessageType, "The message has an unknown MsgType."),
        };

        string? msgId = null;
        string? @event = null;
        if (kind == WeComInboundKind.Event)
        {
            @event = Required(fields, "Event");
        }
        else
        {
            msgId = Required(fields, "MsgId").Trim();
        }

        return new WeComInbound
        {
            ToUserName = toUserName,
            FromUserName = fromUserName,
            CreateTime = createTime,
            MsgType = msgType,
            Kind = kind,
            MsgId = msgId,
            AgentId = Optional(fields, "AgentID")?.Trim(),
            Content = kind == WeComInboundKind.Text ? Optional(fields, "Content") ?? string.Empty : null,
            Event = @event,
            EventKey = Optional(fields, "EventKey"),
            ChatId = Optional(fields, "ChatId"),
            MediaId = Optional(fields, "MediaId"),
            TaskId = Optional(fields, "TaskId"),
            CardType = Optional(fields, "CardType"),
            ResponseCode = Optional(fields, "ResponseCode"),
            SelectedItems = ParseSelectedItems(root),
            Fields = fields,
        };
    }

    private static string Required(Dictionary<string, string> fields, string name)
    {
        if (fields.TryGetValue(name, out var value) && value.Length > 0)
        {
            return value;
        }

        throw new WeComCallbackException(WeComCallbackFailureReason.MalformedXml, $"The message has no {name}.");
    }

    private static string? Optional(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) ? value : null;

    // <SelectedItems><SelectedItem><QuestionKey/><OptionIds><OptionId/>…</OptionIds></SelectedItem>…</SelectedItems>
    private static List<WeComSelectedItem> ParseSelectedItems(XElement root)
    {
        var items = new List<WeComSelectedItem>();
        var container = root.Element("SelectedItems");
        if (container is null)
        {
            return items;
        }

        foreach (var item in container.Elements("SelectedItem"))
        {
            var questionKey = item.Element("QuestionKey")?.Value ?? string.Empty;
            var optionIds = item.Element("OptionIds")?.Elements("OptionId").Select(o => o.Value).ToList() ?? [];
            items.Add(new WeComSelectedItem(questionKey, optionIds));
        }

        return items;
    }
}
