namespace ChatOps.Channels.WeCom;

/// <summary>
/// Every Chinese text the WeCom channel shows, in one class so the wording is reviewed in one place: this file (cards,
/// files, group kinds) and WeComText.Doctor (the doctor's findings and the errcodes' advice). Outside it stay the words
/// the numbered-answer parser matches (WeComCardRenderer), the group kinds' spellings in directory files, and the English
/// halves of findings and advice (for the vendor).
/// </summary>
public static partial class WeComText
{
    /// <summary>Prefix of the caption of greyed-out buttons once a choice was made: "已选择：提交".</summary>
    public const string ChosenPrefix = "已选择：";

    /// <summary>The caption of greyed-out buttons of a card that no longer asked the current step when it was clicked.</summary>
    public const string ExpiredCaption = "已失效";

    /// <summary>The card's title when the question is too long to be one and the message has no title.</summary>
    public const string CardTitle = "请选择";

    /// <summary>The numbered-text form's numbers when there are more than six options: "1 至 8 之间的数字".</summary>
    public static string NumberRange(int count) => string.Create(CultureInfo.InvariantCulture, $"1 至 {count} 之间的数字");

    /// <summary>The numbered-text form's line above the options: "回复 1、2、3 选择：".</summary>
    public static string ReplyWithNumber(string numbers) => $"回复 {numbers} 选择：";

    /// <summary>What the person reads above the download link when WeCom refuses the file itself.</summary>
    public const string FileRefusedNote = "企业微信不接收该文件（文件类型或大小不符合企业微信的要求），请点击下面的链接下载：";

    /// <summary>The name of an inbound file WeCom sent without one.</summary>
    public const string UnnamedFile = "文件";

    /// <summary>The text of the outbox item that updates a pressed card (kept in the outbox; the member sees the card change).</summary>
    public static string CardUpdate(string key) => "更新卡片：" + key;

    /// <summary>The label of an app chat group kind.</summary>
    public const string AppChatLabel = "企业微信群聊";

    /// <summary>The label of a group robot group kind.</summary>
    public const string RobotLabel = "企业微信群机器人";
}
