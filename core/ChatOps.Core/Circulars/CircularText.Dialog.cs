namespace ChatOps.Core.Circulars;

/// <summary>
/// The compose dialog's questions, answers and buttons, in plain words: the office types or pastes the text as it is
/// (no markup to learn), and every button's label is also the word that may be typed.
/// </summary>
public sealed partial class CircularText
{
    /// <summary>Button: choose group chats.</summary>
    public const string GroupsChoice = "群聊";

    /// <summary>Button: choose member units.</summary>
    public const string UnitsChoice = "成员单位";

    /// <summary>Button: choose by role.</summary>
    public const string ByRoleChoice = "按角色";

    /// <summary>Button: on to the next step.</summary>
    public const string NextChoice = "下一步";

    /// <summary>Button: clear the targets.</summary>
    public const string ClearChoice = "清空";

    /// <summary>The value of the "use the suggested number" button.</summary>
    public const string UseNumberValue = "确定";

    /// <summary>Button: use the suggested number.</summary>
    public const string UseNumberChoice = "使用建议文号";

    /// <summary>Button: an ordinary matter.</summary>
    public const string OrdinaryChoice = "一般事项";

    /// <summary>Button: a major matter.</summary>
    public const string MajorChoice = "重大事项";

    /// <summary>Button: change something.</summary>
    public const string EditChoice = "修改";

    /// <summary>Button: give up.</summary>
    public const string CancelChoice = "取消";

    /// <summary>Button: issue at once.</summary>
    public const string IssueChoice = "印发";

    /// <summary>Button: send for sign-off.</summary>
    public const string SignOffChoice = "送签";

    /// <summary>"All", typed to choose every group or unit.</summary>
    public const string All = "全部";

    /// <summary>What may be changed from the summary.</summary>
    public const string EditTitle = "标题";

    /// <summary>What may be changed from the summary.</summary>
    public const string EditBody = "正文";

    /// <summary>What may be changed from the summary.</summary>
    public const string EditTargets = "发送范围";

    /// <summary>What may be changed from the summary.</summary>
    public const string EditNumber = "文号";

    /// <summary>What may be changed from the summary.</summary>
    public const string EditMajor = "事项级别";

    /// <summary>What may be changed from the summary.</summary>
    public const string EditSigner = "签发人";

    /// <summary>A person outside the office typed 通报.</summary>
    public const string ComposeRefused = OnlyOfficeComposes + "如需发布通知，请联系领导小组办公室。";

    /// <summary>The dialog starts.</summary>
    public const string ComposeStarted = "开始拟发公文。随时回复“取消”可放弃，确认发送前不会保存，也不占用文号。";

    /// <summary>通报 said during an unfinished draft.</summary>
    public const string ComposeResumed = "继续拟稿。";

    /// <summary>A dialog state from an older version.</summary>
    public const string ComposeExpired = "对话已失效，请回复“通报”重新开始。";

    /// <summary>取消 during the compose dialog.</summary>
    public const string ComposeCancelled = "已取消，本次拟稿未保存，文号未占用。需要时回复“通报”重新开始。";

    /// <summary>取消 while typing the reason for 退回.</summary>
    public const string ReturnCancelled = "已取消退回，该公文仍待您签发。";

    /// <summary>The signer pressed 退回.</summary>
    public const string AskReturnComment = "请输入退回意见（将转给拟稿人），或回复“取消”。";

    /// <summary>The 退回 comment, as the toolkit's checks name it ("退回意见不能为空").</summary>
    public const string ReturnCommentName = "退回意见";

    /// <summary>The kind question.</summary>
    public const string AskKind = "请选择公文类别：";

    /// <summary>The first targets question.</summary>
    public const string AskTargets = "请选择发送对象（可多次添加）：";

    /// <summary>No group chats on file.</summary>
    public const string NoGroups = "名录中没有登记群聊。";

