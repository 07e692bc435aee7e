namespace ChatOps.Channels.WeCom;

/// <summary>
/// MsgType values of WeCom's "接收消息与事件" callbacks for a self-built app. Named so the parser and the endpoint
/// do not scatter string literals; anything outside this list is rejected as
/// <see cref="WeComCallbackFailureReason.UnknownMessageType"/>.
/// </summary>
public static class WeComMessageTypes
{
    /// <summary>Text message (Content).</summary>
    public const string Text = "text";

    /// <summary>Image message (PicUrl, MediaId).</summary>
    public const string Image = "image";

    /// <summary>Voice message (MediaId, Format).</summary>
    public const string Voice = "voice";

    /// <summary>Video message (MediaId, ThumbMediaId).</summary>
    public const string Video = "video";

    /// <summary>File message (MediaId).</summary>
    public const string File = "file";

    /// <summary>Location message (Location_X, Location_Y, Scale, Label).</summary>
    public const string Location = "location";

    /// <summary>Link message (Title, Description, Url, PicUrl).</summary>
    public const string Link = "link";

    /// <summary>An event (Event, EventKey, …).</summary>
    public const string Event = "event";
}

/// <summary>
/// Event values the bot reacts to. Other events (contact changes, approvals, …) are still parsed and accepted;
/// these constants only name the ones our dialogs use.
/// </summary>
public static class WeComEventTypes
{
    /// <summary>A member opened the app's conversation (进入应用).</summary>
    public const string EnterAgent = "enter_agent";

    /// <summary>A member was added to the app's visible range (关注).</summary>
    public const string Subscribe = "subscribe";

    /// <summary>A member was removed from the app's visible range (取消关注).</summary>
    public const string Unsubscribe = "unsubscribe";

    /// <summary>A custom menu item was clicked; EventKey holds the menu key.</summary>
    public const string Click = "click";

    /// <summary>A button of an interactive template card was clicked (模板卡片事件推送); EventKey holds the button key.</summary>
    public const string TemplateCardEvent = "template_card_event";

    /// <summary>An item of a template card's top-right menu was clicked; EventKey holds the action key.</summary>
    public const string TemplateCardMenuEvent = "template_card_menu_event";
}
