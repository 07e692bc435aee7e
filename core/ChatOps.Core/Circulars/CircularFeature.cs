using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Circulars;

/// <summary>
/// Circulars in the conversation: the office's 通报 dialog and commands (通报情况, 停止提醒 #id, 撤回 #id, 重发 #id), the
/// signer's 签发 #id / 退回 #id, and everyone's acknowledgement — the 收到 #id button at any time, or typed 收到 / 已收到
/// / ok, which acknowledges all the person's unacknowledged circulars (most recent first) and is taken only when the
/// person is not in the middle of a dialog (there it is an answer) and has something to acknowledge (otherwise other
/// features may use the word).
/// </summary>
public sealed partial class CircularFeature(CircularDialog dialog, CircularService service, OfficeProfile office) : IConversationFeature
{
    /// <summary>Words that start the compose dialog.</summary>
    public static readonly string[] Compose = ["通报", "发通报", "拟通报", "发文", "发通知", "circular"];

    /// <summary>Typed acknowledgements.</summary>
    public static readonly string[] Acknowledge = ["收到", "已收到", "收到了", "好的收到", "好的，收到", "ok", "okay"];

    /// <summary>The office's overview.</summary>
    public static readonly string[] Overview = ["通报情况", "通报状态", "确认情况"];

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [CircularDialog.Name, CircularDialog.ReturnName];

