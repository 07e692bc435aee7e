using ChatOps.Core.Reports;

namespace ChatOps.Core.Circulars;

/// <summary>What the conversation answers outside the compose dialog: acknowledgements, courtesies after them, 帮助.</summary>
public sealed partial class CircularText
{
    /// <summary>帮助 for office staff: composing.</summary>
    public const string HelpCompose = "**通报**：拟发通报、通知、文件、会议纪要或工作专报，按需送签，发送到群聊和个人";

    /// <summary>帮助 for office staff: following up.</summary>
    public const string HelpOverview = "**通报情况**：查看已印发公文的确认收到情况（按单位列出未确认人员）；**停止提醒 #编号**、**重发 #编号**";

    /// <summary>帮助 for everyone.</summary>
    public const string HelpAcknowledge = "收到办公室的通报后，点击“收到”或回复“收到”即可确认";

    /// <summary>收到 #id for a circular that is not (or no longer) issued.</summary>
    public const string AckNotFound = "未找到该公文，或该公文尚未印发。";

    /// <summary>A thank-you after the person's acknowledgements: nothing more is needed.</summary>
    public const string ThanksReply = "不客气。";

    /// <summary>Acknowledged now.</summary>
    public static string Acknowledged(Circular c) => $"已确认收到{Reference(c)}。";

    /// <summary>Acknowledged before (a second click on the card).</summary>
    public string AlreadyAcknowledged(Circular c, DateTimeOffset at) => $"您已于{PeriodText.When(at, _office)}确认收到{Reference(c)}，无需重复确认。";

    /// <summary>Not among the recipients.</summary>
    public static string NotARecipient(Circular c) => $"您不在{Reference(c)}的发送范围内，无需确认。";

    /// <summary>Typed 收到 acknowledged several circulars.</summary>
    public static string AcknowledgedAll(IReadOnlyList<Circular> acknowledged)
    {
        ArgumentNullException.ThrowIfNull(acknowledged);
        return acknowledged.Count == 1
            ? Acknowledged(acknowledged[0])
            : "已确认收到以下公文：\n" + string.Join("\n", acknowledged.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {Reference(c)}")));
    }

    /// <summary>收到 again (or 收到，谢谢) when everything is acknowledged: a short answer, nothing to do.</summary>
    public static string NothingLeftToAcknowledge(Circular last) => $"您已确认收到{Reference(last)}，无需再次回复。";
}
