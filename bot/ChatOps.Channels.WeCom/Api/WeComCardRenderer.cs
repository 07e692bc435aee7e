namespace ChatOps.Channels.WeCom.Api;

/// <summary>One option of a choice prompt: the caption shown and the key that comes back on a click.</summary>
/// <param name="Text">Caption (a card button shows up to 10 characters).</param>
/// <param name="Key">Callback key (EventKey of the click; unique within the prompt).</param>
public sealed record WeComChoice(string Text, string Key)
{
    /// <summary>WeCom button style 1–4; null for WeCom's default.</summary>
    public int? Style { get; init; }
}

/// <summary>
/// A channel-neutral "please choose" message: what the dialogs produce, before WeCom decides between an
/// interactive card and numbered text.
/// </summary>
public sealed record WeComChoicePrompt
{
    /// <summary>The question or title.</summary>
    public required string Title { get; init; }

    /// <summary>Optional explanation under the title.</summary>
    public string? Description { get; init; }

    /// <summary>The options, in display order.</summary>
    public required IReadOnlyList<WeComChoice> Choices { get; init; }

    /// <summary>The card's task_id (unique per app; digits, letters and "_-@", ≤ 128 bytes); comes back with the click.</summary>
    public required string TaskId { get; init; }
}

/// <summary>The rendered prompt: a card, or numbered text with the reason the card was not possible.</summary>
/// <param name="Content">What to send.</param>
/// <param name="FallbackReason">Why numbered text was used; null for a card.</param>
public sealed record WeComRendering(WeComContent Content, string? FallbackReason)
{
    /// <summary>True when <see cref="Content"/> is an interactive card.</summary>
    public bool IsCard => Content is WeComTemplateCardContent;

    /// <summary>The card, when <see cref="IsCard"/>.</summary>
    public WeComTemplateCard? Card => (Content as WeComTemplateCardContent)?.Card;
}

/// <summary>
/// Renders choices for WeCom: an interactive button_interaction template card when WeCom's limits allow (≤ 6
/// buttons, button text ≤ 10 characters, key ≤ 1024 bytes, task_id of digits, letters and "_-@" ≤ 128 bytes,
/// title ≤ 36 and text ≤ 160 characters), otherwise numbered text that members answer with 1/2/3
/// (<see cref="ParseNumberedChoice"/>). Falling back instead of truncating keeps government texts whole.
/// </summary>
public static class WeComCardRenderer
{
    /// <summary>Prefix of the caption of greyed-out buttons once a choice was made.</summary>
    public const string ChosenPrefix = WeComText.ChosenPrefix;

    /// <summary>The caption of greyed-out buttons of a card that no longer asked the current step when it was clicked.</summary>
    public const string ExpiredCaption = WeComText.ExpiredCaption;

    /// <summary>Renders <paramref name="prompt"/>; <paramref name="cardsSupported"/> false forces numbered text (e.g. in group chats).</summary>
    public static WeComRendering Render(WeComChoicePrompt prompt, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        Validate(prompt);
        var reason = cardsSupported ? CardLimitViolation(prompt) : "template cards are not available here";
        return reason is null
            ? new WeComRendering(WeComContent.TemplateCard(BuildCard(prompt)), null)
            : new WeComRendering(WeComContent.Text(BuildNumberedText(prompt)), reason);
    }

    /// <summary>The button_interaction card of <paramref name="prompt"/>; throws when it breaks WeCom's limits.</summary>
    public static WeComTemplateCard BuildCard(WeComChoicePrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        Validate(prompt);
        if (CardLimitViolation(prompt) is { } reason)
        {
            throw new ArgumentException($"The prompt cannot be a card: {reason}.", nameof(prompt));
        }

        return new WeComTemplateCard
        {
            CardType = WeComCardTypes.ButtonInteraction,
            MainTitle = new WeComCardMainTitle { Title = prompt.Title },
            SubTitleText = string.IsNullOrWhiteSpace(prompt.Description) ? null : prompt.Description,
            ButtonList = [.. prompt.Choices.Select(c => new WeComCardButton { Text = c.Text, Key = c.Key, Style = c.Style })],
            TaskId = prompt.TaskId,
        };
    }

    /// <summary>
    /// A replacement card for after the answer (update_template_card): same title and buttons, with replace_text
    /// "已选择：…" shown instead of the buttons.
    /// </summary>
    public static WeComTemplateCard BuildAnsweredCard(WeComChoicePrompt prompt, WeComChoice chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        var card = BuildCard(prompt);
        return new WeComTemplateCard
        {
            CardType = card.CardType,
            MainTitle = card.MainTitle,
            SubTitleText = card.SubTitleText,
            ButtonList = card.ButtonList,
            TaskId = card.TaskId,
            ReplaceText = ChosenCaption(chosen),
        };
    }

    /// <summary>The caption for greyed-out buttons (<see cref="WeComCardUpdate.GreyOut"/>): "已选择：提交".</summary>
    public static string ChosenCaption(WeComChoice chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        return ChosenPrefix + chosen.Text;
    }

