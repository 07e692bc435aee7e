using System.Text;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Meetings;

/// <summary>Agreed items in the conversation: the list and 反馈落实情况.</summary>
public sealed partial class MeetingFeature
{
    private const string StepFeedbackText = "text";
    private const string StepFeedbackStatus = "status";
    private const string Finished = "已完成";
    private const string Ongoing = "正在推进";
    private const int MaxFeedback = 1000;

    /// <summary>反馈 #id: the owner unit's liaison (or delegate) starts the feedback dialog.</summary>
    private async Task StartFeedbackAsync(Turn turn, long itemId, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var item = await store.FindItemAsync(itemId, cancellationToken);
        if (item is null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"找不到编号为{itemId}的议定事项。"), cancellationToken);
            return;
        }

        var units = await directory.ListReportingUnitsAsync(turn.Person.Id, cancellationToken);
        if (!units.Any(u => u.Code == item.OwnerUnit))
        {
            var owner = await directory.FindUnitAsync(item.OwnerUnit, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain($"这项议定事项由{owner?.Name ?? item.OwnerUnit}承办，只有该单位的联络员可以反馈落实情况。"), cancellationToken);
            return;
        }

        await SaveStateAsync(turn, FeedbackDialog, StepFeedbackText, new FeedbackDraft { ItemId = itemId }, cancellationToken);
        var done = item.Status == AgreedItemStatus.Done ? "该事项此前已反馈完成，如有新的情况可补充反馈。\n" : "";
        await turn.ReplyAsync(OutboundMessage.Plain(
            $"{done}请简要说明“{item.Text}”的落实情况（完成时限：{MeetingText.Date(item.DueDate)}；回复“取消”可放弃）："), cancellationToken);
    }

    private async Task ContinueFeedbackAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var draft = ChatOpsJson.Deserialize<FeedbackDraft>(state.Data);
        var said = turn.Said.Trim();
        if (state.Step == StepFeedbackText)
        {
            if (said.Length == 0)
            {
                await turn.ReplyAsync(OutboundMessage.Plain("落实情况不能为空，请简要说明。"), cancellationToken);
                return;
            }

            if (said.Length > MaxFeedback)
            {
                await turn.ReplyAsync(OutboundMessage.Plain($"内容过长（最多{MaxFeedback}字，现为{said.Length}字），请精简后重新发送。"), cancellationToken);
                return;
            }

            draft.Text = said;
            await SaveStateAsync(turn, FeedbackDialog, StepFeedbackStatus, draft, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Ask("该事项是否已经完成？", new Choice(Finished, Finished), new Choice(Ongoing, Ongoing)), cancellationToken);
            return;
        }

        bool done;
        switch (Commands.Normalize(said))
        {
            case Finished or "完成" or "是" or "1":
                done = true;
                break;
            case Ongoing or "推进中" or "否" or "未完成" or "2":
                done = false;
                break;
            default:
                await turn.ReplyAsync(OutboundMessage.Ask("请选择：已完成，或正在推进。", new Choice(Finished, Finished), new Choice(Ongoing, Ongoing)), cancellationToken);
                return;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var store = stores.For(turn.Work);
        var item = await store.FindItemAsync(draft.ItemId, cancellationToken);
        if (item is null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("该议定事项已不存在，反馈未提交。"), cancellationToken);
            return;
        }

        await store.AddFeedbackAsync(new ItemFeedback(0, item.Id, turn.Person.Id, draft.Text!, done, turn.Now), cancellationToken);
        await store.UpdateItemAsync(item with { Status = done ? AgreedItemStatus.Done : AgreedItemStatus.InProgress, UpdatedAt = turn.Now }, cancellationToken);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var unit = snapshot.Units.FirstOrDefault(u => u.Code == item.OwnerUnit)?.Name ?? item.OwnerUnit;
        var notice = OutboundMessage.Card("议定事项落实情况反馈",
            $"{unit}（{turn.Person.Name}）反馈议定事项落实情况：\n事项：{item.Text}（完成时限{MeetingText.Date(item.DueDate)}）\n落实情况：{draft.Text}\n状态：{(done ? Finished : Ongoing)}");
        var recorder = snapshot.People.FirstOrDefault(p => p.Id == item.RecordedBy && p.Roles.HasFlag(Roles.OfficeStaff));
        if (recorder is not null)
        {
            await notices.SendAsync(turn.Work, recorder, notice, turn.Now, null, cancellationToken);
        }
        else
        {
            await notices.ToOfficeAsync(turn.Work, snapshot, notice, turn.Now, null, cancellationToken);
        }

        await turn.ReplyAsync(OutboundMessage.Plain(done
            ? "已反馈，该事项已标记为完成，并已报领导小组办公室。"
            : $"已反馈并报领导小组办公室。请继续抓好落实，完成时限为{MeetingText.Date(item.DueDate)}，完成后请再次反馈。"), cancellationToken);
    }

    /// <summary>Bare 反馈: the person's one open item, or a list of them.</summary>
    private async Task BareFeedbackAsync(Turn turn, CancellationToken cancellationToken)
    {
        var open = await MyOpenItemsAsync(turn, cancellationToken);
        switch (open.Count)
        {
            case 0:
                await turn.ReplyAsync(OutboundMessage.Plain("本单位目前没有待反馈的议定事项。"), cancellationToken);
                return;
            case 1:
                await StartFeedbackAsync(turn, open[0].Id, cancellationToken);
                return;
            default:
                await turn.ReplyAsync(OutboundMessage.Ask("请选择要反馈的议定事项：",
                    [.. open.Take(8).Select(i => new Choice($"#{i.Id} {Shorten(i.Text)}", $"反馈 #{i.Id}"))]), cancellationToken);
                return;
        }
    }

    /// <summary>议定事项: a liaison sees their units' open items; office staff see every open item, overdue first.</summary>
    private async Task ListItemsAsync(Turn turn, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var office = turn.Person.Roles.HasFlag(Roles.OfficeStaff);
        var items = office ? await store.ListOpenItemsAsync(cancellationToken) : await MyOpenItemsAsync(turn, cancellationToken);
        if (items.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(office ? "目前没有未完成的议定事项。" : "本单位目前没有待落实的议定事项。"), cancellationToken);
            return;
        }

        var today = calendar.LocalDate(turn.Now);
        var sb = new StringBuilder();
        foreach (var (title, group) in new[]
                 {
                     ("已逾期", items.Where(i => i.DueDate < today).ToList()),
                     ("未到期", items.Where(i => i.DueDate >= today).ToList()),
                 })
        {
            if (group.Count == 0)
            {
                continue;
            }

            sb.Append("**").Append(title).Append('（').Append(group.Count).AppendLine("）**");
            foreach (var item in group)
            {
                var latest = (await store.ListFeedbackAsync(item.Id, cancellationToken)).LastOrDefault();
                sb.Append("- ").AppendLine(MeetingText.ItemLine(item, snapshot, latest));
            }

            sb.AppendLine();
        }

        if (!office)
        {
            sb.AppendLine("回复“反馈 #编号”反馈落实情况。");
        }

        await turn.ReplyAsync(OutboundMessage.Markdown(sb.ToString().TrimEnd(), "议定事项"), cancellationToken);
    }

    private async Task<IReadOnlyList<AgreedItem>> MyOpenItemsAsync(Turn turn, CancellationToken cancellationToken)
    {
        var units = (await directory.ListReportingUnitsAsync(turn.Person.Id, cancellationToken)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        return units.Count == 0
            ? []
            : (await stores.For(turn.Work).ListOpenItemsAsync(cancellationToken)).Where(i => units.Contains(i.OwnerUnit)).ToList();
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..19] + "…";

    /// <summary>The feedback dialog's data.</summary>
    internal sealed class FeedbackDraft
    {
        public long ItemId { get; set; }

        public string? Text { get; set; }
    }
}
