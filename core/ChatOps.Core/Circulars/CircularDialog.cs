using System.Globalization;
using System.Text;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Circulars;

/// <summary>
/// The office's guided dialog for a circular: kind → title → body → targets (groups, units, roles, everyone; several
/// at once) → 重大事项 (where the kind distinguishes it) → number (the next one suggested, editable) → signer (when
/// several may sign) → summary with 送签/印发, 修改, 取消. The draft lives in the dialog state until confirmed; only then
/// is the circular stored with its number, so an abandoned dialog never consumes a number. Every button's value is also
/// accepted typed, and numbered answers (1, 2, 3) work on channels without buttons.
/// </summary>
public sealed class CircularDialog(CircularService service, CircularKinds kinds, IDirectoryRepository directory)
{
    /// <summary>The compose dialog's name in <see cref="DialogState"/>.</summary>
    public const string Name = "circular";

    /// <summary>The signer's dialog while typing the reason for 退回.</summary>
    public const string ReturnName = "circular-return";

    private const string StepKind = "kind";
    private const string StepTitle = "title";
    private const string StepBody = "body";
    private const string StepTargets = "targets";
    private const string StepGroups = "groups";
    private const string StepUnits = "units";
    private const string StepRoles = "roles";
    private const string StepMajor = "major";
    private const string StepNumber = "number";
    private const string StepSigner = "signer";
    private const string StepConfirm = "confirm";
    private const string StepEdit = "edit";

    private const string Groups = "群聊";
    private const string Units = "成员单位";
    private const string ByRole = "按角色";
    private const string Everyone = "全体人员";
    private const string Next = "下一步";
    private const string Clear = "清空";
    private const string UseNumber = "确定";
    private const string Ordinary = "一般事项";
    private const string Major = "重大事项";
    private const string Edit = "修改";
    private const string Cancel = "取消";
    private const string All = "全部";

    private static readonly Roles[] RoleList = [Roles.Liaison, Roles.ReviewingLeader, Roles.OfficeStaff, Roles.MeetingHost, Roles.GroupLeader];
    private static readonly char[] Separators = ['、', ',', '，', ';', '；', ' ', '\u3000', '\n', '/'];

    /// <summary>通报: starts composing (office staff only; others are refused and the attempt is audited).</summary>
    public async Task StartAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        if (!CircularService.IsOffice(turn.Person))
        {
            await service.RecordRefusalAsync(turn.Work, null, turn.Person, turn.Now, "compose", cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain("只有领导小组办公室人员可以拟发通报。如需发布通知，请联系领导小组办公室。"), cancellationToken);
            return;
        }

