using System.Text.RegularExpressions;

namespace ChatOps.Core.Reports;

/// <summary>The report dialog's answers and summary: parsing and checking what the liaison types for each kind of field, the summary, choosing a field to edit.</summary>
public sealed partial class ReportDialog
{
    private async Task AnswerAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var field = Template(draft).Field(draft.Field!);
        var said = turn.Said;
        switch (field.Kind)
        {
            case FieldKind.Items:
                await AnswerItemsAsync(turn, draft, field, said, cancellationToken);
                return;
            case FieldKind.Text:
                if (Commands.Normalize(said) == Skip && !field.Required)
                {
                    await AcceptAsync(turn, draft, field, [], cancellationToken);
                    return;
                }

                if (Validate(field, said) is { } error)
                {
                    await turn.ReplyAsync(OutboundMessage.Plain(error), cancellationToken);
                    return;
                }

                await AcceptAsync(turn, draft, field, [said.Trim()], cancellationToken);
                return;
            default:
                await AnswerNumberAsync(turn, draft, field, said, cancellationToken);
                return;
        }
    }

    private async Task AnswerItemsAsync(Turn turn, Draft draft, TemplateField field, string said, CancellationToken cancellationToken)
    {
        if (draft.Unconfirmed.Count > 0 && await AnswerShortItemAsync(turn, draft, cancellationToken))
        {
            return;
        }

        if (Commands.Normalize(said) == Done)
        {
            if (draft.Pending.Count == 0)
            {
                await turn.ReplyAsync(OutboundMessage.Plain(ReportText.AtLeastOne(field.Label)), cancellationToken);
                return;
            }

            var items = draft.Pending.ToList();
            draft.Pending.Clear();
            await AcceptAsync(turn, draft, field, items, cancellationToken);
            return;
        }

        var lines = SplitItems(said);
        if (lines.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.EmptyAnswer), cancellationToken);
            return;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length > field.MaxLength)
            {
                await turn.ReplyAsync(OutboundMessage.Plain(
                    ReportText.ItemTooLong(lines.Count == 1 ? null : i + 1, field.MaxLength, lines[i].Length)), cancellationToken);
                return;
            }
        }

        await RecordItemsAsync(turn, draft, lines, confirmed: false, cancellationToken);
    }

    private async Task AnswerNumberAsync(Turn turn, Draft draft, TemplateField field, string said, CancellationToken cancellationToken)
    {
        var text = Commands.Normalize(said);
        if (text == Skip)
        {
            if (field.Required)
            {
                await turn.ReplyAsync(OutboundMessage.Plain(ReportText.NumberRequired(field.Label)), cancellationToken);
                return;
            }

            await AcceptAsync(turn, draft, field, [], cancellationToken);
            return;
        }

        var (number, error) = Prompt.ReadWholeNumber(said, field.MaxLength);
        if (number is not { } value)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(error!), cancellationToken);
            return;
        }

        var answers = new Dictionary<string, List<string>>(draft.Answers) { [field.Key] = [value.ToString(CultureInfo.InvariantCulture)] };
        if (BrokenRule(Template(draft), answers) is { } rule)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(rule.Message), cancellationToken);
            return;
        }

        await AcceptAsync(turn, draft, field, [value.ToString(CultureInfo.InvariantCulture)], cancellationToken);
    }

    /// <summary>The answers as Markdown, as the liaison checks them and the reviewer reads them; what people typed is escaped.</summary>
    public static string Summary(ReportTemplate template, IReadOnlyDictionary<string, List<string>> answers, string heading)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(MarkdownText.Escape(heading)).AppendLine("**").AppendLine();
        foreach (var field in template.Fields)
        {
            var values = answers.GetValueOrDefault(field.Key) ?? [];
            if (field.Kind == FieldKind.Items)
            {
                sb.Append("**").Append(field.Label).AppendLine("**");
                for (var i = 0; i < values.Count; i++)
                {
                    sb.Append(i + 1).Append(". ").AppendLine(MarkdownText.Escape(values[i]));
                }

                sb.AppendLine();
            }
            else if (field.Kind == FieldKind.Text)
            {
                sb.Append("**").Append(field.Label).AppendLine("**").AppendLine(values.Count == 0 ? ReportText.NotFilled : MarkdownText.Escape(values[0])).AppendLine();
            }
            else
            {
                sb.Append("**").Append(field.Label).Append("**：").AppendLine(values.Count == 0 ? ReportText.NotFilled : MarkdownText.Escape(values[0])).AppendLine();
            }
        }

        foreach (var rule in template.Rules)
        {
            if (answers.GetValueOrDefault(rule.PartKey) is [var part] && answers.GetValueOrDefault(rule.WholeKey) is [var whole] &&
                long.Parse(whole, CultureInfo.InvariantCulture) > 0)
            {
                var rate = 100m * long.Parse(part, CultureInfo.InvariantCulture) / long.Parse(whole, CultureInfo.InvariantCulture);
                sb.AppendLine(ReportText.RateLine(rate.ToString("0.0", CultureInfo.InvariantCulture)));
            }
        }

        return sb.ToString().TrimEnd();
    }

    private static NotGreaterThanRule? BrokenRule(ReportTemplate template, Dictionary<string, List<string>> answers) =>
        template.Rules.FirstOrDefault(r =>
            answers.GetValueOrDefault(r.PartKey) is [var part] && answers.GetValueOrDefault(r.WholeKey) is [var whole] &&
            long.Parse(part, CultureInfo.InvariantCulture) > long.Parse(whole, CultureInfo.InvariantCulture));

    private static string? Validate(TemplateField field, string said) => Prompt.CheckText(said, field.MaxLength);

    /// <summary>Splits a message into items: one per line, with list markers (1. 一、（一）- •) removed.</summary>
    internal static List<string> SplitItems(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => ListMarker().Replace(l, "").Trim())
            .Where(l => l.Length > 0)
            .ToList();

    // "-" and "*" are markers only when a space follows, as in Markdown: "**重点**…" keeps its asterisks.
    [GeneratedRegex(@"^(\d{1,2}[\.、．)）]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|[•·]|[-*](?=\s))\s*")]
    private static partial Regex ListMarker();

    private async Task ShowSummaryAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var cycle = cycles.Get(draft.Cycle!);
        var period = periods.Find(cycle.Definition, draft.Period!)!;
        var unit = await directory.FindUnitAsync(draft.Unit!, cancellationToken);
        draft.Field = null;
        draft.Editing = false;
        await SaveAsync(turn, StepSummary, draft, cancellationToken);
        var title = $"{unit?.Name}{PeriodText.Label(cycle, period)}{cycle.Name}";
        var files = await ListAttachmentsAsync(turn, draft, cancellationToken);
        var filesLine = Attachments.AttachmentText.SummaryLine(files) is { } line ? $"\n\n{line}" : "";
        await turn.ReplyAsync(OutboundMessage.Markdown(Summary(cycle.Template, draft.Answers, ReportText.Check(title)) + filesLine, title), cancellationToken);
        var late = turn.Now > period.Due ? ReportText.LateNote : ReportText.DeadlineNote(PeriodText.Deadline(period, office));
        var hint = cycle.Template.Fields.Any(f => f.Kind == FieldKind.Items) ? ReportText.SummaryItemHint : "";
        await turn.ReplyAsync(OutboundMessage.Card(ReportText.ConfirmTitle, ReportText.ConfirmAsk(late, hint + (attachments is null ? "" : ReportText.SummaryAttachmentHint)),
            [new Choice(Submit, Submit), new Choice(Edit, Edit), .. DeleteAttachmentChoice(files), new Choice(Cancel, Cancel)]), cancellationToken);
    }

    private async Task SummaryChoiceAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        switch (Commands.Normalize(turn.Said))
        {
            case Submit or "1":
                await SubmitAsync(turn, draft, cancellationToken);
                return;
            case Attachments.AttachmentText.DeleteChoice:
                await AskDeleteAttachmentAsync(turn, draft, cancellationToken);
                return;
            case Edit or "2":
                var template = Template(draft);
                await SaveAsync(turn, StepPickField, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Ask(ReportText.ChooseField,
                    [.. template.Fields.Select((f, i) => new Choice(f.Label, (i + 1).ToString(CultureInfo.InvariantCulture)))]), cancellationToken);
                return;
            default:
                if (Template(draft).Fields.FirstOrDefault(f => f.Kind == FieldKind.Items) is { } list && await TryEditItemAsync(turn, draft, list, cancellationToken))
                {
                    return;
                }

                await turn.ReplyAsync(OutboundMessage.Ask(ReportText.SummaryChoices,
                    new Choice(Submit, Submit), new Choice(Edit, Edit), new Choice(Cancel, Cancel)), cancellationToken);
                return;
        }
    }

    private async Task PickFieldAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var template = Template(draft);
        var said = Commands.Normalize(turn.Said);
        var field = template.Fields.FirstOrDefault(f => f.Label == said)
            ?? (ParseChoice(said, template.Fields.Count) is { } i ? template.Fields[i] : null);
        if (field is null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ReportText.ChooseFieldNumber(template.Fields.Count)), cancellationToken);
            return;
        }

        if (field.Kind == FieldKind.Items && draft.Answers.GetValueOrDefault(field.Key) is { Count: > 0 })
        {
            await ShowItemsAsync(turn, draft, field, cancellationToken);
            return;
        }

        draft.Field = field.Key;
        draft.Editing = true;
        draft.Pending.Clear();
        await AskAsync(turn, draft, field, cancellationToken);
    }
}
