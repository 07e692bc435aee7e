using System.Text.RegularExpressions;

namespace ChatOps.Core.Reports;

/// <summary>
/// The report dialog's list fields (工作进展): one item changed from the summary — 增加, 修改第N条, 删除第N条 — without
/// retyping the list, and a very short item ("啊", "1") queried once before it is recorded.
/// </summary>
public sealed partial class ReportDialog
{
    /// <summary>Items this short or shorter are queried once ("这一条只有 1 个字，确认记录吗？").</summary>
    public const int ShortItemLength = 2;

    private const string StepItems = "items";

    /// <summary>
    /// Records the items of a message, unless one is very short: then they are held and the person is asked once.
    /// </summary>
    private async Task RecordItemsAsync(Turn turn, Draft draft, List<string> lines, bool confirmed, CancellationToken cancellationToken)
    {
        var shortOne = confirmed ? -1 : lines.FindIndex(l => l.Length <= ShortItemLength);
        if (shortOne >= 0)
        {
            draft.Unconfirmed = lines;
            await SaveAsync(turn, StepField, draft, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Ask(ReportText.ShortItem(lines.Count == 1 ? null : shortOne + 1, lines[shortOne].Length),
                new Choice(ReportText.ConfirmShortItem, ReportText.ConfirmShortItem), new Choice(ReportText.RetypeShortItem, ReportText.RetypeShortItem)), cancellationToken);
            return;
        }

        draft.Pending.AddRange(lines);
        await SaveAsync(turn, StepField, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask(ReportText.ItemsRecorded(lines.Count, draft.Pending.Count), new Choice(Done, Done)), cancellationToken);
    }

    /// <summary>
    /// The answer to the short-item question: 确认记录 records the held items, 重新填写 drops them; anything else drops
    /// them (saying so) and is taken as the next answer (false: not handled here).
    /// </summary>
    private async Task<bool> AnswerShortItemAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var held = draft.Unconfirmed.ToList();
        draft.Unconfirmed.Clear();
        var said = Commands.Normalize(turn.Said);
        var answer = said == ReportText.ConfirmShortItem ? true : said == ReportText.RetypeShortItem ? false : Prompt.ReadConfirm(said);
        switch (answer)
        {
            case true:
                await RecordItemsAsync(turn, draft, held, confirmed: true, cancellationToken);
                return true;
            case false:
                await SaveAsync(turn, StepField, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(ReportText.ShortItemDropped), cancellationToken);
                return true;
            default:
                await turn.ReplyAsync(OutboundMessage.Plain(ReportText.HeldItemsNotRecorded(held)), cancellationToken);
                return false;
        }
    }

    /// <summary>The list field chosen under 修改: its items and how to change one, add one, or rewrite them all.</summary>
    private async Task ShowItemsAsync(Turn turn, Draft draft, TemplateField field, CancellationToken cancellationToken)
    {
        draft.Field = field.Key;
        await SaveAsync(turn, StepItems, draft, cancellationToken);
        var items = draft.Answers.GetValueOrDefault(field.Key) ?? [];
        var sb = new StringBuilder().AppendLine(ReportText.ItemsHead(field.Label, items.Count));
        for (var i = 0; i < items.Count; i++)
        {
            sb.Append(i + 1).Append(". ").AppendLine(items[i]);
        }

        sb.Append(ReportText.ItemEditHelp);
        await turn.ReplyAsync(OutboundMessage.Ask(sb.ToString(),
            new Choice(ReportText.RewriteItems, ReportText.RewriteItems), new Choice(ReportText.BackToSummary, ReportText.BackToSummary)), cancellationToken);
    }

    /// <summary>An answer while the list field's items are shown.</summary>
    private async Task ItemsChoiceAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var field = Template(draft).Field(draft.Field!);
        switch (Commands.Normalize(turn.Said))
        {
            case ReportText.RewriteItems or "重写" or "1":
                draft.Editing = true;
                draft.Pending.Clear();
                await AskAsync(turn, draft, field, cancellationToken);
                return;
            case ReportText.BackToSummary or "返回" or "2":
                await ShowSummaryAsync(turn, draft, cancellationToken);
                return;
        }

        if (!await TryEditItemAsync(turn, draft, field, cancellationToken))
        {
            await turn.ReplyAsync(OutboundMessage.Ask(ReportText.ItemEditHelp,
                new Choice(ReportText.RewriteItems, ReportText.RewriteItems), new Choice(ReportText.BackToSummary, ReportText.BackToSummary)), cancellationToken);
        }
    }

    /// <summary>
    /// 增加 …, 修改第N条 …, 删除第N条 on a list field: changes that one item, saves, and shows the summary again.
    /// False when what was said is none of these.
    /// </summary>
    private async Task<bool> TryEditItemAsync(Turn turn, Draft draft, TemplateField field, CancellationToken cancellationToken)
    {
        var match = ItemEdit().Match(turn.Said.Trim());
        if (!match.Success)
        {
            return false;
        }

        var items = (draft.Answers.GetValueOrDefault(field.Key) ?? []).ToList();
        var text = match.Groups["text"].Value.Trim();
        var op = match.Groups["add"].Success ? 'a' : match.Groups["replace"].Success ? 'r' : 'd';
        var n = op == 'a' ? items.Count + 1 : int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var error = op != 'a' && (n < 1 || n > items.Count) ? ReportText.NoSuchItem(field.Label, items.Count, n)
            : op != 'd' && text.Length > field.MaxLength ? ConversationText.TooLong(ReportText.ThisItem, field.MaxLength, text.Length)
            : op == 'd' && items.Count == 1 && field.Required ? ReportText.KeepOneItem(field.Label)
            : null;
        if (error is not null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(error), cancellationToken);
            return true;
        }

        switch (op)
        {
            case 'a':
                items.Add(text);
                break;
            case 'r':
                items[n - 1] = text;
                break;
            default:
                items.RemoveAt(n - 1);
                break;
        }

        draft.Answers[field.Key] = items;
        await PersistDraftAsync(turn, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(ReportText.ItemChanged(op, n)), cancellationToken);
        await ShowSummaryAsync(turn, draft, cancellationToken);
        return true;
    }

    [GeneratedRegex(@"^(?:(?<add>增加|添加|新增|补充)(?:一条)?\s*[:：]?\s*(?<text>\S.*)|(?<replace>修改|替换|改)\s*第?\s*(?<n>\d{1,3})\s*条?\s*[:：为成]?\s*(?<text>\S.*)|(?<delete>删除|删掉|删去|删)\s*第?\s*(?<n>\d{1,3})\s*条?[。.]?)$", RegexOptions.Singleline)]
    private static partial Regex ItemEdit();
}
