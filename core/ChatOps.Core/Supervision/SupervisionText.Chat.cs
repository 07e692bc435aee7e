namespace ChatOps.Core.Supervision;

/// <summary>The chat's list (问题清单) and the cards with buttons: 整改核验, 延期申请, 整改提醒 and the weekly summary's title.</summary>
public static partial class SupervisionText
{
    /// <summary>问题清单 with nothing open the person may see.</summary>
    public const string NothingToList = "目前没有需要您处理或查看的问题清单和督办事项。";

    /// <summary>The heading of one kind in 问题清单: “**问题清单**（未销号3个）”.</summary>
    public static string ListHeading(SupervisionKind kind, int open) =>
        string.Create(CultureInfo.InvariantCulture, $"**{(kind == SupervisionKind.Problem ? "问题清单" : kind == SupervisionKind.Complaint ? "群众投诉举报" : "督办事项")}**（未销号{open}个）");

    /// <summary>The last line of 问题清单: how to report (a liaison) or how to see an item's history (everyone else).</summary>
    public static string ListFooter(bool liaison) =>
        liaison ? "\n整改完成后回复“整改 #编号”（督办事项回复“办结 #编号”）；回复“问题详情 #编号”查看详情。" : "\n回复“问题详情 #编号”查看详情和整改记录。";

    /// <summary>The 整改核验 card to the verifiers, with 销号 / 退回整改 (<paramref name="photos"/>: the attachments' section).</summary>
    public static OutboundMessage VerifyCard(SupervisionItem item, string unitName, string text, string photos) =>
        OutboundMessage.Card("整改核验", Submitted(item, unitName, text) + photos,
            new Choice("销号", $"销号 #{item.Id}"), new Choice("退回整改", $"退回整改 #{item.Id}"));

    /// <summary>The 延期申请 card to the verifiers, with 同意延期 / 不同意延期.</summary>
    public static OutboundMessage ExtensionCard(SupervisionItem item, string unitName, DateOnly to, string reason) =>
        OutboundMessage.Card("延期申请", ExtensionRequested(item, unitName, to, reason),
            new Choice("同意延期", $"同意延期 #{item.Id}"), new Choice("不同意延期", $"不同意延期 #{item.Id}"));

    /// <summary>The 整改提醒 card to the liaison before a deadline, with 报送整改情况 (办结 for a task) / 申请延期.</summary>
    public static OutboundMessage ReminderCard(SupervisionItem item, string unitName)
    {
        var verb = ReportVerb(item.Kind);
        return OutboundMessage.Card("整改提醒", Reminder(item, unitName),
            new Choice($"报送{verb}情况", $"{verb} #{item.Id}"), new Choice("申请延期", $"申请延期 #{item.Id}"));
    }

    /// <summary>The title of the weekly summary's message (<see cref="Weekly"/>).</summary>
    public const string WeeklyTitle = "问题清单整改周报";
}
