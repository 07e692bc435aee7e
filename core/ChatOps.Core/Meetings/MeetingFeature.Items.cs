using System.Text;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Meetings;

/// <summary>Agreed items in the conversation: the list and 反馈落实情况 (the rules are <see cref="MeetingService"/>'s).</summary>
public sealed partial class MeetingFeature
{
    private const string StepFeedbackText = "text";
    private const string StepFeedbackStatus = "status";

    /// <summary>反馈 #id: the owner unit's liaison (or delegate) starts the feedback dialog.</summary>
    private async Task StartFeedbackAsync(Turn turn, long itemId, CancellationToken cancellationToken)
    {
        var outcome = await service.CanFeedBackAsync(ActorOf(turn), turn.Work, itemId, cancellationToken);
        if (outcome.Succeeded)
        {
            await SaveStateAsync(turn, FeedbackDialog, StepFeedbackText, new FeedbackDraft { ItemId = itemId }, cancellationToken);
        }

        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }

    private async Task ContinueFeedbackAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var draft = ChatOpsJson.Deserialize<FeedbackDraft>(state.Data);
        var said = turn.Said.Trim();
        if (state.Step == StepFeedbackText)
        {
            if (said.Length == 0 || said.Length > MeetingService.MaxFeedback)
            {
                await ReplyAsync(turn, said.Length == 0 ? MeetingText.EmptyFeedback : MeetingText.TooLongText(MeetingService.MaxFeedback, said.Length), cancellationToken);
                return;
            }

            draft.Text = said;
            await SaveStateAsync(turn, FeedbackDialog, StepFeedbackStatus, draft, cancellationToken);
            await turn.ReplyAsync(MeetingText.AskItemDone, cancellationToken);
            return;
        }

        bool done;
        switch (Commands.Normalize(said))
        {
            case MeetingText.Finished or "完成" or "是" or "1":
                done = true;
                break;
            case MeetingText.Ongoing or "推进中" or "否" or "未完成" or "2":
                done = false;
                break;
            default:
                await turn.ReplyAsync(MeetingText.AskItemDoneAgain, cancellationToken);
                return;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var outcome = await service.FeedBackAsync(ActorOf(turn), turn.Work, draft.ItemId, draft.Text!, done, cancellationToken);
        await ReplyAsync(turn, outcome.Message, cancellationToken);
    }

    /// <summary>Bare 反馈: the person's one open item, or a list of them.</summary>
    private async Task BareFeedbackAsync(Turn turn, CancellationToken cancellationToken)
    {
        var open = await MyOpenItemsAsync(turn, cancellationToken);
        switch (open.Count)
        {
            case 0:
                await ReplyAsync(turn, MeetingText.NoItemsToFeedBack, cancellationToken);
                return;
            case 1:
                await StartFeedbackAsync(turn, open[0].Id, cancellationToken);
                return;
            default:
                await AskAsync(turn, MeetingText.PickItem(open), cancellationToken);
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
            await ReplyAsync(turn, office ? MeetingText.NoOpenItems : MeetingText.NoOwnOpenItems, cancellationToken);
            return;
        }

        var today = calendar.LocalDate(turn.Now);
        var sb = new StringBuilder();
        foreach (var (title, group) in new[]
                 {
                     (MeetingText.Overdue, items.Where(i => i.DueDate < today).ToList()),
                     (MeetingText.NotDue, items.Where(i => i.DueDate >= today).ToList()),
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
            sb.AppendLine(MeetingText.HowToFeedBack);
        }

        await turn.ReplyAsync(OutboundMessage.Markdown(sb.ToString().TrimEnd(), MeetingText.ItemsTitle), cancellationToken);
    }

    private async Task<IReadOnlyList<AgreedItem>> MyOpenItemsAsync(Turn turn, CancellationToken cancellationToken)
    {
        var units = (await directory.ListReportingUnitsAsync(turn.Person.Id, cancellationToken)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        return units.Count == 0
            ? []
            : (await stores.For(turn.Work).ListOpenItemsAsync(cancellationToken)).Where(i => units.Contains(i.OwnerUnit)).ToList();
    }

    /// <summary>The feedback dialog's data.</summary>
    internal sealed class FeedbackDraft
    {
        public long ItemId { get; set; }

        public string? Text { get; set; }
    }
}
