namespace ChatOps.Channels.WeCom.Api;

/// <summary>
/// What a message shows: text, markdown or a template card. A closed set (constructed through the factories) so
/// that every API can check what it supports (appchat and the group robot take no template cards).
/// </summary>
public abstract record WeComContent
{
    private protected WeComContent()
    {
    }

    /// <summary>WeCom's msgtype.</summary>
    public abstract string MsgType { get; }

    /// <summary>A text message (message/send: ≤ 2048 bytes).</summary>
    public static WeComContent Text(string content) => new WeComTextContent(content);

    /// <summary>A markdown message (WeCom's markdown subset; message/send ≤ 2048 bytes, group robot ≤ 4096).</summary>
    public static WeComContent Markdown(string content) => new WeComMarkdownContent(content);

    /// <summary>A template card (message/send only).</summary>
    public static WeComContent TemplateCard(WeComTemplateCard card) => new WeComTemplateCardContent(card);

    /// <summary>A file uploaded with media/upload (message/send only; the media id lasts 3 days).</summary>
    public static WeComContent File(string mediaId) => new WeComFileContent(mediaId);
}

/// <summary>msgtype file.</summary>
/// <param name="MediaId">The media_id media/upload returned.</param>
public sealed record WeComFileContent(string MediaId) : WeComContent
{
    /// <inheritdoc />
    public override string MsgType => "file";
}

/// <summary>msgtype text.</summary>
/// <param name="Content">The text.</param>
public sealed record WeComTextContent(string Content) : WeComContent
{
    /// <inheritdoc />
    public override string MsgType => "text";
}

/// <summary>msgtype markdown.</summary>
/// <param name="Content">The markdown.</param>
public sealed record WeComMarkdownContent(string Content) : WeComContent
{
    /// <inheritdoc />
    public override string MsgType => "markdown";
}

/// <summary>msgtype template_card.</summary>
/// <param name="Card">The card.</param>
public sealed record WeComTemplateCardContent(WeComTemplateCard Card) : WeComContent
{
    /// <inheritdoc />
    public override string MsgType => "template_card";
}

/// <summary>
/// An active message through message/send (发送应用消息): recipients, content and the duplicate check that makes a
/// resend safe. At least one of users, parties and tags.
/// </summary>
public sealed record WeComSendRequest
{
    /// <summary>Member UserIDs (≤ 1000; "@all" for everyone in the app's range).</summary>
    public IReadOnlyList<string> ToUsers { get; init; } = [];

    /// <summary>Department ids (≤ 100).</summary>
    public IReadOnlyList<string> ToParties { get; init; } = [];

    /// <summary>Tag ids (≤ 100).</summary>
    public IReadOnlyList<string> ToTags { get; init; } = [];

    /// <summary>What to show.</summary>
    public required WeComContent Content { get; init; }

    /// <summary>enable_duplicate_check: WeCom drops the same request JSON within the interval. Set it on resends.</summary>
    public bool EnableDuplicateCheck { get; init; }

    /// <summary>duplicate_check_interval (1 s to 4 h; WeCom's default 1800 s when null).</summary>
    public TimeSpan? DuplicateCheckInterval { get; init; }
}

/// <summary>
/// The outcome of message/send. WeCom delivers to the valid recipients and lists the others; the dispatcher
/// records them against the person so the office sees who was not reached. WeCom lowercases returned userids,
/// so use <see cref="IsInvalidUser"/> to match.
/// </summary>
public sealed record WeComSendResult
{
    /// <summary>msgid (for recall); null when nothing was sent.</summary>
    public string? MsgId { get; init; }

    /// <summary>invaliduser.</summary>
    public IReadOnlyList<string> InvalidUsers { get; init; } = [];

    /// <summary>invalidparty.</summary>
    public IReadOnlyList<string> InvalidParties { get; init; } = [];

    /// <summary>invalidtag.</summary>
    public IReadOnlyList<string> InvalidTags { get; init; } = [];

    /// <summary>unlicenseduser: members without an interface licence.</summary>
    public IReadOnlyList<string> UnlicensedUsers { get; init; } = [];

    /// <summary>response_code of an interactive card: one update_template_card within 72 h.</summary>
    public string? ResponseCode { get; init; }

    /// <summary>
    /// False when WeCom answered 81013 (every recipient invalid): nothing was delivered. The invalid lists then
    /// hold what WeCom returned, or all requested users when WeCom returned none.
    /// </summary>
    public bool Delivered { get; init; } = true;

    /// <summary>True when some recipient was not reached.</summary>
    public bool HasPartialFailure =>
        !Delivered || InvalidUsers.Count > 0 || InvalidParties.Count > 0 || InvalidTags.Count > 0 || UnlicensedUsers.Count > 0;

    /// <summary>Whether <paramref name="userId"/> was reported invalid or unlicensed (case-insensitive, as WeCom lowercases).</summary>
    public bool IsInvalidUser(string userId) =>
        InvalidUsers.Contains(userId, StringComparer.OrdinalIgnoreCase) || UnlicensedUsers.Contains(userId, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// An update_template_card call: either grey out the buttons with a new caption (<see cref="ReplaceButtonName"/>)
/// or replace the whole card (<see cref="Card"/>). The response_code comes from message/send or from the click
/// callback; each code works once, within 72 hours.
/// </summary>
public sealed record WeComCardUpdate
{
    /// <summary>response_code.</summary>
    public required string ResponseCode { get; init; }

    /// <summary>Whose card to update (≤ 1000); usually the member who clicked.</summary>
    public IReadOnlyList<string> UserIds { get; init; } = [];

    /// <summary>atall: update the card for every recipient of the task.</summary>
    public bool AtAll { get; init; }

    /// <summary>button.replace_name: the buttons become unclickable with this caption.</summary>
    public string? ReplaceButtonName { get; init; }

    /// <summary>The replacement card.</summary>
    public WeComTemplateCard? Card { get; init; }

    /// <summary>Greys out the buttons for <paramref name="userIds"/> with <paramref name="caption"/> (e.g. "已提交").</summary>
    public static WeComCardUpdate GreyOut(string responseCode, string caption, params IReadOnlyList<string> userIds) =>
        new() { ResponseCode = responseCode, ReplaceButtonName = caption, UserIds = userIds };

    /// <summary>Replaces the card for <paramref name="userIds"/>.</summary>
    public static WeComCardUpdate Replace(string responseCode, WeComTemplateCard card, params IReadOnlyList<string> userIds) =>
        new() { ResponseCode = responseCode, Card = card, UserIds = userIds };
}

/// <summary>appchat/create (创建群聊会话): an app-owned group chat of 2 to 2000 members.</summary>
public sealed record WeComAppChatCreateRequest
{
    /// <summary>Group name (≤ 50 UTF-8 characters; WeCom truncates beyond).</summary>
    public string? Name { get; init; }

    /// <summary>Owner userid; WeCom picks one of the members when null.</summary>
    public string? Owner { get; init; }

    /// <summary>Members (2 to 2000).</summary>
    public required IReadOnlyList<string> UserIds { get; init; }

    /// <summary>Wanted chatid (≤ 32 of 0-9a-zA-Z, unique); WeCom generates one when null.</summary>
    public string? ChatId { get; init; }
}
