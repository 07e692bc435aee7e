namespace ChatOps.Core.Reports;

/// <summary>The console's report pages' own texts: 报告's history, 专报编辑's notices and 报送统计's export and draft.</summary>
public static partial class ReportText
{
    /// <summary>An audit action in a report's history on the console's 报告 page, as the office reads it.</summary>
    public static string ActionName(string action) => action switch
    {
        "report.draft" => "开始填写",
        "report.submit" => "提交",
        "report.revise" => "修改后重新提交",
        "report.approve" => "审核通过",
        "report.return" => "退回",
        "report.discard" => "放弃草稿",
        _ => action,
    };

    /// <summary>专报编辑 saved with a date that is not yyyy-MM-dd.</summary>
    public const string BulletinDateFormat = "日期格式应为 2026-12-03。";

    /// <summary>专报编辑 after 重新汇编.</summary>
    public const string BulletinRecompiled = "已按各单位报告重新汇编（尚未保存）。";

    /// <summary>报送统计's export: the file's name (报送统计-2026年11月.xlsx).</summary>
    public static string StatsFile(int? year, int? month) => $"报送统计-{year}年{month}月.xlsx";

    /// <summary>报送统计's export: its columns.</summary>
    public static IReadOnlyList<string> StatsColumns { get; } = ["排名", "单位", "应报", "按时", "迟报", "未报", "退回", "免报", "按时报送率"];

    /// <summary>报送统计 after the month's 信息报送情况通报 was drafted as a 通报.</summary>
    public static string ComplianceDrafted(string number, string title) => $"已起草{number}《{title}》（草稿，尚未发出）。请核改后送办公室主任签发。";
}
