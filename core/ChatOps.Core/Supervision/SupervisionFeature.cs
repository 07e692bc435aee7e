using System.Text.RegularExpressions;

namespace ChatOps.Core.Supervision;

/// <summary>
/// Problem lists, complaints and 督办 tasks in the conversation: 问题清单 and 整改率 list what the person may see; 整改 #id /
/// 办结 #id (rectified, done), 进展 #id (progress) and 申请延期 #id ask for the text and submit it; the verifier answers the
/// card with 销号 #id or 退回整改 #id (asks the comment), 同意延期 #id or 不同意延期 #id. Every rule is the service's.
/// </summary>
public sealed partial class SupervisionFeature(SupervisionService service, IDirectoryRepository directory, Attachments.AttachmentChat attachments)
    : IConversationFeature
{
    /// <summary>Asks the text of a report (rectification, completion or progress).</summary>
    public const string ReportDialog = "supervision-report";

    /// <summary>Asks the date and reason of an extension request.</summary>
    public const string ExtensionDialog = "supervision-extension";

    /// <summary>Asks the verifier's comment when returning.</summary>
    public const string ReturnDialog = "supervision-return";

    private static readonly string[] ListWords = ["问题清单", "我的问题", "督办任务", "问题"];
    private static readonly string[] RateWords = ["整改率", "整改达标率", "整改进度"];

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [ReportDialog, ExtensionDialog, ReturnDialog];

    /// <inheritdoc/>
    public async Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default)
    {
        var said = Commands.Normalize(turn.Said).Normalize(NormalizationForm.FormKC);
        var action = ActionPattern().Match(said);
        var actor = turn.Actor;
        if (action.Success)
        {
            var id = long.Parse(action.Groups["id"].Value, CultureInfo.InvariantCulture);
            await HandleActionAsync(turn, actor, action.Groups["verb"].Value, id, cancellationToken);
            return true;
        }

        if (state is not null)
        {
            return false;
        }

        if (Commands.Is(said, ListWords))
        {
            await ListAsync(turn, actor, cancellationToken);
            return true;
        }

        if (Commands.Is(said, RateWords))
        {
            var rates = await service.RatesAsync(turn.Work, actor, turn.Now, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Markdown(SupervisionText.Rates(rates, service.Today(turn.Now).Year)), cancellationToken);
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        var data = ChatOpsJson.Deserialize<DialogData>(state.Data) ?? new DialogData(0, false, null);
        var actor = turn.Actor;
        var text = turn.Said;
        if (turn.Message.HasAttachments)
        {
            await AttachPhotosAsync(turn, state, data, cancellationToken);
            return;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            await turn.ReplyAsync(OutboundMessage.Plain(SupervisionText.EmptyText), cancellationToken);
            return;
        }

        if (state.Dialog == ExtensionDialog && state.Step == "date")
        {
            var date = SupervisionDates.Parse(text, service.Today(turn.Now).Year);
            if (date is null || date <= service.Today(turn.Now))
            {
                await turn.ReplyAsync(OutboundMessage.Plain(SupervisionText.BadDate(text)), cancellationToken);
                return;
            }

            await SaveAsync(turn, ExtensionDialog, "reason", data with { Date = date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(SupervisionText.AskExtensionReason), cancellationToken);
            return;
        }

        var outcome = state.Dialog switch
        {
            ReportDialog => await service.ReportAsync(turn.Work, actor, data.Id, text, data.Done, turn.Now, cancellationToken,
                await attachments.ListAsync(turn.Work, Attachments.AttachmentOwners.Rectification, data.Id, cancellationToken)),
            ExtensionDialog => await service.RequestExtensionAsync(turn.Work, actor, data.Id,
                DateOnly.ParseExact(data.Date!, "yyyy-MM-dd", CultureInfo.InvariantCulture), text, turn.Now, cancellationToken),
            _ => await service.ReturnAsync(turn.Work, actor, data.Id, text, turn.Now, cancellationToken),
        };
        if (outcome.Succeeded || outcome.Message != SupervisionText.TooLong)
        {
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        }

        await turn.ReplyAsync(OutboundMessage.Plain(outcome.Message), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(SupervisionText.Cancelled), cancellationToken);
    }

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Roles.HasFlag(Roles.Liaison))
        {
            yield return SupervisionText.HelpLiaison;
        }

        if (person.Roles.HasFlag(Roles.Supervisor))
        {
            yield return SupervisionText.HelpSupervisor;
        }

        if (person.Roles.HasFlag(Roles.OfficeStaff))
        {
            yield return SupervisionText.HelpOffice;
        }
    }

    private async Task HandleActionAsync(Turn turn, Actor actor, string verb, long id, CancellationToken cancellationToken)
    {
        switch (verb)
        {
            case "整改" or "办结" or "进展" or "申请延期":
                if (await service.CheckReporterAsync(turn.Work, actor, id, cancellationToken) is { } refusal)
                {
                    await turn.ReplyAsync(OutboundMessage.Plain(refusal), cancellationToken);
                    return;
                }

                var extension = verb == "申请延期";
                await SaveAsync(turn, extension ? ExtensionDialog : ReportDialog, extension ? "date" : "text", new DialogData(id, verb != "进展", null), cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(extension ? SupervisionText.AskExtensionDate
                    : verb == "进展" ? SupervisionText.AskProgress : SupervisionText.AskRectification), cancellationToken);
                return;
            case "退回整改":
                if (await service.CheckVerifierAsync(turn.Work, actor, id, cancellationToken) is { } notVerifier)
                {
                    await turn.ReplyAsync(OutboundMessage.Plain(notVerifier), cancellationToken);
                    return;
                }

                await SaveAsync(turn, ReturnDialog, "comment", new DialogData(id, false, null), cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(SupervisionText.AskReturnComment), cancellationToken);
                return;
            case "销号":
                await turn.ReplyAsync(OutboundMessage.Plain((await service.CloseAsync(turn.Work, actor, id, turn.Now, cancellationToken)).Message), cancellationToken);
                return;
            case "同意延期" or "不同意延期":
                var decided = await service.DecideExtensionAsync(turn.Work, actor, id, verb == "同意延期", turn.Now, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(decided.Message), cancellationToken);
                return;
            default:
                var (item, history, refused) = await service.GetAsync(turn.Work, actor, id, cancellationToken);
                if (item is null)
                {
                    await turn.ReplyAsync(OutboundMessage.Plain(refused!), cancellationToken);
                    return;
                }

                var snapshot = await directory.LoadAsync(cancellationToken);
                var names = snapshot.People.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
                await turn.ReplyAsync(OutboundMessage.Markdown(SupervisionText.Detail(item, SupervisionService.UnitName(snapshot, item.UnitCode), history,
                    p => names.GetValueOrDefault(p, p), showReporter: actor.Has(Roles.OfficeStaff))), cancellationToken);
                return;
        }
    }

    private async Task ListAsync(Turn turn, Actor actor, CancellationToken cancellationToken)
    {
        var items = await service.ListAsync(turn.Work, actor, openOnly: true, cancellationToken);
        if (items.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(SupervisionText.NothingToList), cancellationToken);
            return;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var today = service.Today(turn.Now);
        var b = new StringBuilder();
        foreach (var kind in items.GroupBy(i => i.Kind).OrderBy(g => g.Key))
        {
            b.Append(SupervisionText.ListHeading(kind.Key, kind.Count())).Append('\n');
            foreach (var item in kind.Take(30))
            {
                b.Append(SupervisionText.Line(item, SupervisionService.UnitName(snapshot, item.UnitCode), today)).Append('\n');
            }
        }

        b.Append(SupervisionText.ListFooter(actor.Has(Roles.Liaison)));
        await turn.ReplyAsync(OutboundMessage.Markdown(b.ToString()), cancellationToken);
    }

    /// <summary>Photos while the rectification (or progress) report is asked: attached to the item, the dialog waits on.</summary>
    private async Task AttachPhotosAsync(Turn turn, DialogState state, DialogData data, CancellationToken cancellationToken)
    {
        if (state.Dialog != ReportDialog)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(SupervisionText.PhotoNotHere), cancellationToken);
            return;
        }

        var outcome = await attachments.AttachAsync(turn, Attachments.AttachmentOwners.Rectification, data.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain($"{outcome.Message}\n{SupervisionText.PhotoReceivedHint}"), cancellationToken);
    }

    private static Task SaveAsync(Turn turn, string dialog, string step, DialogData data, CancellationToken cancellationToken) =>
        turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, dialog, step, ChatOpsJson.Serialize(data), turn.Now), cancellationToken);

    private sealed record DialogData(long Id, bool Done, string? Date);

    [GeneratedRegex(@"^(?<verb>整改|办结|进展|申请延期|销号|退回整改|同意延期|不同意延期|问题详情)\s*#\s*(?<id>\d{1,18})$")]
    private static partial Regex ActionPattern();
}
