namespace ChatOps.Core.Conversations;

/// <summary>Every Chinese text the engine itself shows (features keep theirs in their own text classes).</summary>
public static class ConversationText
{
    /// <summary>A click on a card that no longer asks the current step.</summary>
    public const string StaleCard = "这张卡片已失效，请按最新消息操作。";

    /// <summary>A sender who is not in the directory.</summary>
    public const string UnknownSender = "您好，您不在本系统的名录中，暂时无法使用。如需开通，请联系领导小组办公室。";

    /// <summary>取消 outside any dialog.</summary>
    public const string NothingToCancel = "当前没有进行中的操作。";

    /// <summary>A message without text (a sticker, a location) outside any dialog.</summary>
    public const string TextOnly = "暂不支持这类消息，请发送文字。回复“帮助”查看可用的功能。";

    /// <summary>The fallback's question, above each feature's buttons.</summary>
    public const string Fallback = "未能识别该指令，您可以：";

    /// <summary>状态 when no feature has anything for the person.</summary>
    public const string NothingToDo = "您目前没有需要办理的事项。回复“帮助”查看可用的功能。";

    /// <summary>The 状态 card's title.</summary>
    public const string StatusTitle = "当前状态";

    /// <summary>The fallback's own buttons.</summary>
    public static readonly Choice StatusChoice = new("查看状态", "状态");

    /// <summary>The fallback's own buttons.</summary>
    public static readonly Choice HelpChoice = new("帮助", "帮助");

    /// <summary>帮助: its title, heading and the engine's own lines.</summary>
    public const string HelpTitle = "帮助";

    /// <summary>帮助's heading.</summary>
    public const string HelpHeading = "**可用的功能**";

    /// <summary>帮助's line for 取消.</summary>
    public const string HelpCancel = "**取消**：放弃当前正在进行的操作";

    /// <summary>帮助's line for 帮助.</summary>
    public const string HelpHelp = "**帮助**：显示本说明";

    /// <summary>帮助 during a dialog.</summary>
    public const string HelpInDialog = "您有一项操作尚未完成，直接回复即可继续。";
}