        await turn.ReplyAsync(OutboundMessage.Plain("开始拟发公文。随时回复“取消”可放弃，确认发送前不会保存，也不占用文号。"), cancellationToken);
        await AskKindAsync(turn, new Draft(), cancellationToken);
    }

    /// <summary>通报 said during an unfinished draft: repeats the current question.</summary>
    public async Task ResumeAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        var draft = ChatOpsJson.Deserialize<Draft>(state.Data);
        await turn.ReplyAsync(OutboundMessage.Plain("继续拟稿。"), cancellationToken);
        await AskAsync(turn, state.Step, draft, cancellationToken);
    }

    /// <summary>Continues the compose dialog, or the signer's 退回 comment.</summary>
    public async Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        if (state.Dialog == ReturnName)
        {
            await ReturnCommentAsync(turn, state, cancellationToken);
            return;
        }

        var draft = ChatOpsJson.Deserialize<Draft>(state.Data);
        var said = Commands.Normalize(turn.Said);
        switch (state.Step)
        {
            case StepKind:
                await KindAsync(turn, draft, said, cancellationToken);
                return;
            case StepTitle:
                await TitleAsync(turn, draft, turn.Said.Trim(), cancellationToken);
                return;
            case StepBody:
                await BodyAsync(turn, draft, turn.Said.Trim(), cancellationToken);
                return;
            case StepTargets:
                await TargetMenuAsync(turn, draft, said, cancellationToken);
                return;
            case StepGroups:
                await GroupsAsync(turn, draft, said, cancellationToken);
                return;
            case StepUnits:
                await UnitsAsync(turn, draft, said, cancellationToken);
                return;
            case StepRoles:
                await RolesAsync(turn, draft, said, cancellationToken);
                return;
            case StepMajor:
                await MajorAsync(turn, draft, said, cancellationToken);
                return;
            case StepNumber:
                await NumberAsync(turn, draft, said, cancellationToken);
                return;
            case StepSigner:
                await SignerAsync(turn, draft, said, cancellationToken);
                return;
            case StepConfirm:
                await ConfirmAsync(turn, draft, said, cancellationToken);
                return;
            case StepEdit:
                await EditAsync(turn, draft, said, cancellationToken);
                return;
            default:
                await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain("对话已失效，请回复“通报”重新开始。"), cancellationToken);
                return;
        }
    }

    /// <summary>取消: drops the draft (nothing was stored), or the signer's pending 退回.</summary>
    public async Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(state.Dialog == ReturnName
            ? "已取消退回，该公文仍待您签发。"
            : "已取消，本次拟稿未保存，文号未占用。需要时回复“通报”重新开始。"), cancellationToken);
    }

    /// <summary>退回 #id pressed by the signer: asks for the reason.</summary>
    public async Task BeginReturnAsync(Turn turn, long id, CancellationToken cancellationToken = default)
    {
        if (await service.CheckSignerAsync(turn.Work, id, turn.Person, turn.Now, cancellationToken) is { } refusal)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(refusal.ErrorText), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, ReturnName, "comment", id.ToString(CultureInfo.InvariantCulture), turn.Now), cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain("请输入退回意见（将转给拟稿人），或回复“取消”。"), cancellationToken);
    }

    private async Task ReturnCommentAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var comment = turn.Said.Trim();
        if (comment.Length == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("退回意见不能为空，请输入意见。"), cancellationToken);
            return;
        }

        if (comment.Length > 500)
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"退回意见过长（最多500字，现为{comment.Length}字），请精简后重新输入。"), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var outcome = await service.ReturnAsync(turn.Work, long.Parse(state.Data, CultureInfo.InvariantCulture), turn.Person, comment, turn.Now, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(outcome.Succeeded ? outcome.Notice! : outcome.ErrorText), cancellationToken);
    }

    private async Task AskAsync(Turn turn, string step, Draft draft, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case StepKind:
                await AskKindAsync(turn, draft, cancellationToken);
                return;
            case StepTitle:
                await AskTitleAsync(turn, draft, cancellationToken);
                return;
            case StepBody:
                await AskBodyAsync(turn, draft, cancellationToken);
                return;
            case StepGroups or StepUnits or StepRoles or StepTargets:
                await AskTargetsAsync(turn, draft, null, cancellationToken);
                return;
            case StepMajor:
                await AskMajorAsync(turn, draft, cancellationToken);
                return;
            case StepNumber:
                await AskNumberAsync(turn, draft, null, cancellationToken);
                return;
            case StepSigner:
                await AskSignerAsync(turn, draft, cancellationToken);
                return;
            default:
                await ShowSummaryAsync(turn, draft, cancellationToken);
                return;
        }
    }

    private async Task AskKindAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        await SaveAsync(turn, StepKind, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask("请选择公文类别：", [.. KindChoices()]), cancellationToken);
    }

    /// <summary>
    /// The kinds as buttons whose values are their positions: a kind's name is also another feature's command (通报
    /// starts this dialog, 工作专报 asks for the bulletin), and commands are heard before the dialog.
    /// </summary>
    private IEnumerable<Choice> KindChoices() => kinds.All.Select((k, i) => new Choice(k.Name, (i + 1).ToString(CultureInfo.InvariantCulture)));

    private async Task KindAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var kind = kinds.Find(said);
        if (kind is null)
        {
            await turn.ReplyAsync(OutboundMessage.Ask($"请从以下类别中选择：{string.Join("、", kinds.All.Select(k => k.Name))}。", [.. KindChoices()]), cancellationToken);
            return;
        }

        draft.Kind = kind.Key;
        await AskTitleAsync(turn, draft, cancellationToken);
    }

    private async Task AskTitleAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var kind = kinds.Get(draft.Kind!);
        await SaveAsync(turn, StepTitle, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain($"请输入{kind.Name}的标题（如“关于……的{kind.Name}”），不超过{CircularService.MaxTitleLength}字。"), cancellationToken);
    }

    private async Task TitleAsync(Turn turn, Draft draft, string title, CancellationToken cancellationToken)
    {
        if (title.Length == 0 || title.Length > CircularService.MaxTitleLength)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(title.Length == 0
                ? "标题不能为空，请重新输入。"
                : $"标题过长（最多{CircularService.MaxTitleLength}字，现为{title.Length}字），请精简后重新输入。"), cancellationToken);
            return;
        }

        draft.Title = title;
        await (draft.Editing ? ShowSummaryAsync(turn, draft, cancellationToken) : AskBodyAsync(turn, draft, cancellationToken));
    }

    private async Task AskBodyAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        await SaveAsync(turn, StepBody, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(
            $"请发送正文（可使用 Markdown 格式，最多{CircularService.MaxBodyLength}字）。对话中不能添加附件，需要附件（如专报 Word 文件）的，请在办公室管理台拟稿。"), cancellationToken);
    }

    private async Task BodyAsync(Turn turn, Draft draft, string body, CancellationToken cancellationToken)
    {
        if (body.Length == 0 || body.Length > CircularService.MaxBodyLength)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(body.Length == 0
                ? "正文不能为空，请重新发送。"
                : $"正文过长（最多{CircularService.MaxBodyLength}字，现为{body.Length}字），较长的内容请作为附件在管理台上传。"), cancellationToken);
            return;
        }

        draft.Body = body;
        await (draft.Editing ? ShowSummaryAsync(turn, draft, cancellationToken) : AskTargetsAsync(turn, draft, null, cancellationToken));
    }

    private async Task AskTargetsAsync(Turn turn, Draft draft, string? lead, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        await SaveAsync(turn, StepTargets, draft, cancellationToken);
        var text = (lead is null ? "" : lead + "\n") + (draft.Targets.Count == 0
            ? "请选择发送对象（可多次添加）："
            : $"当前发送对象：{TargetResolver.Describe(draft.Targets, snapshot)}。\n可继续添加，选好后点击“下一步”。");
        await turn.ReplyAsync(OutboundMessage.Ask(text, [.. TargetChoices(draft)]), cancellationToken);
    }

    private static List<Choice> TargetChoices(Draft draft)
    {
        var choices = new List<Choice> { new(Groups, Groups), new(Units, Units), new(ByRole, ByRole), new(Everyone, Everyone) };
        if (draft.Targets.Count > 0)
        {
            choices.Add(new Choice(Next, Next));
            choices.Add(new Choice(Clear, Clear));
        }

        return choices;
    }

    private async Task TargetMenuAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        switch (Pick(said, TargetChoices(draft)) ?? said)
        {
            case Groups:
                await AskGroupsAsync(turn, draft, cancellationToken);
                return;
            case Units or "单位":
                await SaveAsync(turn, StepUnits, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(
                    "请回复成员单位名称，多个用顿号、逗号或空格分隔（如“省教育厅、大理州”）；也可回复“全部”“省直部门”“州市”“县区”或“专项行动组”。发送给各单位的联络员。"), cancellationToken);
                return;
            case ByRole or "角色":
                await SaveAsync(turn, StepRoles, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Ask("请选择角色（发送给名录中担任该角色的全部人员）：",
                    [.. RoleList.Select(r => new Choice(Vocabulary.Name(r), Vocabulary.Name(r)))]), cancellationToken);
                return;
            case Everyone or "全体":
                Add(draft, CircularTarget.Everyone);
                await AskTargetsAsync(turn, draft, "已添加：全体人员。", cancellationToken);
                return;
            case Next or "完成" when draft.Targets.Count > 0:
                await AfterTargetsAsync(turn, draft, cancellationToken);
                return;
            case Clear when draft.Targets.Count > 0:
                draft.Targets.Clear();
                await AskTargetsAsync(turn, draft, "已清空发送对象。", cancellationToken);
                return;
            default:
                await AskTargetsAsync(turn, draft, draft.Targets.Count == 0 ? "请至少选择一个发送对象。" : "请选择要添加的发送对象，或点击“下一步”。", cancellationToken);
                return;
        }
    }

    private async Task AskGroupsAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        if (snapshot.Groups.Count == 0)
        {
            await AskTargetsAsync(turn, draft, "名录中没有登记群聊。", cancellationToken);
            return;
        }

        await SaveAsync(turn, StepGroups, draft, cancellationToken);
        var sb = new StringBuilder("请选择群聊（回复序号，多个用空格或顿号分隔；回复“全部”选择全部群聊）：");
        for (var i = 0; i < snapshot.Groups.Count; i++)
        {
            var g = snapshot.Groups[i];
            sb.Append('\n').Append(i + 1).Append(". ").Append(g.Name).Append("——").Append(GroupKindText(g.Kind))
                .Append(g.MemberIds.Count > 0 ? $"，{g.MemberIds.Count}人" : "");
        }

        await turn.ReplyAsync(OutboundMessage.Plain(sb.ToString()), cancellationToken);
    }

    private async Task GroupsAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var groups = (await directory.LoadAsync(cancellationToken)).Groups;
        var chosen = new List<GroupChat>();
        var unknown = new List<string>();
        foreach (var token in said == All ? [] : said.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var n = ParseIndex(token, groups.Count);
            var group = n is { } i ? groups[i] : groups.FirstOrDefault(g => g.Name == token || g.Code == token);
            if (group is null)
            {
                unknown.Add(token);
            }
            else
            {
                chosen.Add(group);
            }
        }

        if (said == All)
        {
            chosen.AddRange(groups);
        }

        if (unknown.Count > 0 || chosen.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(unknown.Count > 0
                ? $"未能识别：{string.Join("、", unknown)}。请回复 1 到 {groups.Count} 之间的序号。"
                : $"请回复 1 到 {groups.Count} 之间的序号，或回复“全部”。"), cancellationToken);
            return;
        }

        foreach (var g in chosen)
        {
            Add(draft, new CircularTarget(TargetKind.Group, g.Code));
        }

        await AskTargetsAsync(turn, draft, $"已添加群聊：{string.Join("、", chosen.Select(g => g.Name).Distinct())}。", cancellationToken);
    }

    private async Task UnitsAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var units = (await directory.LoadAsync(cancellationToken)).Units;
        var chosen = new List<Unit>();
        var problems = new List<string>();
        foreach (var token in said.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token is All or "全部单位" or "全部成员单位")
            {
                chosen.AddRange(units);
                continue;
            }

            if (Vocabulary.TryParseUnitKind(token, out var unitKind) || Vocabulary.TryParseUnitKind(token.TrimStart('全', '部'), out unitKind))
            {
                chosen.AddRange(units.Where(u => u.Kind == unitKind));
                continue;
            }

            var exact = units.FirstOrDefault(u => u.Name == token || u.Code == token);
            var partial = exact is null ? units.Where(u => u.Name.Contains(token, StringComparison.Ordinal)).ToList() : [exact];
            switch (partial.Count)
            {
                case 1:
                    chosen.Add(partial[0]);
                    break;
                case 0:
                    problems.Add($"“{token}”不在名录中");
                    break;
                default:
                    problems.Add($"“{token}”可能是{string.Join("、", partial.Take(5).Select(u => u.Name))}，请写全称");
                    break;
            }
        }

        if (problems.Count > 0 || chosen.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(problems.Count > 0
                ? $"{string.Join("；", problems)}。请重新输入，本次未添加任何单位。"
                : "请回复成员单位名称，或回复“全部”。"), cancellationToken);
            return;
        }

        var added = chosen.DistinctBy(u => u.Code).ToList();
        foreach (var u in added)
        {
            Add(draft, new CircularTarget(TargetKind.Unit, u.Code));
        }

        var names = added.Count <= 5 ? string.Join("、", added.Select(u => u.Name)) : $"{string.Join("、", added.Take(3).Select(u => u.Name))}等{added.Count}家单位";
        await AskTargetsAsync(turn, draft, $"已添加：{names}（发送给联络员）。", cancellationToken);
    }

    private async Task RolesAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        Roles? role = ParseIndex(said, RoleList.Length) is { } i ? RoleList[i] : Vocabulary.TryParseRole(said, out var r) && r != Roles.None ? r : null;
        if (role is null)
        {
            await turn.ReplyAsync(OutboundMessage.Ask("请选择角色：", [.. RoleList.Select(x => new Choice(Vocabulary.Name(x), Vocabulary.Name(x)))]), cancellationToken);
            return;
        }

        Add(draft, new CircularTarget(TargetKind.Role, role.Value.ToString()));
        await AskTargetsAsync(turn, draft, $"已添加：全体{Vocabulary.Name(role.Value)}。", cancellationToken);
    }

    private async Task AfterTargetsAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        if (draft.Editing)
        {
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        if (kinds.Get(draft.Kind!).MajorSignOff is not null)
        {
            await AskMajorAsync(turn, draft, cancellationToken);
            return;
        }

        await AskNumberAsync(turn, draft, null, cancellationToken);
    }

    private async Task AskMajorAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var kind = kinds.Get(draft.Kind!);
        await SaveAsync(turn, StepMajor, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask(
            $"这份{kind.Name}是否为重大事项？一般事项由{SignOffRules.Title(kind.SignOff)}审批签发，重大事项须报{SignOffRules.Title(kind.MajorSignOff!.Value)}审批。",
            new Choice(Ordinary, Ordinary), new Choice(Major, Major)), cancellationToken);
    }

    private async Task MajorAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        switch (Pick(said, [new Choice(Ordinary, Ordinary), new Choice(Major, Major)]))
        {
            case Ordinary:
                draft.Major = false;
                break;
            case Major:
                draft.Major = true;
                break;
            default:
                await AskMajorAsync(turn, draft, cancellationToken);
                return;
        }

        draft.SignerId = null;
        await (draft.Editing ? AskSignerAsync(turn, draft, cancellationToken) : AskNumberAsync(turn, draft, null, cancellationToken));
    }

    private async Task AskNumberAsync(Turn turn, Draft draft, string? lead, CancellationToken cancellationToken)
    {
        var kind = kinds.Get(draft.Kind!);
        draft.SuggestedNumber = await service.SuggestNumberAsync(turn.Work, kind, turn.Now, cancellationToken);
        await SaveAsync(turn, StepNumber, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask(
            (lead is null ? "" : lead + "\n") + $"建议文号：{draft.SuggestedNumber}\n点击“使用建议文号”，或直接输入其他文号。",
            new Choice("使用建议文号", UseNumber)), cancellationToken);
    }

    private async Task NumberAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var kind = kinds.Get(draft.Kind!);
        var number = said is UseNumber or "1" or "使用建议文号" or "好" or "好的" ? draft.SuggestedNumber! : CircularNumbering.Normalize(said);
        if (await service.CheckNumberAsync(turn.Work, kind, number, null, turn.Now, cancellationToken) is { } problem)
        {
            await AskNumberAsync(turn, draft, problem, cancellationToken);
            return;
        }

        draft.Number = number;
        await (draft.Editing ? ShowSummaryAsync(turn, draft, cancellationToken) : AskSignerAsync(turn, draft, cancellationToken));
    }

    private async Task AskSignerAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var kind = kinds.Get(draft.Kind!);
        var rule = kind.RuleFor(draft.Major);
        draft.SignerId = null;
        if (rule == SignOffBy.None)
        {
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        var candidates = await service.SignerCandidatesAsync(kind, draft.Major, cancellationToken);
        if (candidates.Count == 0)
        {
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(SignOffRules.NobodyToSign(kind, draft.Major) + "本次拟稿未保存。"), cancellationToken);
            return;
        }

        if (candidates.Count == 1)
        {
            draft.SignerId = candidates[0].Id;
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        draft.SignerChoices = [.. candidates.Select(p => p.Id)];
        await SaveAsync(turn, StepSigner, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Ask($"请选择签发人（{SignOffRules.Title(rule)}）：",
            [.. candidates.Select(p => new Choice(p.Title is null ? p.Name : $"{p.Name}（{p.Title}）", p.Name))]), cancellationToken);
    }

    private async Task SignerAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        var candidates = (draft.SignerChoices ?? []).Select(id => snapshot.People.FirstOrDefault(p => p.Id == id)).OfType<Person>().ToList();
        var chosen = ParseIndex(said, candidates.Count) is { } i ? candidates[i] : candidates.FirstOrDefault(p => p.Name == said || p.Id == said);
        if (chosen is null)
        {
            await AskSignerAsync(turn, draft, cancellationToken);
            return;
        }

        draft.SignerId = chosen.Id;
        await ShowSummaryAsync(turn, draft, cancellationToken);
    }

    private async Task ShowSummaryAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var kind = kinds.Get(draft.Kind!);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var signer = draft.SignerId is { } s ? snapshot.People.FirstOrDefault(p => p.Id == s) : null;
        var distribution = TargetResolver.Resolve(draft.Targets, snapshot, [turn.Person.Id, draft.SignerId]);
        draft.Editing = false;
        await SaveAsync(turn, StepConfirm, draft, cancellationToken);

        var sb = new StringBuilder();
        sb.Append("**请核对").Append(kind.Name).AppendLine("**").AppendLine();
        sb.Append("**文号**：").AppendLine(draft.Number).AppendLine();
        sb.Append("**标题**：").AppendLine(draft.Title).AppendLine();
        sb.Append("**发送范围**：").Append(TargetResolver.Describe(draft.Targets, snapshot))
            .Append("；需确认收到 ").Append(distribution.Recipients.Count).AppendLine(" 人").AppendLine();
        foreach (var note in distribution.Notes)
        {
            sb.Append("> ").AppendLine(note);
        }

        sb.Append("**签发**：").AppendLine(signer is null
            ? "无需签发，确认后立即印发"
            : $"{signer.Name}（{SignOffRules.Title(kind.RuleFor(draft.Major))}{(draft.Major ? "，重大事项" : "")}）").AppendLine();
        sb.AppendLine("**正文**：").AppendLine(draft.Body);
        await turn.ReplyAsync(OutboundMessage.Markdown(sb.ToString().TrimEnd(), $"核对{kind.Name}"), cancellationToken);
        var send = signer is null ? "印发" : "送签";
        await turn.ReplyAsync(OutboundMessage.Card("确认发送",
            signer is null ? "内容无误请点击“印发”，将立即发送。" : $"内容无误请点击“送签”，{signer.Name}签发后立即印发。",
            new Choice(send, send), new Choice(Edit, Edit), new Choice(Cancel, Cancel)), cancellationToken);
    }

    private async Task ConfirmAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        var send = draft.SignerId is null ? "印发" : "送签";
        switch (Pick(said, [new Choice(send, send), new Choice(Edit, Edit), new Choice(Cancel, Cancel)]) ?? said)
        {
            case "印发" or "送签" or "发送":
                await SendAsync(turn, draft, cancellationToken);
                return;
            case Edit:
                await SaveAsync(turn, StepEdit, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Ask("请选择要修改的内容：", [.. EditChoices(draft)]), cancellationToken);
                return;
            default:
                await turn.ReplyAsync(OutboundMessage.Ask($"请选择：{send}、修改，或回复“取消”放弃。",
                    new Choice(send, send), new Choice(Edit, Edit), new Choice(Cancel, Cancel)), cancellationToken);
                return;
        }
    }

    private List<Choice> EditChoices(Draft draft)
    {
        var choices = new List<Choice> { new("标题", "标题"), new("正文", "正文"), new("发送范围", "发送范围"), new("文号", "文号") };
        if (kinds.Get(draft.Kind!).MajorSignOff is not null)
        {
            choices.Add(new Choice("事项级别", "事项级别"));
        }

        if (draft.SignerChoices is { Count: > 1 })
        {
            choices.Add(new Choice("签发人", "签发人"));
        }

        return choices;
    }

    private async Task EditAsync(Turn turn, Draft draft, string said, CancellationToken cancellationToken)
    {
        draft.Editing = true;
        switch (Pick(said, EditChoices(draft)))
        {
            case "标题":
                await AskTitleAsync(turn, draft, cancellationToken);
                return;
            case "正文":
                await AskBodyAsync(turn, draft, cancellationToken);
                return;
            case "发送范围":
                await AskTargetsAsync(turn, draft, null, cancellationToken);
                return;
            case "文号":
                await AskNumberAsync(turn, draft, null, cancellationToken);
                return;
            case "事项级别":
                await AskMajorAsync(turn, draft, cancellationToken);
                return;
            case "签发人":
                await AskSignerAsync(turn, draft, cancellationToken);
                return;
            default:
                draft.Editing = false;
                await turn.ReplyAsync(OutboundMessage.Ask("请选择要修改的内容：", [.. EditChoices(draft)]), cancellationToken);
                return;
        }
    }

    private async Task SendAsync(Turn turn, Draft draft, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(turn.Work, new CircularDraft(draft.Kind!, draft.Title!, draft.Body!, draft.Targets, draft.Number, draft.Major, draft.SignerId),
            turn.Person, turn.Now, cancellationToken);
        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Field == "number"))
            {
                draft.Editing = true;
                await AskNumberAsync(turn, draft, created.Errors.First(e => e.Field == "number").Message, cancellationToken);
                return;
            }

            await turn.ReplyAsync(OutboundMessage.Plain(created.ErrorText), cancellationToken);
            await ShowSummaryAsync(turn, draft, cancellationToken);
            return;
        }

        var sent = await service.SendAsync(turn.Work, created.Circular!.Id, turn.Person, turn.Now, cancellationToken);
        if (!sent.Succeeded)
        {
            // The stored copy is withdrawn at once (releasing its number); the draft stays in the dialog for another try.
            await service.StopAsync(turn.Work, created.Circular!.Id, turn.Person, turn.Now, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(sent.ErrorText + "\n请处理后再次点击发送，或回复“取消”。"), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var notes = sent.Issued is { Notes.Count: > 0 } issued ? "\n" + string.Join("\n", issued.Notes) : "";
        var id = created.Circular.Id.ToString(CultureInfo.InvariantCulture);
        await turn.ReplyAsync(OutboundMessage.Plain(sent.Notice + notes +
            (sent.Issued is null ? $"\n如需撤回，回复“撤回 #{id}”。" : $"\n回复“通报情况 #{id}”可随时查看确认情况。")), cancellationToken);
    }

    private static void Add(Draft draft, CircularTarget target)
    {
        if (!draft.Targets.Contains(target))
        {
            draft.Targets.Add(target);
        }
    }

    private static string GroupKindText(GroupKind kind) => kind switch
    {
        GroupKind.WeComAppChat => "企业微信群聊",
        GroupKind.WeComRobot => "企业微信群机器人",
        _ => "Teams/Bot Framework 群聊",
    };

    /// <summary>The value of the choice <paramref name="said"/> names: by value, label or 1-based position.</summary>
    private static string? Pick(string said, IReadOnlyList<Choice> choices) =>
        choices.FirstOrDefault(c => c.Value == said || c.Label == said)?.Value
        ?? (ParseIndex(said, choices.Count) is { } i ? choices[i].Value : null);

    private static int? ParseIndex(string said, int count)
    {
        var s = said.Normalize(NormalizationForm.FormKC).Trim();
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= count ? n - 1 : null;
    }

    private static Task SaveAsync(Turn turn, string step, Draft draft, CancellationToken cancellationToken) =>
        turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, Name, step, ChatOpsJson.Serialize(draft), turn.Now), cancellationToken);

    /// <summary>The dialog's data, stored as JSON in the dialog state.</summary>
    internal sealed class Draft
    {
        public string? Kind { get; set; }

        public string? Title { get; set; }

        public string? Body { get; set; }

        public List<CircularTarget> Targets { get; set; } = [];

        public bool Major { get; set; }

        public string? SuggestedNumber { get; set; }

        public string? Number { get; set; }

        public string? SignerId { get; set; }

        public List<string>? SignerChoices { get; set; }

        public bool Editing { get; set; }
    }
}
