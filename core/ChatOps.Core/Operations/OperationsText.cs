namespace ChatOps.Core.Operations;

/// <summary>
/// Every Chinese text of the core's and the storage's operations, in one place to read and reword: the doctor's level
/// marks and the findings of the calendar, directory and database checks, and the office's alert when a channel keeps
/// failing. Outside it stay the English halves of the findings (for the vendor), the channels' own checks (WeComText,
/// BotFrameworkText) and what the bot host prints (HostText in the bot project).
/// </summary>
public static class OperationsText
{
    /// <summary>The doctor's tag for a level, the same in both languages.</summary>
    public static string LevelMark(DoctorLevel level) => level switch
    {
        DoctorLevel.Ok => "正常 OK",
        DoctorLevel.Info => "提示 INFO",
        DoctorLevel.Warning => "注意 WARN",
        _ => "阻断 FAIL",
    };

    /// <summary>A check that could not even run (it could not be built or it threw).</summary>
    public static string CheckFailed(string detail) => $"未能完成检查（{detail}）：请先处理上面的配置或数据库问题。";

    /// <summary>The office's alert when a channel keeps failing with the same problem.</summary>
    public static string ChannelAlert(string channel, ChannelProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return $"【渠道故障】{ConversationText.ChannelName(channel)}连续发送失败（错误码 {problem.Code}）：{problem.Chinese}" +
               "处理后可运行 doctor 命令复查。";
    }

    /// <summary>The calendar check: the year's holiday calendar is loaded.</summary>
    public static string CalendarLoaded(int year, string source) => $"{year} 年节假日安排已载入（{source}）。";

    /// <summary>The calendar check: the year's holiday calendar is missing (blocking this year, a warning next year).</summary>
    public static string CalendarMissing(int year) =>
        $"缺少 {year} 年节假日安排，截止时间将按周一至周五计算、不会顺延：国务院办公厅通知发布后，按 core/ChatOps.Core/Calendar/README.md 添加 cn-{year}.yaml 并升级。";

    /// <summary>The directory check: nothing imported yet.</summary>
    public const string DirectoryEmpty = "名录为空：请用 import-directory 导入成员单位和人员名录。";

    /// <summary>The directory check: units without a liaison.</summary>
    public static string UnitsWithoutLiaison(int count, string names) =>
        $"{count} 个单位未指定联络员（{names}），这些单位收不到报送提醒：请用 change-liaison 备案联络员。";

    /// <summary>The directory check: people without any chat account.</summary>
    public static string PeopleUnreachable(int count, string names) =>
        $"{count} 人没有任何聊天账号（{names}），机器人无法联系：请在名录中补填企业微信账号或 BotFramework 账号后重新导入。";

    /// <summary>The directory check: reviewed units whose only reviewer would be the liaison.</summary>
    public static string UnitsSelfReviewed(int count, string names) =>
        $"{count} 个需上报审核的单位没有联络员以外的分管领导（{names}）：请在名录中为其指定分管领导，或取消“上报需审核”。";

    /// <summary>The directory check found nothing to fix.</summary>
    public static string DirectoryComplete(int units, int people) => $"名录完整：{units} 个单位均有联络员，{people} 人均有聊天账号。";

    /// <summary>The names a directory finding lists: all of them, or the first <paramref name="listed"/> and how many in all.</summary>
    public static string NameList(IReadOnlyList<string> names, int listed)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Count <= listed ? string.Join("、", names) : string.Join("、", names.Take(listed)) + $" 等 {names.Count} 个";
    }

    /// <summary>The database check: reachable but no schema yet.</summary>
    public static string DatabaseEmpty(string where) => $"数据库（{where}）可以连接，但尚未初始化：首次启动时将自动建表。";

    /// <summary>The database check: cannot connect.</summary>
    public static string DatabaseUnreachable(string where, string detail) =>
        $"无法连接数据库（{where}）：{detail}。请检查 ConnectionStrings:ChatOps、数据库服务是否运行、防火墙和账号密码。";

    /// <summary>The database check: migrated by a newer version (the scripts this build does not know).</summary>
    public static string DatabaseNewer(IEnumerable<string> scripts) =>
        $"数据库由更新版本的 ChatOps 升级过（{string.Join("、", scripts)}）：请运行新版本，或恢复与本版本匹配的备份。";

    /// <summary>The database check: migrations to run at the next start.</summary>
    public static string MigrationsPending(int count, IEnumerable<string> scripts) =>
        $"有 {count} 个数据库升级脚本待执行（{string.Join("、", scripts)}），将在下次启动时自动执行：请先备份数据库。";

    /// <summary>The database check: reachable and current.</summary>
    public static string DatabaseCurrent(string provider, int executed) => $"数据库（{provider}）可连接，结构为最新（{executed} 个升级脚本已执行）。";

    /// <summary>The database check: the rolled-back write succeeded.</summary>
    public const string DatabaseWritable = "数据库可写。";

    /// <summary>The database check: the rolled-back write failed.</summary>
    public static string DatabaseNotWritable(string where, string detail) =>
        $"数据库（{where}）不可写：{detail}。请检查文件和所在目录的权限（运行服务的账号须可写），或数据库账号的写权限。";

    /// <summary>The database check: the SQLite file does not exist yet, but its folder can be written.</summary>
    public static string DatabaseFileMissing(string file) =>
        $"数据库文件 {file} 尚不存在，首次启动时将自动创建。如本应已有数据，请检查 Storage:DataFolder 或 ConnectionStrings:ChatOps 是否指向正确位置。";

    /// <summary>The database check: the SQLite file cannot be created in its folder.</summary>
    public static string DatabaseFileCannotBeCreated(string folder, string detail) =>
        $"无法在 {folder} 创建数据库文件：{detail}。请让运行服务的账号对该目录可写，或修改 Storage:DataFolder。";
}