    /// <summary>The groups question (a numbered list follows).</summary>
    public const string AskGroups = "请选择群聊（回复序号，多个用空格或顿号分隔；回复“全部”选择全部群聊）：";

    /// <summary>The units question.</summary>
    public const string AskUnits = "请回复成员单位名称，多个用顿号、逗号或空格分隔（如“省教育厅、大理州”）；也可回复“全部”“省直部门”“州市”“县区”或“专项行动组”。发送给各单位的联络员。";

    /// <summary>The units question again.</summary>
    public const string AskUnitsAgain = "请回复成员单位名称，或回复“全部”。";

    /// <summary>The roles question.</summary>
    public const string AskRoles = "请选择角色（发送给名录中担任该角色的全部人员）：";

    /// <summary>The roles question again.</summary>
    public const string AskRolesAgain = "请选择角色：";

    /// <summary>Everyone was added.</summary>
    public const string EveryoneAdded = "已添加：全体人员。";

    /// <summary>The targets were cleared.</summary>
    public const string TargetsCleared = "已清空发送对象。";

    /// <summary>下一步 with no target.</summary>
    public const string TargetsNeeded = "请至少选择一个发送对象。";

    /// <summary>Something else typed at the targets question.</summary>
    public const string TargetsAgain = "请选择要添加的发送对象，或点击“下一步”。";

    /// <summary>The edit question.</summary>
    public const string AskEdit = "请选择要修改的内容：";

    /// <summary>The summary card's title.</summary>
    public const string ConfirmTitle = "确认发送";

    /// <summary>The title question.</summary>
    public static string AskTitle(CircularKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"请输入{kind.Name}的标题（如“关于……的{kind.Name}”），不超过{CircularService.MaxTitleLength}字。");

    /// <summary>The body question, in plain words: type or paste the text; paragraphs are kept.</summary>
    public static string AskBody() => string.Create(CultureInfo.InvariantCulture,
        $"请发送正文，直接输入或粘贴即可，分段会原样保留（最多{CircularService.MaxBodyLength}字）。对话中不能添加附件，需要附件（如专报 Word 文件）的，请在办公室工作台拟稿。");

    /// <summary>A title or body that will not do, and the question again.</summary>
    public static string AskAgain(string problem) => $"{problem}请修改后重新发送。";

    /// <summary>An unknown kind typed at the kind question.</summary>
    public static string ChooseKind(IEnumerable<CircularKind> all) => $"请从以下类别中选择：{string.Join("、", all.Select(k => k.Name))}。";

    /// <summary>The targets so far.</summary>
    public static string TargetsSoFar(string described) => $"当前发送对象：{described}。\n可继续添加，选好后点击“下一步”。";

    /// <summary>One line of the group list.</summary>
    public static string GroupLine(int position, GroupChat g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var kind = g.Kind.Label;
        return string.Create(CultureInfo.InvariantCulture, $"{position}. {g.Name}——{kind}") + (g.MemberIds.Count > 0 ? $"，{g.MemberIds.Count}人" : "");
    }

    /// <summary>Group numbers not understood.</summary>
    public static string GroupsNotUnderstood(IEnumerable<string> unknown, int count) => unknown.Any()
        ? $"未能识别：{string.Join("、", unknown)}。请回复 1 到 {count} 之间的序号。"
        : $"请回复 1 到 {count} 之间的序号，或回复“全部”。";

    /// <summary>Groups added.</summary>
    public static string GroupsAdded(IEnumerable<string> names) => $"已添加群聊：{string.Join("、", names)}。";

    /// <summary>A unit name not on file.</summary>
    public static string UnitUnknown(string token) => $"“{token}”不在名录中";

    /// <summary>A unit name that matches several.</summary>
    public static string UnitAmbiguous(string token, IEnumerable<string> names) => $"“{token}”可能是{string.Join("、", names)}，请写全称";

    /// <summary>Unit names with problems: nothing was added.</summary>
    public static string UnitsRejected(IEnumerable<string> problems) => $"{string.Join("；", problems)}。请重新输入，本次未添加任何单位。";

