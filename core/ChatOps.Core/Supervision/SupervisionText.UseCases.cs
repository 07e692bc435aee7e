namespace ChatOps.Core.Supervision;

/// <summary>The use cases' answers (chat, CLI and console alike), the import's errors, the default sources and the audit details.</summary>
public static partial class SupervisionText
{
    /// <summary>The source of an imported problem without one (问题来源 left empty).</summary>
    public const string InspectionSource = "督查检查";

    /// <summary>The source of an imported complaint without one.</summary>
    public const string ComplaintPlatformSource = "社会监督平台";

    /// <summary>The source of a complaint entered on the console without one.</summary>
    public const string ComplaintEntrySource = "社会监督";

    /// <summary>The source of a 督办 task without one.</summary>
    public const string TaskSource = "领导小组决策部署";

    /// <summary>The source of a task broken down from a meeting's agreed item without one.</summary>
    public static string MeetingItemSource(long itemId) => $"会议议定事项 #{itemId}";

    /// <summary>An import file that cannot be read (<paramref name="reason"/>: the reader's message).</summary>
    public static string Unreadable(string reason) => $"无法读取文件：{reason}";

    /// <summary>An import of 督办 tasks.</summary>
    public const string TasksNotImported = "督办事项请逐项交办（task-create），不能从问题清单导入。";

    /// <summary>An import file with a header and no rows.</summary>
    public const string NoRows = "文件中没有问题。";

    /// <summary>An empty import file.</summary>
    public const string EmptyFile = "文件是空的，第 1 行应是表头（县（市、区）、点位、问题描述、责任单位、整改时限、问题来源）。";

    /// <summary>The .xlsx file is not a workbook.</summary>
    public const string NotExcel = "不是有效的 Excel 文件。";

    /// <summary>The workbook has no worksheet.</summary>
    public const string NoWorksheet = "Excel 文件中没有工作表。";

    /// <summary>“第 3 行：”, the beginning of every error of a file's line.</summary>
    public static string AtLine(int line) => $"第 {line} 行：";

    /// <summary>The header row lacks a required column (<paramref name="column"/>: its first name).</summary>
    public static string MissingColumn(int line, string column) => $"{AtLine(line)}缺少“{column}”列。";

    /// <summary>The problems of one row, on one line.</summary>
    public static string RowErrors(int line, IEnumerable<string> problems) => $"{AtLine(line)}{Problems(problems)}。";

    /// <summary>Several problems of one row or one task, as one text.</summary>
    public static string Problems(IEnumerable<string> problems) => string.Join("；", problems);

    /// <summary>A row without its county.</summary>
    public const string MissingUnit = "缺少县（市、区）";

    /// <summary>A row or task naming a unit the directory does not have.</summary>
    public static string UnknownUnit(string unit) => $"名录中没有单位“{unit}”";

    /// <summary>A row without its description.</summary>
    public const string MissingDescription = "缺少问题描述";

    /// <summary>A row whose description is too long.</summary>
    public static string DescriptionTooLong(int max) => $"问题描述超过 {max} 字";

    /// <summary>A row without its deadline.</summary>
    public const string MissingDeadline = "缺少整改时限";

    /// <summary>A row whose deadline cannot be read.</summary>
    public static string BadDeadline(string text) => $"整改时限“{text}”不是有效日期（应写成 2026-06-30）";

    /// <summary>A task linked to a meeting's agreed item that does not exist.</summary>
    public static string NoMeetingItem(long itemId) => $"未找到编号为 {itemId} 的会议议定事项。";

    /// <summary>A task without its unit.</summary>
    public const string NoTaskUnit = "请指定承办单位";

    /// <summary>A task without its text.</summary>
    public const string NoTaskText = "请填写督办内容";

    /// <summary>A task whose text is too long.</summary>
    public static string TaskTextTooLong(int max) => $"督办内容超过 {max} 字";

