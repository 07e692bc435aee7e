using System.Text.Json.Nodes;

namespace ChatOps.Channels.BotFramework.Connector;

/// <summary>
/// Renders the engine's channel-neutral messages as Bot Framework activities: text as plain text, markdown with
/// <c>textFormat=markdown</c>, and a question with buttons as an Adaptive Card (1.4) whose <c>Action.Submit</c> buttons
/// send <c>{"choice": value}</c> back — the same value a WeCom button or typed text feeds the engine. Channels without
/// Adaptive Cards get the numbered text with suggested actions (<c>imBack</c> of the value) instead.
/// </summary>
public static class ActivityRenderer
{
    /// <summary>The card data field that carries the pressed button's value.</summary>
    public const string ChoiceField = "choice";

    /// <summary>What the Adaptive Card Markdown subset (emphasis, links, lists, entities) can react to in a TextBlock.</summary>
    private static readonly System.Buffers.SearchValues<char> CardMarkdownCharacters =
        System.Buffers.SearchValues.Create("*_[]`~\\<>&");

    /// <summary>The card data field that carries the card's identity when it asks a dialog step (<see cref="OutboundMessage.CardId"/>).</summary>
    public const string CardField = "card";

    /// <summary>What an expired card shows instead of its buttons once clicked.</summary>
    public const string ExpiredCaption = BotFrameworkText.ExpiredCaption;

