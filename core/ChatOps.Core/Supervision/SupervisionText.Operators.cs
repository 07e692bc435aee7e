namespace ChatOps.Core.Supervision;

/// <summary>The console page's and the CLI verbs' own texts (their use cases' answers are the service's).</summary>
public static partial class SupervisionText
{
    /// <summary>The console's export: its columns.</summary>
    public static IReadOnlyList<string> ExportColumns { get; } = ["编号", "单位", "地点", "内容", "责任单位", "来源", "时限", "状态", "逾期", "反映人"];

    /// <summary>The console's export: the 逾期 column of an overdue item.</summary>
    public const string OverdueMark = "是";

    /// <summary>The console's import without a file.</summary>
    public const string NoFileChosen = "请选择要导入的文件（.xlsx 或 .csv）。";

    /// <summary>The console's import of a file over 10 MB.</summary>
    public const string FileTooLarge = "文件超过 10 MB。";

    /// <summary>The console after an import.</summary>
    public static string ConsoleImported(int count, SupervisionKind kind) => $"已导入{count}条{KindName(kind)}，并通知各责任单位。";

    /// <summary>The console after one problem or complaint entered by hand.</summary>
    public static string ConsoleEntered(SupervisionKind kind) => $"已登记{KindName(kind)}，并通知责任单位联络员。";

    /// <summary>import-problems after the errors: how many, and that nothing was written.</summary>
    public static string CliImportFailed(int errors) => $"共 {errors} 处错误，未导入任何内容。";

    /// <summary>import-problems after an import.</summary>
    public static string CliImported(int count, SupervisionKind kind) => $"已导入 {count} 个{KindName(kind)}，并通知各责任单位联络员。";
}
