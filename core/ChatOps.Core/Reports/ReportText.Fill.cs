namespace ChatOps.Core.Reports;

/// <summary>The 填报 dialog's texts: choosing a report, its questions, the summary and the buttons.</summary>
public static partial class ReportText
{
    /// <summary>The button (and word) that ends a list.</summary>
    public const string DoneWord = "完成";

    /// <summary>The button (and word) that skips an optional question.</summary>
    public const string SkipWord = "跳过";

    /// <summary>The summary's button (and word) that submits.</summary>
    public const string SubmitWord = "提交";

    /// <summary>The summary's button (and word) that changes an answer.</summary>
    public const string EditWord = "修改";

    /// <summary>The button (and word) that abandons the dialog.</summary>
    public const string CancelWord = "取消";

    /// <summary>The button that revises a submitted report.</summary>
    public const string ReviseWord = "修改报告";

    /// <summary>The button that leaves a submitted report as it is.</summary>
    public const string KeepWord = "不修改";

    /// <summary>The fallback button of a liaison.</summary>
    public const string FillButton = "填报";

    /// <summary>The fallback button of a reviewing leader.</summary>
    public const string AwaitingButton = "待审";

    /// <summary>帮助's line for 填报.</summary>
    public const string FillHelp = "**填报**：填写或修改本单位的周报、季报";

    /// <summary>帮助's line for 状态 (office staff).</summary>
    public const string OfficeStatusHelp = "**状态**：各单位本期和上一期的报送情况（未报送、迟报、待审核、已退回的单位）；可指定期次，如“状态 上周”“状态 2026-W49”“状态 季报”";

    /// <summary>帮助's line for 状态 (everyone else).</summary>
    public const string StatusHelp = "**状态**：查看本期应报、已报情况";

    /// <summary>填报 with nothing open.</summary>
    public const string NothingToFill = "目前没有需要填报的报告。";

    /// <summary>The list of open reports.</summary>
    public const string ChooseReport = "请选择要填报的报告：";

    /// <summary>填报 said again after a conflict.</summary>
    public const string ConflictPending = "您上次提交时报告已被他人修改，请选择：";

    /// <summary>An answer to the conflict question that is neither choice.</summary>
    public const string ChooseOne = "请选择：";

    /// <summary>不修改 after opening a submitted report.</summary>
    public const string Unchanged = "报告内容未作改动。";

    /// <summary>A dialog step the dialog no longer knows.</summary>
    public const string DialogExpired = "本次填报已失效，请回复“填报”重新开始。";

    /// <summary>放弃 after a conflict.</summary>
    public const string MineDiscarded = "已放弃您的修改，报告保持最新版本。回复“状态”可查看。";

    /// <summary>The report vanished during a conflict.</summary>
    public const string ReportGone = "该报告已不存在，请回复“填报”重新开始。";

    /// <summary>The latest version opened after a conflict, with nothing of one's own to keep.</summary>
    public const string LatestOpened = "已打开最新版本，请核对后提交。";

    /// <summary>The question's note when a list is answered again.</summary>
    public const string ReplacesItems = "\n（重新发送的内容将替换原有内容）";

    /// <summary>An empty answer.</summary>
    public const string EmptyAnswer = "内容不能为空，请重新发送。";

    /// <summary>An empty answer in the summary.</summary>
    public const string NotFilled = "（未填写）";

    /// <summary>The summary card's title.</summary>
    public const string ConfirmTitle = "确认报送";

    /// <summary>The summary after the deadline.</summary>
    public const string LateNote = "已过截止时间，提交后将记为迟报。";

    /// <summary>修改 in the summary.</summary>
    public const string ChooseField = "请选择要修改的内容：";

    /// <summary>Anything else in the summary.</summary>
    public const string SummaryChoices = "请选择：提交、修改，或回复“取消”放弃。";

    /// <summary>The numbered choice among open reports was not understood.</summary>
    public static string ChooseReportNumber(int count) => $"请回复 1 到 {count} 之间的序号选择要填报的报告，或回复“取消”。";

    /// <summary>The numbered choice among fields was not understood.</summary>
    public static string ChooseFieldNumber(int count) => $"请回复 1 到 {count} 之间的序号选择要修改的内容。";

    /// <summary>A report in the list of open ones.</summary>
    public static string Candidate(string unit, string period, bool late, string due) =>
        late ? $"补报{unit}{period}（已逾期）" : $"{unit}{period}（{due}截止）";

    /// <summary>One's own edits kept on the latest version after a conflict.</summary>
    public static string MineKept(IEnumerable<string> labels) =>
        $"已在最新版本上保留您改动的内容（{string.Join("、", labels)}），其余为最新版本的内容，请核对后提交。";

    /// <summary>A question: "（2/5）工作进展" and its prompt.</summary>
    public static string Question(int number, int count, string label, string prompt) => $"（{number}/{count}）{label}\n{prompt}";

    /// <summary>完成 with no item.</summary>
    public static string AtLeastOne(string label) => $"请至少填写一条{label}。";

    /// <summary>An item over the field's limit.</summary>
    public static string ItemTooLong(int? number, int max, int length) =>
        $"{(number is { } n ? $"第{n}条" : "这一条")}内容过长（最多{max}字，现为{length}字），请精简后重新发送。本条未记录。";

    /// <summary>跳过 on a required number.</summary>
    public static string NumberRequired(string label) => $"{label}为必填项，请填写数字。";

    /// <summary>Items recorded so far.</summary>
    public static string ItemsRecorded(int added, int total) =>
        (added == 1 ? $"已记录第{total}条。" : $"已记录{added}条，共{total}条。") + $"可继续发送，全部发完请回复“{DoneWord}”。";

    /// <summary>The head of a list field shown for changing: "工作进展（共3条）：".</summary>
    public static string ItemsHead(string label, int count) => $"{label}（共{count}条）：";

    /// <summary>The summary's heading.</summary>
    public static string Check(string title) => $"请核对{title}";

    /// <summary>The summary's deadline line.</summary>
    public static string DeadlineNote(string deadline) => $"截止时间：{deadline}。";

    /// <summary>The summary card's text.</summary>
    public static string ConfirmAsk(string deadlineNote, string hints) => $"{deadlineNote}内容无误请点击“{SubmitWord}”。{hints}";

    /// <summary>A computed rate under the answers ("整改达标率：92.5%").</summary>
    public static string RateLine(string rate) => $"**整改达标率**：{rate}%";
}