    /// <summary>
    /// The numbered-text form: title, description, then "回复 1、2、3 选择：" and one "n. caption" line per option.
    /// </summary>
    public static string BuildNumberedText(WeComChoicePrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        Validate(prompt);
        var builder = new StringBuilder();
        builder.Append(prompt.Title).Append('\n');
        if (!string.IsNullOrWhiteSpace(prompt.Description))
        {
            builder.Append(prompt.Description).Append('\n');
        }

        var count = prompt.Choices.Count;
        var numbers = count <= 6
            ? string.Join('、', Enumerable.Range(1, count).Select(n => n.ToString(CultureInfo.InvariantCulture)))
            : WeComText.NumberRange(count);
        builder.Append(WeComText.ReplyWithNumber(numbers));
        for (var i = 0; i < count; i++)
        {
            builder.Append('\n').Append(CultureInfo.InvariantCulture, $"{i + 1}. ").Append(prompt.Choices[i].Text);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Reads a numbered answer: "1", "１" (full-width), "1.", "1。", "1、", "(1)", "第1个", "一", or the option's
    /// caption itself. Returns null when the text is not one of the options.
    /// </summary>
    public static WeComChoice? ParseNumberedChoice(string? text, IReadOnlyList<WeComChoice> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(text) || options.Count == 0)
        {
            return null;
        }

        var trimmed = text.Trim();
        var normalized = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            normalized.Append(c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c);
        }

        var core = normalized.ToString().Trim().TrimStart('(', '（', '第', '#', '＃').TrimEnd('.', '。', '．', '、', ')', '）', ',', '，', '个', '個', '项', '號', '号').Trim();
        int? number = null;
        if (core.Length is > 0 and <= 3 && core.All(char.IsAsciiDigit))
        {
            number = int.Parse(core, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else if (core.Length == 1 && "一二三四五六七八九十".IndexOf(core[0], StringComparison.Ordinal) is var index and >= 0)
        {
            number = index + 1;
        }

        if (number is { } n)
        {
            return n >= 1 && n <= options.Count ? options[n - 1] : null;
        }

        return options.FirstOrDefault(o => string.Equals(o.Text.Trim(), trimmed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether <paramref name="taskId"/> is a valid task_id: 1–128 bytes of digits, ASCII letters and "_-@".</summary>
    public static bool IsValidTaskId(string? taskId) =>
        !string.IsNullOrEmpty(taskId)
        && taskId.Length <= WeComLimits.CardTaskIdMaxBytes
        && taskId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@');

    private static void Validate(WeComChoicePrompt prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt.Title))
        {
            throw new ArgumentException("The prompt needs a title.", nameof(prompt));
        }

        if (prompt.Choices is null || prompt.Choices.Count == 0)
        {
            throw new ArgumentException("The prompt needs at least one choice.", nameof(prompt));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var choice in prompt.Choices)
        {
            if (string.IsNullOrWhiteSpace(choice.Text) || string.IsNullOrEmpty(choice.Key))
            {
                throw new ArgumentException("Every choice needs a caption and a key.", nameof(prompt));
            }

            if (!keys.Add(choice.Key))
            {
                throw new ArgumentException("Choice keys must be unique.", nameof(prompt));
            }

            if (choice.Style is < 1 or > 4)
            {
                throw new ArgumentException("A button style must be 1 to 4.", nameof(prompt));
            }
        }
    }

    private static string? CardLimitViolation(WeComChoicePrompt prompt)
    {
        if (prompt.Choices.Count > WeComLimits.CardMaxButtons)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{prompt.Choices.Count} choices exceed {WeComLimits.CardMaxButtons} buttons");
        }

        foreach (var choice in prompt.Choices)
        {
            if (new StringInfo(choice.Text).LengthInTextElements > WeComLimits.CardButtonTextMaxChars)
            {
                return string.Create(CultureInfo.InvariantCulture, $"a button text exceeds {WeComLimits.CardButtonTextMaxChars} characters");
            }

            if (WeComLimits.Utf8Length(choice.Key) > WeComLimits.CardButtonKeyMaxBytes)
            {
                return string.Create(CultureInfo.InvariantCulture, $"a button key exceeds {WeComLimits.CardButtonKeyMaxBytes} bytes");
            }
        }

        if (!IsValidTaskId(prompt.TaskId))
        {
            return "the task id is not 1-128 characters of digits, letters and _-@";
        }

        if (new StringInfo(prompt.Title).LengthInTextElements > WeComLimits.CardTitleMaxChars)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the title exceeds {WeComLimits.CardTitleMaxChars} characters");
        }

        if (prompt.Description is { } description && new StringInfo(description).LengthInTextElements > WeComLimits.CardSubTitleMaxChars)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the description exceeds {WeComLimits.CardSubTitleMaxChars} characters");
        }

        return null;
    }
}
