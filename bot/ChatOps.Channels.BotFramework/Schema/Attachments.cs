namespace ChatOps.Channels.BotFramework;

/// <summary>
/// A file, card or media item on an activity (Bot Framework <c>Attachment</c>); an Adaptive Card is
/// <c>application/vnd.microsoft.card.adaptive</c> with the card JSON in <see cref="Content"/>.
/// </summary>
public sealed class Attachment
{
    /// <summary>The content type of an Adaptive Card attachment.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Gets or sets the MIME type or card type.</summary>
    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }

    /// <summary>Gets or sets where the content can be downloaded.</summary>
    [JsonPropertyName("contentUrl")]
    public string? ContentUrl { get; set; }

    /// <summary>Gets or sets the embedded content (a card's JSON), kept as raw JSON.</summary>
    [JsonPropertyName("content")]
    public JsonElement? Content { get; set; }

    /// <summary>Gets or sets the file name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Gets or sets the thumbnail address.</summary>
    [JsonPropertyName("thumbnailUrl")]
    public string? ThumbnailUrl { get; set; }

    /// <summary>Gets or sets fields this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>
/// Buttons shown under a message that disappear once one is tapped (Bot Framework <c>SuggestedActions</c>); the bot
/// renders dialog choices with them where the channel supports it.
/// </summary>
public sealed class SuggestedActions
{
    /// <summary>Gets or sets the ids of the recipients who should see the actions (empty: everyone).</summary>
    [JsonPropertyName("to")]
    public IList<string>? To { get; set; }

    /// <summary>Gets or sets the actions.</summary>
    [JsonPropertyName("actions")]
    public IList<CardAction>? Actions { get; set; }

    /// <summary>Gets or sets fields this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>
/// One clickable action (Bot Framework <c>CardAction</c>): <c>imBack</c> sends <see cref="Value"/> back as a message,
/// <c>messageBack</c>/<c>postBack</c> send it as data, <c>openUrl</c> opens a link.
/// </summary>
public sealed class CardAction
{
    /// <summary>Gets or sets the action type (<c>imBack</c>, <c>postBack</c>, <c>messageBack</c>, <c>openUrl</c>...).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Gets or sets the button text.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>Gets or sets the value sent or opened (a string or any JSON).</summary>
    [JsonPropertyName("value")]
    public JsonElement? Value { get; set; }

    /// <summary>Gets or sets fields this model does not name (text, displayText, image...).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>
/// Metadata attached to an activity (Bot Framework <c>Entity</c>: mentions, client info, places); only <c>type</c> is
/// named, everything else is kept as raw JSON.
/// </summary>
public sealed class Entity
{
    /// <summary>Gets or sets the entity type, e.g. <c>mention</c> or <c>clientInfo</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Gets or sets the entity's other fields.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