    /// <summary>A task assigned.</summary>
    public static string TaskCreatedOutcome(SupervisionItem task, string unitName) => $"已交办督办事项 #{task.Id}（{unitName}，{Date(task.Deadline)}前办结）。";

    /// <summary>A milestone whose percentage is not 1–100.</summary>
    public static string BadPercent(int percent) => $"整改达标率目标应在 1–100 之间（收到 {percent}）。";

    /// <summary>A milestone set.</summary>
    public static string MilestoneSetOutcome(DateOnly date, int percent) => $"已设定：{Date(date)}前问题清单整改达标率达到{percent}%。";

    /// <summary>assign-supervisor with a unit the directory does not have.</summary>
    public static string NoSuchUnit(string unit) => $"名录中没有单位“{unit}”。";

    /// <summary>assign-supervisor with a person the directory does not have.</summary>
    public static string NoSuchPerson(string personId) => $"名录中没有人员“{personId}”。";

    /// <summary>assign-supervisor with a person who does not hold 督战组 in the directory.</summary>
    public static string NotSupervisor(string name) => $"{name}在名录中没有“督战组”角色，请先在名录中添加。";

    /// <summary>A person made one of a unit's 督战组.</summary>
    public static string SupervisorAssignedOutcome(string personName, string unitName) => $"已将{personName}列入{unitName}督战组。";

    /// <summary>Progress recorded.</summary>
    public static string ProgressOutcome(SupervisionItem item) =>
        $"已记录 #{item.Id} 的工作进展。完成后请回复“{ReportVerb(item.Kind)} #{item.Id}”报送。";

    /// <summary>A rectification or completion reported, now waiting for the verifiers.</summary>
    public static string ReportedOutcome(SupervisionItem item) =>
        $"已报送 #{item.Id} 的{ReportVerb(item.Kind)}情况，待{(item.Kind == SupervisionKind.Task ? "领导小组办公室" : "督战组")}核验销号。";

    /// <summary>An extension asked to a date not after the deadline or before today.</summary>
    public static string ExtensionTooEarly(SupervisionItem item) => $"申请延期的日期应晚于现有整改时限（{Date(item.Deadline)}）和今天。";

    /// <summary>The history's line of an extension request: the date asked and the reason.</summary>
    public static string ExtensionEntry(DateOnly to, string reason) => $"延至{Date(to)}，{reason}";

    /// <summary>An extension requested.</summary>
    public static string ExtensionRequestedOutcome(long id, DateOnly to) => $"已提交 #{id} 的延期申请（延至{Date(to)}），待审批。";

    /// <summary>An extension approved or refused.</summary>
    public static string ExtensionDecidedOutcome(long id, bool approved, DateOnly to) =>
        approved ? $"已同意 #{id} 延期至{Date(to)}，并告知责任单位。" : $"已不同意 #{id} 的延期申请，并告知责任单位。";

    /// <summary>The history's line of a 销号.</summary>
    public const string ClosedEntry = "核验通过";

    /// <summary>An item closed.</summary>
    public static string ClosedOutcome(long id) => $"#{id} 已核验销号，并告知责任单位。";

    /// <summary>An item returned.</summary>
    public static string ReturnedOutcome(long id) => $"已将 #{id} 退回整改，并告知责任单位。";

    /// <summary>The word a unit answers with when an item is done: 办结 for a task, 整改 otherwise (the chat's command word too).</summary>
    private static string ReportVerb(SupervisionKind kind) => kind == SupervisionKind.Task ? "办结" : "整改";

    /// <summary>The supervision use cases' audit details (written to the audit log, read on the console's audit page).</summary>
    public static class Audit
    {
        /// <summary>A problem or complaint imported or entered.</summary>
        public static string Imported(SupervisionKind kind, string description) => $"{KindName(kind)}：{description}";

        /// <summary>A task assigned to a unit.</summary>
        public static string TaskCreated(string unitName, string description) => $"{unitName}：{description}";
    }
}