    /// <summary>The channels that render Adaptive Cards (and send their submits back as <c>value</c>).</summary>
    public static readonly IReadOnlySet<string> CardChannels =
        new HashSet<string>(["msteams", "webchat", "directline", "emulator"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="channelId"/> renders Adaptive Cards.</summary>
    /// <param name="channelId">The Bot Framework channel id.</param>
    /// <returns>True for Teams, Web Chat, Direct Line and the Emulator.</returns>
    public static bool SupportsCards(string? channelId) => channelId is not null && CardChannels.Contains(channelId);

    /// <summary>Renders a message for a channel.</summary>
    /// <param name="message">The engine's message.</param>
    /// <param name="channelId">The channel it goes to.</param>
    /// <returns>A message activity without addressing (the sender fills conversation, from and recipient).</returns>
    public static Activity Render(OutboundMessage message, string? channelId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = new Activity { Type = ActivityTypes.Message, Locale = "zh-CN" };
        switch (message.Kind)
        {
            case OutboundKind.Markdown:
                activity.Text = message.Title is null ? message.Text : $"**{MarkdownText.Escape(message.Title)}**\n\n{message.Text}";
                activity.TextFormat = "markdown";
                break;
            case OutboundKind.Choices when message.Choices.Count > 0 && SupportsCards(channelId):
                activity.Attachments = [Card(message, answered: null)];
                activity.InputHint = "expectingInput";
                break;
            case OutboundKind.Choices when message.Choices.Count > 0:
                activity.Text = message.ToNumberedText();
                activity.TextFormat = "plain";
                activity.InputHint = "expectingInput";
                activity.SuggestedActions = new SuggestedActions
                {
                    Actions = [.. message.Choices.Select(c => new CardAction
                    {
                        Type = "imBack",
                        Title = c.Label,
                        Value = JsonSerializer.SerializeToElement(c.Value, BotFrameworkJson.Options),
                    })],
                };
                break;
            default:
                activity.Text = message.ToNumberedText();
                activity.TextFormat = "plain";
                break;
        }

        return activity;
    }

    /// <summary>
    /// A file message (<see cref="OutboundMessage.File"/>) as a download link: on card channels an Adaptive Card with the
    /// caption, the file's name and size and an <c>Action.OpenUrl</c> button; elsewhere Markdown text with the link.
    /// </summary>
    /// <param name="message">The message; its text is the caption.</param>
    /// <param name="link">The signed, expiring download URL.</param>
    /// <param name="channelId">The channel it goes to.</param>
    /// <returns>A message activity without addressing.</returns>
    public static Activity RenderFileLink(OutboundMessage message, string link, string? channelId)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(message.File);
        if (!SupportsCards(channelId))
        {
            return Render(OutboundFiles.LinkMessage(message, link), channelId);
        }

        var activity = new Activity { Type = ActivityTypes.Message, Locale = "zh-CN" };

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["fallbackText"] = $"{message.Text}\n{link}",
            ["body"] = new JsonArray(LiteralText(message.Text), LiteralText(OutboundFiles.SizedName(message.File), weight: "Bolder", spacing: "Medium")),
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = BotFrameworkText.Download, ["url"] = link }),
        };
        activity.Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = JsonSerializer.SerializeToElement(card, BotFrameworkJson.Options) }];
        return activity;
    }

    /// <summary>The card as it looks once answered: the same question, the answer, and no buttons (greyed out).</summary>
    /// <param name="message">The card's original message.</param>
    /// <param name="answer">The label (or value) of the answer.</param>
    /// <returns>The replacement activity.</returns>
    /// <param name="expired">The card no longer asked the current step when clicked: it shows 已失效 instead.</param>
    public static Activity RenderAnswered(OutboundMessage message, string answer, bool expired = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Activity { Type = ActivityTypes.Message, Locale = "zh-CN", Attachments = [Card(message, expired ? ExpiredCaption : BotFrameworkText.Chosen(answer))] };
    }

    /// <summary>The Adaptive Card of a question: title, one text block per line, one submit button per choice.</summary>
    /// <param name="message">The question.</param>
    /// <param name="answered">The caption once answered ("已选择：…", then no buttons), else null.</param>
    /// <returns>The attachment.</returns>
    internal static Attachment Card(OutboundMessage message, string? answered)
    {
        var body = new JsonArray();
        if (!string.IsNullOrWhiteSpace(message.Title))
        {
            body.Add(LiteralText(message.Title, weight: "Bolder", size: "Medium"));
        }

        // One block per line: hosts differ on single newlines inside a block, separate blocks render the same everywhere.
        var gap = false;
        foreach (var line in message.Text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                gap = body.Count > 0;
                continue;
            }

            body.Add(LiteralText(line, spacing: gap ? "Medium" : "None"));
            gap = false;
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["fallbackText"] = message.ToNumberedText(),
            ["body"] = body,
        };
        if (answered is null)
        {
            card["actions"] = new JsonArray([.. message.Choices.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = c.Label,
                ["data"] = message.CardId is null
                    ? new JsonObject { [ChoiceField] = c.Value }
                    : new JsonObject { [ChoiceField] = c.Value, [CardField] = message.CardId },
            })]);
        }
        else
        {
            body.Add(LiteralText(answered, weight: "Bolder", subtle: true, spacing: "Medium"));
        }

        return new Attachment
        {
            ContentType = Attachment.AdaptiveCardContentType,
            Content = JsonSerializer.SerializeToElement(card, BotFrameworkJson.Options),
        };
    }

    /// <summary>
    /// A line of a card shown exactly as written. Hosts read a TextBlock's text as Markdown (and disagree on backslash
    /// escapes: Teams on Android shows them), so a line holding any character that subset reacts to — emphasis, links,
    /// lists, HTML entities — becomes a RichTextBlock with one TextRun, which the schema never reads as Markdown; other
    /// lines stay plain TextBlocks.
    /// </summary>
    internal static JsonObject LiteralText(string text, string? weight = null, string? size = null, bool subtle = false, string? spacing = null)
    {
        JsonObject block;
        if (text.AsSpan().IndexOfAny(CardMarkdownCharacters) < 0 && !StartsBlock(text.TrimStart()))
        {
            block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
            Style(block);
        }
        else
        {
            var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
            Style(run);
            block = new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) };
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;

        static bool StartsBlock(string line) =>
            line.Length > 0 && (line[0] is '-' or '+' or '#' or '>' || System.Text.RegularExpressions.Regex.IsMatch(line, @"^\d{1,9}[.)]"));

        void Style(JsonObject target)
        {
            if (weight is not null)
            {
                target["weight"] = weight;
            }

            if (size is not null)
            {
                target["size"] = size;
            }

            if (subtle)
            {
                target["isSubtle"] = true;
            }
        }
    }

    /// <summary>
    /// The value a card submit or a postBack carries: <c>{"choice": "..."}</c> (what our cards send), or a bare string.
    /// </summary>
    /// <param name="value">The activity's <c>value</c>.</param>
    /// <returns>The chosen value, or null when the value is something else.</returns>
    public static string? ReadChoice(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return NullIfBlank(element.GetString());
        }

        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(ChoiceField, out var choice))
        {
            return choice.ValueKind switch
            {
                JsonValueKind.String => NullIfBlank(choice.GetString()),
                JsonValueKind.Number => choice.GetRawText(),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>The card identity a card submit carries (<c>{"choice": "...", "card": "..."}</c>), or null.</summary>
    /// <param name="value">The activity's <c>value</c>.</param>
    /// <returns>The card id, or null when the card asks no dialog step (or is not ours).</returns>
    public static string? ReadCardId(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty(CardField, out var card) && card.ValueKind == JsonValueKind.String
            ? NullIfBlank(card.GetString())
            : null;

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