    /// <inheritdoc/>
    public async Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default)
    {
        var said = Commands.Normalize(turn.Said);
        if (Commands.Is(said, Compose))
        {
            if (state is { Dialog: CircularDialog.Name })
            {
                await dialog.ResumeAsync(turn, state, cancellationToken);
                return true;
            }

            if (state is not null)
            {
                return false;
            }

            await dialog.StartAsync(turn, cancellationToken);
            return true;
        }

        var action = ActionPattern().Match(said);
        if (action.Success)
        {
            await ActAsync(turn, action.Groups["verb"].Value, long.Parse(action.Groups["id"].Value, CultureInfo.InvariantCulture), cancellationToken);
            return true;
        }

        var overview = OverviewPattern().Match(said);
        if (overview.Success)
        {
            await OverviewAsync(turn, overview.Groups["id"].Success ? long.Parse(overview.Groups["id"].Value, CultureInfo.InvariantCulture) : null, cancellationToken);
            return true;
        }

        if (state is null && Commands.Is(said, Acknowledge))
        {
            return await AcknowledgeAllAsync(turn, cancellationToken);
        }

        return false;
    }

    /// <inheritdoc/>
    public Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) =>
        dialog.ContinueAsync(turn, state, cancellationToken);

    /// <inheritdoc/>
    public Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) =>
        dialog.CancelAsync(turn, state, cancellationToken);

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (CircularService.IsOffice(person))
        {
            yield return "**通报**：拟发通报、通知、文件、会议纪要或工作专报，按需送签，发送到群聊和个人";
            yield return "**通报情况**：查看已印发公文的确认收到情况（按单位列出未确认人员）；**停止提醒 #编号**、**重发 #编号**";
        }

        yield return "收到办公室的通报后，点击“收到”或回复“收到”即可确认";
    }

    private async Task ActAsync(Turn turn, string verb, long id, CancellationToken cancellationToken)
    {
        switch (verb)
        {
            case "收到":
                await AcknowledgeAsync(turn, id, cancellationToken);
                return;
            case "签发":
                var signed = await service.SignAsync(turn.Work, id, turn.Person, turn.Now, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(signed.Succeeded ? signed.Notice! : signed.ErrorText), cancellationToken);
                return;
            case "退回":
                await dialog.BeginReturnAsync(turn, id, cancellationToken);
                return;
            case "停止提醒" or "撤回":
                var stopped = await service.StopAsync(turn.Work, id, turn.Person, turn.Now, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(stopped.Succeeded ? stopped.Notice! : stopped.ErrorText), cancellationToken);
                return;
            default:
                var (_, resent) = await service.ResendFailedAsync(turn.Work, id, turn.Person, turn.Now, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(resent.Succeeded ? resent.Notice! : resent.ErrorText), cancellationToken);
                return;
        }
    }

    private async Task AcknowledgeAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        var method = turn.Message.Action is null ? AckMethod.Text : AckMethod.Button;
        var (result, circular, at) = await service.AcknowledgeAsync(turn.Work, id, turn.Person, method, turn.Message.Channel, turn.Now, cancellationToken);
        var text = result switch
        {
            CircularAckResult.Acknowledged => $"已确认收到{CircularMessages.Reference(circular!)}。",
            CircularAckResult.Already => $"您已于{PeriodText.When(at!.Value, office)}确认收到{CircularMessages.Reference(circular!)}，无需重复确认。",
            CircularAckResult.NotRecipient => $"您不在{CircularMessages.Reference(circular!)}的发送范围内，无需确认。",
            _ => "找不到这份公文，或它尚未印发。",
        };
        await turn.ReplyAsync(OutboundMessage.Plain(text), cancellationToken);
    }

    private async Task<bool> AcknowledgeAllAsync(Turn turn, CancellationToken cancellationToken)
    {
        var acknowledged = await service.AcknowledgeAllAsync(turn.Work, turn.Person, turn.Message.Channel, turn.Now, cancellationToken);
        if (acknowledged.Count == 0)
        {
            return false;
        }

        var text = acknowledged.Count == 1
            ? $"已确认收到{CircularMessages.Reference(acknowledged[0])}。"
            : "已确认收到以下公文：\n" + string.Join("\n", acknowledged.Select((c, i) => $"{i + 1}. {CircularMessages.Reference(c)}"));
        await turn.ReplyAsync(OutboundMessage.Plain(text), cancellationToken);
        return true;
    }

    private async Task OverviewAsync(Turn turn, long? id, CancellationToken cancellationToken)
    {
        if (!CircularService.IsOffice(turn.Person))
        {
            await turn.ReplyAsync(OutboundMessage.Plain("只有领导小组办公室人员可以查看通报的确认情况。"), cancellationToken);
            return;
        }

        if (id is { } one)
        {
            var standing = await service.StandingAsync(turn.Work, one, cancellationToken);
            await turn.ReplyAsync(standing is null
                ? OutboundMessage.Plain($"找不到编号为 #{one} 的通报。")
                : service.Messages.Standing(standing), cancellationToken);
            return;
        }

        var store = service.Store(turn.Work);
        var recent = await store.ListRecentAsync(8, cancellationToken);
        if (recent.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("目前还没有印发或待签发的公文。回复“通报”可开始拟稿。"), cancellationToken);
            return;
        }

        var sb = new StringBuilder("**近期公文**\n");
        var choices = new List<Choice>();
        foreach (var c in recent)
        {
            sb.Append("- #").Append(c.Id.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(c.Number).Append('《').Append(c.Title).Append("》：");
            if (c.Status == CircularStatus.Issued)
            {
                var recipients = await store.ListRecipientsAsync(c.Id, cancellationToken);
                var acked = recipients.Count(r => r.AckedAt is not null);
                sb.Append("已确认 ").Append(acked).Append('/').Append(recipients.Count)
                    .Append("（").Append(CircularMessages.Percent(recipients.Count == 0 ? 1 : (double)acked / recipients.Count)).AppendLine("）");
            }
            else
            {
                sb.AppendLine("待签发");
            }

            if (choices.Count < 5)
            {
                choices.Add(new Choice(c.Number, $"通报情况 #{c.Id.ToString(CultureInfo.InvariantCulture)}"));
            }
        }

        await turn.ReplyAsync(OutboundMessage.Markdown(sb.ToString().TrimEnd(), "通报情况"), cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask("查看哪一份的详细情况？", [.. choices]), cancellationToken);
    }

    [GeneratedRegex(@"^(?<verb>收到|签发|退回|停止提醒|撤回|重发)\s*#\s*(?<id>\d{1,18})$")]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"^(通报情况|通报状态|确认情况)(\s*#\s*(?<id>\d{1,18}))?$")]
    private static partial Regex OverviewPattern();
}
