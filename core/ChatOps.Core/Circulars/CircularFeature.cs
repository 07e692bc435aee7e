using System.Text.RegularExpressions;
using ChatOps.Core.Reports;

namespace ChatOps.Core.Circulars;

/// <summary>
/// Circulars in the conversation: the office's 通报 dialog and commands (通报情况, 停止提醒 #id, 撤回 #id, 重发 #id), the
/// signer's 签发 #id / 退回 #id, and everyone's acknowledgement — the 收到 #id button at any time, or typed 收到 / 已收到
/// / ok (also 收到，谢谢), which acknowledges all the person's unacknowledged circulars (most recent first) and is taken
/// only when the person is not in the middle of a dialog (there it is an answer). With nothing left to acknowledge, 收到
/// or a thank-you from someone who has acknowledged a circular gets a short courteous answer; from anyone else the
/// word is left to the other features. Every rule is <see cref="CircularService"/>'s, every text <see cref="CircularText"/>'s.
/// </summary>
public sealed partial class CircularFeature(CircularDialog dialog, CircularReturnDialog returning, CircularService service) : IConversationFeature
{
    /// <summary>Words that start the compose dialog.</summary>
    public static readonly string[] Compose = ["通报", "发通报", "拟通报", "发文", "发通知", "circular"];

    /// <summary>Typed acknowledgements.</summary>
    public static readonly string[] Acknowledge = ["收到", "已收到", "收到了", "好的收到", "好的，收到", "ok", "okay"];

    /// <summary>Thanks that may follow 收到 (compared without spaces and punctuation).</summary>
    private static readonly string[] ThanksWords = ["谢谢您", "谢谢你", "谢谢办公室", "谢谢", "感谢", "多谢", "thankyou", "thanks"];

    /// <summary><see cref="Acknowledge"/> without spaces and punctuation.</summary>
    private static readonly HashSet<string> CompactAcknowledge = [.. Acknowledge.Select(a => new string([.. a.Where(char.IsLetterOrDigit)]).ToLowerInvariant())];

    /// <summary>The office's overview.</summary>
    public static readonly string[] Overview = ["通报情况", "通报状态", "确认情况"];

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [CircularDialog.Name, CircularReturnDialog.Name];

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

        var courtesy = ReadCourtesy(said);
        if (state is null && (courtesy.Acknowledges || courtesy.Thanks))
        {
            return await CourtesyAsync(turn, courtesy.Acknowledges, courtesy.Thanks, cancellationToken);
        }

