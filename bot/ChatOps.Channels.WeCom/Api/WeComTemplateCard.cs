using System.Text.Json.Serialization;

namespace ChatOps.Channels.WeCom.Api;

/// <summary>Card types of WeCom's template cards (模板卡片, msgtype template_card).</summary>
public static class WeComCardTypes
{
    /// <summary>Text notice (no callback unless action_menu is set).</summary>
    public const string TextNotice = "text_notice";

    /// <summary>Buttons that call back with the pressed key (按钮交互型): our choice cards.</summary>
    public const string ButtonInteraction = "button_interaction";

    /// <summary>Vote card (投票选择型).</summary>
    public const string VoteInteraction = "vote_interaction";

    /// <summary>Multiple choice card (多项选择型).</summary>
    public const string MultipleInteraction = "multiple_interaction";
}

/// <summary>
/// The template_card object of message/send and update_template_card, with the fields the bot uses. A plain DTO
/// with WeCom's JSON names (System.Text.Json, source-generation friendly); unset fields are omitted.
/// </summary>
public sealed class WeComTemplateCard
{
    /// <summary>card_type, see <see cref="WeComCardTypes"/>.</summary>
    [JsonPropertyName("card_type")]
    public required string CardType { get; init; }

    /// <summary>main_title: title (suggested ≤ 36 characters) and desc (≤ 44).</summary>
    [JsonPropertyName("main_title")]
    public WeComCardMainTitle? MainTitle { get; init; }

    /// <summary>sub_title_text: plain text under the title (suggested ≤ 160 characters).</summary>
    [JsonPropertyName("sub_title_text")]
    public string? SubTitleText { get; init; }

    /// <summary>horizontal_content_list: up to 6 key/value lines.</summary>
    [JsonPropertyName("horizontal_content_list")]
    public IReadOnlyList<WeComCardKeyValue>? HorizontalContentList { get; init; }

    /// <summary>button_list: up to 6 buttons.</summary>
    [JsonPropertyName("button_list")]
    public IReadOnlyList<WeComCardButton>? ButtonList { get; init; }

    /// <summary>task_id: unique per app, digits, letters and "_-@", at most 128 bytes; required for interactive cards.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; init; }

    /// <summary>replace_text: the text shown instead of the buttons once the card was answered (replacement cards).</summary>
    [JsonPropertyName("replace_text")]
    public string? ReplaceText { get; init; }
}

/// <summary>main_title of a template card.</summary>
public sealed class WeComCardMainTitle
{
    /// <summary>The title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The line under the title.</summary>
    [JsonPropertyName("desc")]
    public string? Desc { get; init; }
}

/// <summary>One horizontal_content_list entry (keyname suggested ≤ 5 characters, value ≤ 30).</summary>
public sealed class WeComCardKeyValue
{
    /// <summary>The label.</summary>
    [JsonPropertyName("keyname")]
    public required string KeyName { get; init; }

    /// <summary>The value.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }
}

/// <summary>
/// One button of button_list. With type omitted (0) a click calls back with <see cref="Key"/> as EventKey.
/// </summary>
public sealed class WeComCardButton
{
    /// <summary>Button text (suggested ≤ 10 characters).</summary>
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    /// <summary>Style 1–4; omitted means WeCom's default (1).</summary>
    [JsonPropertyName("style")]
    public int? Style { get; init; }

    /// <summary>Callback key (≤ 1024 bytes, unique within the card).</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }
}
