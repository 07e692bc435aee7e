using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatOps.Core.Calendar;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Reports;

/// <summary>
/// The report dialog: a liaison picks the period (when more than one is open), answers the template's fields one by
/// one with a specific message for every invalid answer, checks a summary, edits any field, and submits. The draft
/// lives in the dialog state (so it survives restarts); the report row claims the unit and period, so a second
/// parallel draft for the same unit is impossible.
/// </summary>
public sealed partial class ReportDialog(
    IDirectoryRepository directory, ReportCycles cycles, PeriodCalculator periods, OfficeProfile office)
{
    /// <summary>The dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "report";

    private const string StepChoose = "choose";
    private const string StepField = "field";
    private const string StepSummary = "summary";
    private const string StepPickField = "pick-field";
    private const string StepConfirmRevise = "confirm-revise";

    private const string Done = "完成";
    private const string Skip = "跳过";
    private const string Submit = "提交";
    private const string Edit = "修改";
    private const string Cancel = "取消";

    /// <summary>填报: start or resume a report for a unit the person reports for.</summary>
    public async Task StartAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        var units = await directory.ListReportingUnitsAsync(turn.Person.Id, cancellationToken);
        if (units.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("您目前不是成员单位的联络员，不能填报。如需代本单位填报，请联系领导小组办公室指定。"), cancellationToken);
            return;
        }

        var candidates = new List<Candidate>();
        foreach (var unit in units)
        {
            foreach (var cycle in cycles.All.Where(c => c.Covers(unit)))
            {
                candidates.AddRange(await CandidatesAsync(turn, unit, cycle, cancellationToken));
            }
        }

        if (candidates.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("目前没有需要填报的报告。"), cancellationToken);
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
            return;
        }

        if (candidates.Count == 1)
        {
            await OpenAsync(turn, candidates[0], cancellationToken);
            return;
        }

        var labelled = units.Count > 1;
        var choices = candidates.Select((c, i) => new Choice(Describe(c, labelled, units), (i + 1).ToString(CultureInfo.InvariantCulture))).ToArray();
        await SaveAsync(turn, StepChoose, new Draft { Candidates = candidates }, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask("请选择要填报的报告：", choices), cancellationToken);
    }

    /// <summary>填报 said during an unfinished report: picks up where it stopped (after a break or a restart).</summary>
    public async Task ResumeAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        if (state.Step is StepChoose or StepConfirmRevise)
        {
            await StartAsync(turn, cancellationToken);
            return;
        }

        var draft = ChatOpsJson.Deserialize<Draft>(state.Data);
        var cycle = cycles.Get(draft.Cycle!);
        var unit = await directory.FindUnitAsync(draft.Unit!, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain($"继续填写{unit?.Name}{PeriodText.Label(cycle, periods.Find(cycle.Definition, draft.Period!)!)}{cycle.Name}。"), cancellationToken);
        await ResumeAsync(turn, state.Step, draft, cancellationToken);
    }

    /// <summary>Continues the dialog with what the person said.</summary>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        var draft = ChatOpsJson.Deserialize<Draft>(state.Data);
        switch (state.Step)
        {
            case StepChoose:
                var index = ParseChoice(turn.Said, draft.Candidates!.Count);
                if (index is null)
                {
                    await turn.ReplyAsync(OutboundMessage.Plain($"请回复 1 到 {draft.Candidates!.Count} 之间的序号选择要填报的报告，或回复“取消”。"), cancellationToken);
                    return;
                }

                await OpenAsync(turn, draft.Candidates![index.Value], cancellationToken);
                return;
            case StepConfirmRevise:
                if (Commands.Normalize(turn.Said) is "修改报告" or Edit)
                {
                    await BeginReviseAsync(turn, draft, cancellationToken);
                }
                else
                {
                    await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
                    await turn.ReplyAsync(OutboundMessage.Plain("好的，报告保持不变。"), cancellationToken);
                }

                return;
            case StepField:
                await AnswerAsync(turn, draft, cancellationToken);
                return;
            case StepSummary:
                await SummaryChoiceAsync(turn, draft, cancellationToken);
                return;
            case StepPickField:
                await PickFieldAsync(turn, draft, cancellationToken);
                return;
            default:
                await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain("对话已失效，请回复“填报”重新开始。"), cancellationToken);
                return;
        }
    }

    /// <summary>取消: abandons the dialog; a new, never-submitted draft is dropped, a submitted report stays as it was.</summary>
    public async Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        var draft = ChatOpsJson.Deserialize<Draft>(state.Data);
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        if (draft.ReportId is { } id && await turn.Work.Reports.FindByIdAsync(id, cancellationToken) is { } report)
        {
            if (report.Status == ReportStatus.Draft && report.Revision == 0 && report.ReviewComment is null)
            {
                await turn.Work.Reports.DeleteDraftAsync(id, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain("已取消，本次填写的内容未保存。需要时可随时回复“填报”重新开始。"), cancellationToken);
                return;
            }

            await turn.ReplyAsync(OutboundMessage.Plain(report.Status == ReportStatus.Submitted
                ? "已取消修改，已报送的报告保持不变。"
                : "已取消，报告保持退回时的内容。需要时回复“填报”继续修改。"), cancellationToken);
            return;
        }

        await turn.ReplyAsync(OutboundMessage.Plain("已取消。"), cancellationToken);
    }

    private async Task<IEnumerable<Candidate>> CandidatesAsync(Turn turn, Unit unit, ReportCycle cycle, CancellationToken cancellationToken)
    {
        var result = new List<Candidate>();
        var current = periods.PeriodContaining(cycle.Definition, turn.Now);
        var previous = periods.Periods(cycle.Definition, current.Covers.Start.AddDays(-200), current.Covers.Start.AddDays(-1))
            .LastOrDefault(p => p.Due < current.Due);
        var existing = await turn.Work.Reports.FindAsync(cycle.Key, current.Key, unit.Code, cancellationToken);
        if (current.Due - turn.Now <= TimeSpan.FromDays(14) || existing is not null)
        {
            result.Add(new Candidate(unit.Code, cycle.Key, current.Key, Late: false));
        }

        // A missed period stays open for a late report (迟报) for 30 days after its deadline.
        if (previous is not null && turn.Now - previous.Due <= TimeSpan.FromDays(30))
        {
            var report = await turn.Work.Reports.FindAsync(cycle.Key, previous.Key, unit.Code, cancellationToken);
            if (report is null || report.Status == ReportStatus.Draft)
            {
                result.Add(new Candidate(unit.Code, cycle.Key, previous.Key, Late: true));
            }
        }

        return result;
    }

    private string Describe(Candidate c, bool withUnit, IReadOnlyList<Unit> units)
    {
        var cycle = cycles.Get(c.Cycle);
        var period = periods.Find(cycle.Definition, c.Period)!;
        var unit = withUnit ? units.First(u => u.Code == c.Unit).Name : "";
        return c.Late
            ? $"补报{unit}{PeriodText.Label(cycle, period)}{cycle.Name}（已逾期）"
            : $"{unit}{PeriodText.Label(cycle, period)}{cycle.Name}（{PeriodText.When(period.Due, office)}截止）";
    }

    private async Task OpenAsync(Turn turn, Candidate c, CancellationToken cancellationToken)
    {
        var cycle = cycles.Get(c.Cycle);
        var period = periods.Find(cycle.Definition, c.Period)!;
        var unit = (await directory.FindUnitAsync(c.Unit, cancellationToken))!;
        var title = $"{unit.Name}{PeriodText.Label(cycle, period)}{cycle.Name}";
        var report = await turn.Work.Reports.FindAsync(cycle.Key, period.Key, unit.Code, cancellationToken);
        var draft = new Draft { Unit = unit.Code, Cycle = cycle.Key, Period = period.Key };

        if (report is null)
        {
            draft.ReportId = await turn.Work.Reports.InsertAsync(new Report(
                0, cycle.Key, period.Key, unit.Code, ReportStatus.Draft, turn.Person.Id,
                new Dictionary<string, IReadOnlyList<string>>(), turn.Now, turn.Now), cancellationToken);
            var intro = $"开始填报{title}，截止时间：{PeriodText.Deadline(period, office)}。" +
                (turn.Now > period.Due ? "\n已过截止时间，提交后将记为迟报。" : "") +
                "\n共 " + cycle.Template.Fields.Count + " 项，随时回复“取消”可放弃本次填报。";
            await turn.ReplyAsync(OutboundMessage.Plain(intro), cancellationToken);
            await AskNextAsync(turn, draft, cancellationToken);
            return;
        }

        draft.ReportId = report.Id;
        if (report.Status == ReportStatus.Draft && report.AuthorId != turn.Person.Id && report.ReviewComment is null)
        {
            var author = await directory.FindPersonAsync(report.AuthorId, cancellationToken);
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(
                $"{title}正由{author?.Name ?? report.AuthorId}填写中。每个单位每期只报送一份，请勿重复填报（不得多头报送）。"), cancellationToken);
            return;
        }

        switch (report.Status)
        {
            case ReportStatus.PendingReview:
                await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain($"{title}已于{PeriodText.When(report.SubmittedAt!.Value, office)}提交，正在等待分管领导审核。"), cancellationToken);
                return;
            case ReportStatus.Submitted when turn.Now > period.Due:
                await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(
                    $"{title}已于{PeriodText.When(report.SubmittedAt!.Value, office)}报送。截止时间已过，不能再修改；如需更正，请联系领导小组办公室。"), cancellationToken);
                return;
            case ReportStatus.Submitted:
                draft.Answers = Copy(report.Answers);
                await SaveAsync(turn, StepConfirmRevise, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Ask(
                    $"{title}已于{PeriodText.When(report.SubmittedAt!.Value, office)}报送。截止前可以修改，修改后重新提交即可（原版本会保留）。需要修改吗？",
                    new Choice("修改报告", "修改报告"), new Choice("不修改", "不修改")), cancellationToken);
                return;
        }

        // A draft of this person's whose dialog was cancelled or lost, or a report the reviewer returned.
        draft.Answers = Copy(report.Answers);

        if (report.ReviewComment is not null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"{title}已被退回，退回意见：{report.ReviewComment}\n请修改后重新提交。"), cancellationToken);
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        await turn.ReplyAsync(OutboundMessage.Plain($"继续填写{title}。"), cancellationToken);
        await AskNextAsync(turn, draft, cancellationToken);
    }

    private async Task ResumeAsync(Turn turn, string step, Draft draft, CancellationToken cancellationToken)
    {
        if (step == StepSummary || step == StepPickField)
        {
            await ShowSummaryAsync(turn, draft, cancellationToken);
        }
        else
        {
            await AskAsync(turn, draft, Template(draft).Field(draft.Field!), cancellationToken);
        }
    }

    private async Task BeginReviseAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        draft.Revising = true;
        await ShowSummaryAsync(turn, draft, cancellationToken);
    }

    private async Task AskNextAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var template = Template(draft);
        var next = template.Fields.FirstOrDefault(f => !draft.Answers.ContainsKey(f.Key));
        if (next is null)
        {
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        draft.Field = next.Key;
        draft.Editing = false;
        await AskAsync(turn, draft, next, cancellationToken);
    }

    private async Task AskAsync(Turn turn, Draft draft, TemplateField field, CancellationToken cancellationToken)
    {
        var template = Template(draft);
        var number = template.Fields.ToList().IndexOf(field) + 1;
        var text = $"（{number}/{template.Fields.Count}）{field.Label}\n{field.Prompt}";
        if (draft.Editing && field.Kind == FieldKind.Items)
        {
            text += "\n（重新发送的内容将替换原有内容）";
        }

        var choices = new List<Choice>();
        if (field.Kind == FieldKind.Items && draft.Pending.Count > 0)
        {
            choices.Add(new Choice(Done, Done));
        }

        if (!field.Required)
        {
            choices.Add(new Choice(Skip, Skip));
        }

        await SaveAsync(turn, StepField, draft, cancellationToken);
        await turn.ReplyAsync(choices.Count == 0 ? OutboundMessage.Plain(text) : OutboundMessage.Ask(text, [.. choices]), cancellationToken);
    }

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
        if (Commands.Normalize(said) == Done)
        {
            if (draft.Pending.Count == 0)
            {
                await turn.ReplyAsync(OutboundMessage.Plain($"请至少填写一条{field.Label}。"), cancellationToken);
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
            await turn.ReplyAsync(OutboundMessage.Plain("内容不能为空，请重新发送。"), cancellationToken);
            return;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length > field.MaxLength)
            {
                var which = lines.Count == 1 ? "这一条" : $"第{i + 1}条";
                await turn.ReplyAsync(OutboundMessage.Plain(
                    $"{which}内容过长（最多{field.MaxLength}字，现为{lines[i].Length}字），请精简后重新发送。本条未记录。"), cancellationToken);
                return;
            }
        }

        draft.Pending.AddRange(lines);
        await SaveAsync(turn, StepField, draft, cancellationToken);
        var recorded = lines.Count == 1 ? $"已记录第{draft.Pending.Count}条。" : $"已记录{lines.Count}条，共{draft.Pending.Count}条。";
        await turn.ReplyAsync(OutboundMessage.Ask($"{recorded}可继续发送，全部发完请回复“完成”。", new Choice(Done, Done)), cancellationToken);
    }

    private async Task AnswerNumberAsync(Turn turn, Draft draft, TemplateField field, string said, CancellationToken cancellationToken)
    {
        var text = Commands.Normalize(said);
        if (text == Skip)
        {
            if (field.Required)
            {
                await turn.ReplyAsync(OutboundMessage.Plain($"{field.Label}为必填项，请填写数字。"), cancellationToken);
                return;
            }

            await AcceptAsync(turn, draft, field, [], cancellationToken);
            return;
        }

        if (text.Length == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("内容不能为空，请填写数字。"), cancellationToken);
            return;
        }

        var normalized = text.Normalize(NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal).TrimEnd('个', '项', '件');
        if (normalized.StartsWith('-') && long.TryParse(normalized, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            await turn.ReplyAsync(OutboundMessage.Plain("数字不能为负数，请重新填写。"), cancellationToken);
            return;
        }

        if (!long.TryParse(normalized, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"“{text}”不是数字，请填写一个整数（如 12）。"), cancellationToken);
            return;
        }

        if (normalized.Length > field.MaxLength)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("数字过大，请核对后重新填写。"), cancellationToken);
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

    private async Task AcceptAsync(Turn turn, Draft draft, TemplateField field, List<string> values, CancellationToken cancellationToken)
    {
        draft.Answers[field.Key] = values;
        await PersistDraftAsync(turn, draft, cancellationToken);
        if (draft.Editing)
        {
            await ShowSummaryAsync(turn, draft, cancellationToken);
        }
        else
        {
            await AskNextAsync(turn, draft, cancellationToken);
        }
    }

    private async Task ShowSummaryAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var cycle = cycles.Get(draft.Cycle!);
        var period = periods.Find(cycle.Definition, draft.Period!)!;
        var unit = await directory.FindUnitAsync(draft.Unit!, cancellationToken);
        draft.Field = null;
        draft.Editing = false;
        await SaveAsync(turn, StepSummary, draft, cancellationToken);
        var title = $"{unit?.Name}{PeriodText.Label(cycle, period)}{cycle.Name}";
        await turn.ReplyAsync(OutboundMessage.Markdown(Summary(cycle.Template, draft.Answers, $"请核对{title}"), title), cancellationToken);
        var late = turn.Now > period.Due ? "已过截止时间，提交后将记为迟报。" : $"截止时间：{PeriodText.Deadline(period, office)}。";
        await turn.ReplyAsync(OutboundMessage.Card("确认报送", $"{late}内容无误请点击“提交”。",
            new Choice(Submit, Submit), new Choice(Edit, Edit), new Choice(Cancel, Cancel)), cancellationToken);
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
                sb.Append("**").Append(field.Label).AppendLine("**").AppendLine(values.Count == 0 ? "（未填写）" : MarkdownText.Escape(values[0])).AppendLine();
            }
            else
            {
                sb.Append("**").Append(field.Label).Append("**：").AppendLine(values.Count == 0 ? "（未填）" : MarkdownText.Escape(values[0])).AppendLine();
            }
        }

        foreach (var rule in template.Rules)
        {
            if (answers.GetValueOrDefault(rule.PartKey) is [var part] && answers.GetValueOrDefault(rule.WholeKey) is [var whole] &&
                long.Parse(whole, CultureInfo.InvariantCulture) > 0)
            {
                var rate = 100m * long.Parse(part, CultureInfo.InvariantCulture) / long.Parse(whole, CultureInfo.InvariantCulture);
                sb.Append("**整改达标率**：").Append(rate.ToString("0.0", CultureInfo.InvariantCulture)).AppendLine("%");
            }
        }

        return sb.ToString().TrimEnd();
    }

    private async Task SummaryChoiceAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        switch (Commands.Normalize(turn.Said))
        {
            case Submit or "1":
                await SubmitAsync(turn, draft, cancellationToken);
                return;
            case Edit or "2":
                var template = Template(draft);
                await SaveAsync(turn, StepPickField, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Ask("请选择要修改的内容：",
                    [.. template.Fields.Select((f, i) => new Choice(f.Label, (i + 1).ToString(CultureInfo.InvariantCulture)))]), cancellationToken);
                return;
            default:
                await turn.ReplyAsync(OutboundMessage.Ask("请选择：提交、修改，或回复“取消”放弃。",
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
            await turn.ReplyAsync(OutboundMessage.Plain($"请回复 1 到 {template.Fields.Count} 之间的序号选择要修改的内容。"), cancellationToken);
            return;
        }

        draft.Field = field.Key;
        draft.Editing = true;
        draft.Pending.Clear();
        await AskAsync(turn, draft, field, cancellationToken);
    }

    private async Task SubmitAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var cycle = cycles.Get(draft.Cycle!);
        var template = cycle.Template;
        var missing = template.Fields.FirstOrDefault(f => f.Required && (draft.Answers.GetValueOrDefault(f.Key)?.Count ?? 0) == 0);
        if (missing is not null)
        {
            draft.Field = missing.Key;
            draft.Editing = true;
            await turn.ReplyAsync(OutboundMessage.Plain($"“{missing.Label}”还没有填写，请先填写。"), cancellationToken);
            await AskAsync(turn, draft, missing, cancellationToken);
            return;
        }

        var period = periods.Find(cycle.Definition, draft.Period!)!;
        var report = (await turn.Work.Reports.FindByIdAsync(draft.ReportId!.Value, cancellationToken))!;
        var unit = (await directory.FindUnitAsync(draft.Unit!, cancellationToken))!;
        var title = $"{unit.Name}{PeriodText.Label(cycle, period)}{cycle.Name}";
        var answers = draft.Answers.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.ToList(), StringComparer.Ordinal);
        var wasSubmitted = report.Status == ReportStatus.Submitted;
        var submittedAt = wasSubmitted ? report.SubmittedAt!.Value : turn.Now;
        var late = submittedAt > period.Due;
        var reviewers = unit.RequiresReview
            ? (await directory.ListByRoleAsync(Roles.ReviewingLeader, cancellationToken)).Where(p => p.UnitCode == unit.Code).ToList()
            : [];
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);

        if (reviewers.Count > 0)
        {
            await turn.Work.Reports.UpdateAsync(report with
            {
                Status = ReportStatus.PendingReview,
                AuthorId = turn.Person.Id,
                Answers = answers,
                UpdatedAt = turn.Now,
                SubmittedAt = submittedAt,
                IsLate = late,
                ReviewComment = null,
                ReviewerId = null,
                ReviewedAt = null,
            }, cancellationToken);
            var summary = Summary(template, draft.Answers, $"{title}（{turn.Person.Name}提交）");
            foreach (var reviewer in reviewers)
            {
                await turn.SendAsync(reviewer, OutboundMessage.Markdown(summary, $"{cycle.Name}审核"), cancellationToken: cancellationToken);
                await turn.SendAsync(reviewer, OutboundMessage.Card($"{cycle.Name}审核",
                    $"{title}已由联络员{turn.Person.Name}提交，请审核。通过后即视为报送完成；退回时请填写意见。",
                    new Choice("通过", $"审核通过 #{report.Id}"), new Choice("退回", $"审核退回 #{report.Id}")), cancellationToken: cancellationToken);
            }

            await turn.ReplyAsync(OutboundMessage.Plain(
                $"已提交，等待分管领导{string.Join("、", reviewers.Select(r => r.Name))}审核。审核通过后即视为报送完成，报送时间以您提交的时间（{PeriodText.When(submittedAt, office)}）为准。"),
                cancellationToken);
            return;
        }

        var revision = report.Revision + 1;
        await turn.Work.Reports.UpdateAsync(report with
        {
            Status = ReportStatus.Submitted,
            AuthorId = turn.Person.Id,
            Answers = answers,
            UpdatedAt = turn.Now,
            SubmittedAt = submittedAt,
            IsLate = late,
            Revision = revision,
            ReviewComment = null,
        }, cancellationToken);
        await turn.Work.Reports.AddRevisionAsync(new ReportRevision(report.Id, revision, turn.Person.Id, answers, turn.Now, turn.Now > period.Due), cancellationToken);
        var text = wasSubmitted
            ? $"修改已提交。{title}已更新（第{revision}版），原版本已保留。"
            : $"报送成功！{title}已于{PeriodText.When(submittedAt, office)}报送" + (late ? "（迟报）。" : "。");
        await turn.ReplyAsync(OutboundMessage.Plain(text + "截止前如需修改，回复“填报”即可。"), cancellationToken);
    }

    private async Task PersistDraftAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        if (draft.Revising || draft.ReportId is not { } id || await turn.Work.Reports.FindByIdAsync(id, cancellationToken) is not { Status: ReportStatus.Draft } report)
        {
            return;
        }

        await turn.Work.Reports.UpdateAsync(report with
        {
            Answers = draft.Answers.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.ToList(), StringComparer.Ordinal),
            UpdatedAt = turn.Now,
        }, cancellationToken);
    }

    private static NotGreaterThanRule? BrokenRule(ReportTemplate template, Dictionary<string, List<string>> answers) =>
        template.Rules.FirstOrDefault(r =>
            answers.GetValueOrDefault(r.PartKey) is [var part] && answers.GetValueOrDefault(r.WholeKey) is [var whole] &&
            long.Parse(part, CultureInfo.InvariantCulture) > long.Parse(whole, CultureInfo.InvariantCulture));

    private static string? Validate(TemplateField field, string said)
    {
        var text = said.Trim();
        if (text.Length == 0)
        {
            return "内容不能为空，请重新填写。";
        }

        return text.Length > field.MaxLength ? $"内容过长（最多{field.MaxLength}字，现为{text.Length}字），请精简后重新发送。" : null;
    }

    /// <summary>Splits a message into items: one per line, with list markers (1. 一、（一）- •) removed.</summary>
    internal static List<string> SplitItems(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => ListMarker().Replace(l, "").Trim())
            .Where(l => l.Length > 0)
            .ToList();

    private static int? ParseChoice(string said, int count)
    {
        var s = Commands.Normalize(said).Normalize(NormalizationForm.FormKC);
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= count ? n - 1 : null;
    }

    private ReportTemplate Template(Draft draft) => cycles.Get(draft.Cycle!).Template;

    private static Task SaveAsync(Turn turn, string step, Draft draft, CancellationToken cancellationToken) =>
        turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, Name, step, ChatOpsJson.Serialize(draft), turn.Now), cancellationToken);

    private static Dictionary<string, List<string>> Copy(IReadOnlyDictionary<string, IReadOnlyList<string>> answers) =>
        answers.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);

    // "-" and "*" are markers only when a space follows, as in Markdown: "**重点**…" keeps its asterisks.
    [GeneratedRegex(@"^(\d{1,2}[\.、．)）]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|[•·]|[-*](?=\s))\s*")]
    private static partial Regex ListMarker();

    /// <summary>A report the person may fill in: a unit, a cycle and a period; <see cref="Late"/> for a period past its deadline.</summary>
    internal sealed record Candidate(string Unit, string Cycle, string Period, bool Late);

    /// <summary>The dialog's data, stored as JSON in the dialog state.</summary>
    internal sealed class Draft
    {
        public string? Unit { get; set; }

        public string? Cycle { get; set; }

        public string? Period { get; set; }

        public long? ReportId { get; set; }

        public bool Revising { get; set; }

        public string? Field { get; set; }

        public bool Editing { get; set; }

        public List<string> Pending { get; set; } = [];

        public Dictionary<string, List<string>> Answers { get; set; } = new(StringComparer.Ordinal);

        public List<Candidate>? Candidates { get; set; }
    }
}