        return false;
    }

    /// <inheritdoc/>
    public Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) => IsReturn(state)
        ? returning.ContinueAsync(turn, state, cancellationToken)
        : dialog.ContinueAsync(turn, state, cancellationToken);

    /// <inheritdoc/>
    public Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) => IsReturn(state)
        ? returning.CancelAsync(turn, cancellationToken)
        : dialog.CancelAsync(turn, cancellationToken);

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Roles.HasFlag(Roles.OfficeStaff))
        {
            yield return CircularText.HelpCompose;
            yield return CircularText.HelpOverview;
        }

        yield return CircularText.HelpAcknowledge;
    }

    /// <summary>
    /// What a short courtesy says: an acknowledgement (收到, 已收到, ok — with or without a thank-you after it) and/or a
    /// thank-you (谢谢, 好的，谢谢). Spaces and punctuation do not count.
    /// </summary>
    public static (bool Acknowledges, bool Thanks) ReadCourtesy(string said)
    {
        var s = new string([.. said.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c))]).ToLowerInvariant();
        var thanks = false;
        foreach (var word in ThanksWords)
        {
            if (s.Length > 0 && s.EndsWith(word, StringComparison.Ordinal))
            {
                s = s[..^word.Length];
                thanks = true;
                break;
            }
        }

        var acknowledges = s.Length > 0 && CompactAcknowledge.Contains(s);
        return (acknowledges, thanks && (acknowledges || s is "" or "好的" or "好" or "嗯" or "嗯嗯"));
    }

    private async Task ActAsync(Turn turn, string verb, long id, CancellationToken cancellationToken)
    {
        var actor = turn.Actor;
        CircularOutcome outcome;
        switch (verb)
        {
            case "收到":
                await AcknowledgeAsync(turn, id, cancellationToken);
                return;
            case "退回":
                await returning.BeginAsync(turn, id, cancellationToken);
                return;
            case "签发":
                outcome = await service.SignAsync(actor, turn.Work, id, turn.Now, cancellationToken);
                break;
            case "停止提醒" or "撤回":
                outcome = await service.StopAsync(actor, turn.Work, id, turn.Now, cancellationToken);
                break;
            default:
                (_, outcome) = await service.ResendFailedAsync(actor, turn.Work, id, turn.Now, cancellationToken);
                break;
        }

        await turn.ReplyAsync(OutboundMessage.Plain(outcome.Succeeded ? outcome.Notice! : outcome.ErrorText), cancellationToken);
    }

    private async Task AcknowledgeAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        var method = turn.Message.Action is null ? AckMethod.Text : AckMethod.Button;
        var (result, circular, at) = await service.AcknowledgeAsync(turn.Actor, turn.Work, id, method, turn.Message.Channel, turn.Now, cancellationToken);
        var text = result switch
        {
            CircularAckResult.Acknowledged => CircularText.Acknowledged(circular!),
            CircularAckResult.Already => service.Text.AlreadyAcknowledged(circular!, at!.Value),
            CircularAckResult.NotRecipient => CircularText.NotARecipient(circular!),
            _ => CircularText.AckNotFound,
        };
        await turn.ReplyAsync(OutboundMessage.Plain(text), cancellationToken);
    }

    /// <summary>
    /// Typed 收到 (or 收到，谢谢): acknowledges what is pending. With nothing pending, and after a thank-you, a person who
    /// has acknowledged a circular gets a short courteous answer; anyone else's word is left to the other features.
    /// </summary>
    private async Task<bool> CourtesyAsync(Turn turn, bool acknowledges, bool thanks, CancellationToken cancellationToken)
    {
        var actor = turn.Actor;
        if (acknowledges)
        {
            var acknowledged = await service.AcknowledgeAllAsync(actor, turn.Work, turn.Message.Channel, turn.Now, cancellationToken);
            if (acknowledged.Count > 0)
            {
                await turn.ReplyAsync(OutboundMessage.Plain(CircularText.AcknowledgedAll(acknowledged)), cancellationToken);
                return true;
            }
        }

        if (await service.LastAcknowledgedAsync(actor, turn.Work, cancellationToken) is not { } last)
        {
            return false;
        }

        await turn.ReplyAsync(OutboundMessage.Plain(thanks && !acknowledges ? CircularText.ThanksReply : CircularText.NothingLeftToAcknowledge(last)), cancellationToken);
        return true;
    }

    private async Task OverviewAsync(Turn turn, long? id, CancellationToken cancellationToken)
    {
        var actor = turn.Actor;
        if (id is { } one)
        {
            var standing = await service.StandingAsync(actor, turn.Work, one, cancellationToken);
            await turn.ReplyAsync(standing.Standing is { } s ? service.Text.Standing(s) : OutboundMessage.Plain(standing.ErrorText), cancellationToken);
            return;
        }

        var recent = await service.RecentAsync(actor, turn.Work, 8, cancellationToken);
        if (!recent.Succeeded || recent.Recent.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(recent.Succeeded ? CircularText.NothingIssued : recent.ErrorText), cancellationToken);
            return;
        }

        var lines = recent.Recent.Select(r => CircularText.RecentLine(r.Circular, r.Circular.Status == CircularStatus.Issued ? r.Recipients : null, r.Acknowledged));
        await turn.ReplyAsync(OutboundMessage.Markdown(CircularText.RecentHeading + "\n" + string.Join("\n", lines), CircularText.OverviewTitle), cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask(CircularText.WhichOne,
            [.. recent.Recent.Take(5).Select(r => new Choice(r.Circular.Number, CircularText.StandingCommand(r.Circular.Id)))]), cancellationToken);
    }

    private static bool IsReturn(DialogState state) => state?.Dialog == CircularReturnDialog.Name;

    [GeneratedRegex(@"^(?<verb>收到|签发|退回|停止提醒|撤回|重发)\s*#\s*(?<id>\d{1,18})$")]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"^(通报情况|通报状态|确认情况)(\s*#\s*(?<id>\d{1,18}))?$")]
    private static partial Regex OverviewPattern();
}