    /// <summary>Units added.</summary>
    public static string UnitsAdded(IReadOnlyList<string> names) =>
        $"已添加：{(names.Count <= 5 ? string.Join("、", names) : $"{string.Join("、", names.Take(3))}等{names.Count}家单位")}（发送给联络员）。";

    /// <summary>A role added.</summary>
    public static string RoleAdded(Roles role) => $"已添加：{AllOfRole(role)}。";

    /// <summary>The 重大事项 question.</summary>
    public static string AskMajor(CircularKind kind) =>
        $"这份{kind.Name}是否为重大事项？一般事项由{SignOffTitle(kind.SignOff)}审批签发，重大事项须报{SignOffTitle(kind.MajorSignOff!.Value)}审批。";

    /// <summary>The number question.</summary>
    public static string AskNumber(string suggested) => $"建议文号：{suggested}\n点击“使用建议文号”，或直接输入其他文号。";

    /// <summary>Nobody can sign: the draft is dropped.</summary>
    public static string NobodyToSignDropped(CircularKind kind, SignOffBy rule) => NobodyToSign(kind, rule) + "本次拟稿未保存。";

    /// <summary>The signer question.</summary>
    public static string AskSigner(SignOffBy rule) => $"请选择签发人（{SignOffTitle(rule)}）：";

    /// <summary>A candidate signer's button.</summary>
    public static string SignerLabel(Person p) => p.Title is null ? p.Name : $"{p.Name}（{p.Title}）";

    /// <summary>The summary to check before sending (Markdown; the office's own text shown as typed).</summary>
    public static string Summary(CircularKind kind, string number, string title, string body, string targets, int recipients,
        IEnumerable<string> notes, Person? signer, SignOffBy rule, bool major)
    {
        var sb = new StringBuilder();
        sb.Append("**请核对").Append(kind.Name).AppendLine("**").AppendLine();
        sb.Append("**文号**：").AppendLine(number).AppendLine();
        sb.Append("**标题**：").AppendLine(MarkdownText.Escape(title)).AppendLine();
        sb.Append("**发送范围**：").Append(targets).Append("；需确认收到 ").Append(recipients).AppendLine(" 人").AppendLine();
        foreach (var note in notes)
        {
            sb.Append("> ").AppendLine(note);
        }

        sb.Append("**签发**：").AppendLine(signer is null
            ? "无需签发，确认后立即印发"
            : $"{signer.Name}（{SignOffTitle(rule)}{(major ? "，重大事项" : "")}）").AppendLine();
        sb.AppendLine("**正文**：").AppendLine().AppendLine(Paragraphs(body));
        return sb.ToString().TrimEnd();
    }

    /// <summary>The summary message's title.</summary>
    public static string SummaryTitle(CircularKind kind) => $"核对{kind.Name}";

    /// <summary>The confirmation card's text.</summary>
    public static string ConfirmText(Person? signer) => signer is null
        ? "内容无误请点击“印发”，将立即发送。"
        : $"内容无误请点击“送签”，{signer.Name}签发后立即印发。";

    /// <summary>Something else typed at the confirmation.</summary>
    public static string ConfirmAgain(string send) => $"请选择：{send}、修改，或回复“取消”放弃。";

    /// <summary>Sending was refused: the draft stays in the dialog.</summary>
    public static string SendRefused(string errors) => errors + "\n请处理后再次点击发送，或回复“取消”。";

    /// <summary>What comes after a successful send: notes, and how to withdraw or follow it.</summary>
    public static string SentFollowUp(long id, bool issued, IReadOnlyList<string> notes) =>
        (notes.Count > 0 ? "\n" + string.Join("\n", notes) : "") + (issued
            ? string.Create(CultureInfo.InvariantCulture, $"\n回复“通报情况 #{id}”可随时查看确认情况。")
            : string.Create(CultureInfo.InvariantCulture, $"\n如需撤回，回复“撤回 #{id}”。"));
}
