namespace ChatOps.Core.Conversations;

/// <summary>
/// Every Chinese text the engine and its dialog toolkit show, in one class so the wording is reviewed in one place
/// (features keep theirs in their own text classes; every dialog takes the toolkit's texts from here). Outside it stay only the words the engine and the prompts match (<see cref="Commands"/>, <see cref="Prompt.Yes"/>,
/// <see cref="Prompt.No"/>).
/// </summary>
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

    /// <summary>The yes button of a confirmation.</summary>
    public const string Confirm = "确认";

    /// <summary>The no button of a confirmation before sending.</summary>
    public const string Decline = "不发送";

    /// <summary>A confirmation answered with neither yes nor no.</summary>
    public const string ConfirmOrNot = "请回复“确认”或“不发送”。";

    /// <summary>A dialog whose state no longer makes sense.</summary>
    public const string Expired = "对话已失效，请重新开始。";

    /// <summary>A number asked for and nothing said.</summary>
    public const string EmptyNumber = "内容不能为空，请填写数字。";

    /// <summary>A negative number.</summary>
    public const string Negative = "数字不能为负数，请重新填写。";

    /// <summary>A number with too many digits.</summary>
    public const string TooLarge = "数字过大，请核对后重新填写。";

    /// <summary>What a checked text is called when the dialog names it nothing else.</summary>
    public const string ContentName = "内容";

    /// <summary>"十二" is not a number.</summary>
    public static string NotANumber(string text) => $"“{text}”不是数字，请填写一个整数（如 12）。";

    /// <summary>An empty text.</summary>
    public static string Empty(string what) => $"{what}不能为空，请重新填写。";

    /// <summary>A text over its limit.</summary>
    public static string TooLong(string what, int max, int length) => $"{what}过长（最多{max}字，现为{length}字），请精简后重新发送。";

    /// <summary>A numbered reply out of range.</summary>
    public static string ChooseBetween(int count, string what) => $"请回复 1 到 {count} 之间的序号{what}。";

    /// <summary>A message with choices on a channel without buttons: the text, then the numbered choices.</summary>
    public static string NumberedChoices(string head, IEnumerable<string> lines) => $"{head}\n\n请回复序号或文字：\n{string.Join('\n', lines)}";

    /// <summary>A channel as the office names it (the channel alert, a circular's group on a channel that is off).</summary>
    public static string ChannelName(string channel) => channel switch
    {
        ChannelNames.WeCom => "企业微信渠道",
        ChannelNames.BotFramework => "Teams（Bot Framework）渠道",
        _ => $"“{channel}”渠道",
    };

    /// <summary>A file size under 1 KB, as people read it (350 字节).</summary>
    public static string Bytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes} 字节");

    /// <summary>A sent file's name with its size (<see cref="Files.Size"/>): 工作专报….docx（35 KB）.</summary>
    public static string SizedFileName(string name, long size) => $"{name}（{Files.Size(size)}）";
}
